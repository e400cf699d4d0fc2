// Lazy loading, as a reader of a long article meets it: a <claim-cards> three
// screens below the fold downloads at most 12 KB of claim-cards (gzip) before
// the reader scrolls — no wasm, no bundle —, starts when it comes within
// 600 px of the viewport and is live before it is on screen; a reader who
// reaches it first by keyboard (focus) or touch starts it at once, with no
// scroll at all; `loading="eager"` starts it at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, newPage } from './support.mjs';

const BUDGET = 12 * 1024;
let dir;
let server;
let chrome;

/** An article with `screens` viewports of text above the widget (plain or prerendered, eager or lazy). */
function article({ screens = 3, loading = '' } = {}) {
  const paragraph = '<p>The talks resumed on Tuesday, officials said, after a week in which neither side would say what had been offered or refused. '.repeat(3) + '</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A long article</title><link rel="icon" href="data:,"><style>body { font: 18px/1.6 Georgia, serif; max-width: 40em; margin: 0 auto; padding: 0 1em; } .screen { min-height: 100vh; }</style>
<script type="module" src="/claim-cards.js"></script></head><body>
<h1>A long article</h1>
${Array.from({ length: screens }, () => `<div class="screen">${paragraph.repeat(2)}</div>`).join('\n')}
<claim-cards src="/bundles/us-hamas-talks.json"${loading ? ` loading="${loading}"` : ''}>
  <a href="/bundles/us-hamas-talks.json" id="fallback">The claims in this article</a>
</claim-cards>
<div class="screen">${paragraph}</div>
</body></html>`;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-lazy-'));
  fs.writeFileSync(path.join(dir, 'lazy.html'), article());
  fs.writeFileSync(path.join(dir, 'eager.html'), article({ loading: 'eager' }));
  // Compressed as a CDN serves it: the budget is on what travels.
  server = await startServer({ gzip: true, mounts: { '/lazy/': dir } });
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** What the page has fetched of claim-cards so far: names and bytes on the wire. */
function fetched(page) {
  return page.evaluate(() => performance.getEntriesByType('resource')
    .filter((r) => /claim-cards|bundles\//.test(r.name))
    .map((r) => ({ name: new URL(r.name).pathname, bytes: r.transferSize })));
}

async function open(name, { width = 412, height = 823 } = {}) {
  const page = await newPage(chrome.browser, { width, height });
  await page.goto(`${server.url}/lazy/${name}`);
  // Loaded, painted, and then a moment for anything the page would start on its own.
  await page.waitForFunction(() => customElements.get('claim-cards') && document.readyState === 'complete');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page;
}

const started = (page) => page.evaluate(() => performance.getEntriesByName('claim-cards:wasm-ready').length > 0
  || performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')));

test('three screens below the fold: at most 12 KB before the reader scrolls, live before it is on screen', async () => {
  const page = await open('lazy.html');
  // The page's own load is over (its images and scripts would be); nothing of the widget's wasm or bundle was asked for.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('claim-cards-') && r.name.endsWith('.css')));
  const before = await fetched(page);
  const bytes = before.reduce((n, r) => n + r.bytes, 0);
  assert.ok(bytes > 0 && bytes <= BUDGET, `${bytes} bytes before scrolling: ${JSON.stringify(before)}`);
  console.log(`before scrolling: ${bytes} bytes of claim-cards (${before.map((r) => `${r.name} ${r.bytes}`).join(', ')})`);
  assert.ok(!before.some((r) => r.name.endsWith('.wasm') || r.name.includes('/bundles/')), JSON.stringify(before));
  assert.equal(await started(page), false);

  // The reader scrolls until the widget is 300 px below the viewport (inside the 600 px margin): it starts…
  await page.evaluate(() => {
    const top = document.querySelector('claim-cards').getBoundingClientRect().top + scrollY;
    scrollTo(0, top - innerHeight - 300);
  });
  await page.waitForFunction(() => document.querySelector('claim-cards').filters !== null);
  // …and is live before any of it is on screen.
  const offscreen = await page.evaluate(() => document.querySelector('claim-cards').getBoundingClientRect().top >= innerHeight);
  assert.ok(offscreen, 'the widget was live while still below the viewport');
  await page.evaluate(() => document.querySelector('claim-cards').scrollIntoView());
  assert.ok(await page.evaluate(() => document.querySelector('claim-cards').shadowRoot.querySelectorAll('[data-claim-id]').length) > 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a keyboard reader who reaches the far widget starts it at once, without a scroll', async () => {
  const page = await open('lazy.html');
  assert.equal(await started(page), false);
  // Focus inside the element (its fallback link), the page not scrolled.
  await page.evaluate(() => document.getElementById('fallback').focus({ preventScroll: true }));
  await page.waitForFunction(() => document.querySelector('claim-cards').filters !== null);
  assert.equal(await page.evaluate(() => scrollY), 0);
  await page.context().close();
});

test('a touch on the far widget starts it at once', async () => {
  const page = await open('lazy.html');
  assert.equal(await started(page), false);
  await page.evaluate(() => document.querySelector('claim-cards').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'touch' })));
  await page.waitForFunction(() => document.querySelector('claim-cards').filters !== null);
  await page.context().close();
});

test('loading="eager" starts at once, wherever the element is', async () => {
  const page = await open('eager.html');
  await page.waitForFunction(() => document.querySelector('claim-cards').filters !== null);
  assert.equal(await page.evaluate(() => scrollY), 0);
  await page.context().close();
});
