// Input right after the first paint (issue #20): on the prerendered standalone
// page, with the CPU slowed 4× (Emulation.setCPUThrottlingRate) and the wasm
// still loading, a word typed into the search box as soon as the first
// contentful paint is reported (the facets are folded away on a phone; the
// controls take input from the first paint: they are live in the HTML).
// Three figures per load, from the input event:
//   shown    the next frame (the words in the box)
//   coming   the frame that shows the results dimmed (early.js has seen the
//            input, whether typed before or after it ran)
//   applied  the frame after the widget showed the filtered count
// Everything goes through the DevTools protocol (Playwright's own helpers
// would inject a large script into the page, itself a long task at 4×).
//
//   node scripts/bench/early.mjs [--runs N]    (a release build in dist/)
import { startServer, launch } from '../../tests/e2e/support.mjs';

// In the page from its start: the times of the first input and of the paints after it.
const PROBE = `(() => {
  const t = window.__early = {};
  const frame = (then) => requestAnimationFrame(() => setTimeout(() => then(performance.now()), 0));
  addEventListener('DOMContentLoaded', () => {
    const el = document.querySelector('claim-cards');
    const root = el && el.shadowRoot;
    if (!root) return;
    root.addEventListener('input', (e) => {
      if (t.input) return;
      t.input = e.timeStamp;
      frame((now) => { t.shown = now; });
      const dimmed = () => {
        if (root.querySelector('[data-cc-pending]') || t.applied) frame((now) => { t.coming ??= now; });
        else requestAnimationFrame(dimmed);
      };
      dimmed();
      const watch = () => {
        const line = root.querySelector('.cc-count-line');
        if (line && / of /.test(line.textContent)) frame((now) => { t.applied = now; });
        else requestAnimationFrame(watch);
      };
      watch();
    }, true);
  });
})();`;

async function once(browser, url, rate) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Runtime.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: PROBE });
  const evaluate = async (expression) => (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })).result.value;
  await cdp.send('Page.navigate', { url });
  const poll = async (expression, what) => {
    for (let i = 0; i < 3000; i++) {
      const v = await evaluate(expression);
      if (v) return v;
      await new Promise((r) => setTimeout(r, 5));
    }
    const state = await evaluate(`JSON.stringify({ early: window.__early, line: document.querySelector('claim-cards')?.shadowRoot?.querySelector('.cc-count-line')?.textContent, checked: document.querySelector('claim-cards')?.shadowRoot?.querySelector('input[type=search]')?.value })`);
    throw new Error(`${url}: ${what} never came (${state})`);
  };
  await poll("performance.getEntriesByName('first-contentful-paint').length > 0", 'a first paint');
  const box = await poll(`(() => {
    const el = document.querySelector('claim-cards')?.shadowRoot?.querySelector('input[type=search]');
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return r.height > 0 && { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  })()`, 'the search box');
  const wasmBefore = await evaluate("!performance.getEntriesByName('claim-cards:wasm-ready').length");
  // A tap on the search box, then a word typed (one input event).
  for (const type of ['mousePressed', 'mouseReleased']) {
    await cdp.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
  }
  await cdp.send('Input.insertText', { text: 'hamas' });
  const t = await poll('window.__early.applied && window.__early', 'the filtered cards');
  await context.close();
  return { shown: t.shown - t.input, coming: t.coming - t.input, applied: t.applied - t.input, wasmStillLoading: wasmBefore };
}

export async function earlyInput({ base, runs = 5, rate = 4 }) {
  const chrome = await launch();
  try {
    const all = [];
    for (let i = 0; i < runs; i++) all.push(await once(chrome.browser, `${base}/`, rate));
    return all;
  } finally {
    await chrome.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--runs');
  const server = await startServer({ gzip: true });
  try {
    const all = await earlyInput({ base: server.url, runs: i >= 0 ? Number(args[i + 1]) : 5 });
    const med = (k) => { const s = all.map((x) => x[k]).sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
    console.log(JSON.stringify(all.map((x) => ({ shown: Math.round(x.shown), coming: Math.round(x.coming), applied: Math.round(x.applied), wasmStillLoading: x.wasmStillLoading }))));
    const f = (k) => `median ${med(k).toFixed(0)} ms, worst ${Math.max(...all.map((x) => x[k])).toFixed(0)} ms`;
    console.log(`input → shown: ${f('shown')}; input → shown as coming: ${f('coming')}; input → applied: ${f('applied')}`);
  } finally {
    await server.close();
  }
}
