// The editor's figures (scripts/benchmark --studio), on the release build in
// dist/: what editor.html downloads (raw, gzip, brotli); from pressing Draft on
// the seed article to its cards in the preview; and, in a 50-claim bundle, the
// work of a keystroke in a claim's text until the preview shows it (and until
// the next frame), as medians and 95th percentiles. Timed inside the page
// (performance.now), in headless Chromium on this machine.
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, newPage, DIST, ROOT } from '../../tests/e2e/support.mjs';
import { generateBundle } from './gen-bundle.mjs';
import { measure, version as crateVersion } from './transfer.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DRAFTS = arg('--drafts', 10);
const KEYS = arg('--keys', 100);
const version = crateVersion(ROOT);
const files = ['editor.html', 'editor.js', 'editor.css', `claim-cards-studio-${version}.js`, `claim-cards-studio-${version}.wasm`, `claim-cards-${version}.css`];
const size = measure(DIST, files);
const wasm = measure(DIST, [`claim-cards-studio-${version}.wasm`]);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]; };

const seedDir = path.join(ROOT, '..', 'shared', 'seeds');
const seed = fs.readFileSync(path.join(seedDir, fs.readdirSync(seedDir).find((f) => f.endsWith('.txt'))), 'utf8');
const bundleFile = path.join(ROOT, 'target', 'bench-studio-50.json');
fs.mkdirSync(path.dirname(bundleFile), { recursive: true });
fs.writeFileSync(bundleFile, JSON.stringify(generateBundle(50)));

const server = await startServer({ gzip: true });
const chrome = await launch();
try {
  // Draft → cards in the preview, each time in a fresh page.
  const draft = [];
  for (let i = 0; i < DRAFTS + 1; i++) {
    const page = await newPage(chrome.browser);
    await page.goto(`${server.url}/editor.html`);
    await page.getByRole('status').filter({ hasText: 'saved in this browser' }).waitFor();
    await page.getByLabel('Article text').fill(seed);
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Draft');
      const root = () => document.querySelector('.st-widget')?.shadowRoot;
      const t0 = performance.now();
      const check = () => {
        if (root()?.querySelector('[data-claim-id]')) { resolve(performance.now() - t0); return true; }
        return false;
      };
      const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
      observer.observe(root(), { subtree: true, childList: true });
      button.click();
      check();
    }));
    if (i > 0) draft.push(ms); // the first warms the browser's caches
    await page.context().close();
  }

  // A keystroke in a claim's text, in a 50-claim bundle.
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/editor.html`);
  await page.getByRole('status').filter({ hasText: 'saved in this browser' }).waitFor();
  await page.getByLabel('Choose files…').setInputFiles(bundleFile);
  await page.getByText(/^Opened /).waitFor();
  await page.locator('.st-claim-pick').first().click();
  await page.getByLabel('What was said').waitFor();
  const keys = await page.evaluate((n) => new Promise((resolve) => {
    const area = document.querySelector('textarea[id$="-text"]');
    const root = document.querySelector('.st-widget').shadowRoot;
    const work = []; const frame = [];
    let i = 0;
    const next = () => {
      if (i === n) { resolve({ work, frame }); return; }
      const mark = ` k${i}`;
      const t0 = performance.now();
      let done = false;
      const observer = new MutationObserver(() => {
        if (!done && root.textContent.includes(mark)) {
          done = true;
          work.push(performance.now() - t0);
          observer.disconnect();
          requestAnimationFrame(() => { frame.push(performance.now() - t0); i += 1; setTimeout(next, 20); });
        }
      });
      observer.observe(root, { subtree: true, childList: true, characterData: true });
      area.value += mark;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: mark }));
    };
    next();
  }), KEYS);
  const line = (name, xs) => `${name}: median ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} runs)`;
  console.log(`Editor transfer (${files.join(', ')}): ${kb(size.gz)} gzip, ${kb(size.br)} brotli, ${kb(size.raw)} raw; of which the wasm ${kb(wasm.gz)} gzip, ${kb(wasm.br)} brotli`);
  console.log(line('Draft (seed article) → cards in the preview', draft));
  console.log(line('Keystroke in a claim → in the preview (work), 50 claims', keys.work));
  console.log(line('Keystroke → next frame, 50 claims', keys.frame));
} finally {
  await chrome.close();
  await server.close();
}
