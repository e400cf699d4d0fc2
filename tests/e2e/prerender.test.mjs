// End-to-end tests of prerendered widgets (`claim-cards render`): readable
// before and without JavaScript, then taken over by the wasm without a flash,
// a layout shift, a lost focus or scroll position; a prerender that no longer
// matches its bundle is rendered afresh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, newPage, cardIds, waitForCards, waitForCount, SHOTS, DIST } from './support.mjs';

let server;
let chrome;

before(async () => {
  server = await startServer();
  chrome = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

/** Holds the wasm's download until `release()`: the prerender alone is on screen meanwhile. */
async function holdWasm(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

/** Records layout shifts from the start. */
async function recordShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const live = (page) => waitForCards(page);

test('with JavaScript off the standalone page shows every card, and not the controls it could not use', async () => {
  for (const [name, width, height] of [['phone', 360, 800], ['desktop', 1280, 900]]) {
    for (const scheme of ['light', 'dark']) {
      const context = await chrome.browser.newContext({ javaScriptEnabled: false, viewport: { width, height }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      assert.equal((await cardIds(page)).length, 17);
      assert.equal(await page.textContent('.cc-count-line'), '17 claims');
      // (They are live in the HTML — a reader with scripts types before
      // they run —; the stylesheet hides them without scripting.)
      assert.equal(await page.isVisible('[data-claim-id=panikoff-quote]'), true);
      assert.equal(await page.isVisible('.cc-filterbar'), false);
      assert.equal(await page.isVisible('input[type=search]'), false);
      assert.equal(await page.isVisible('[data-claim-id=panikoff-quote] .cc-copy'), false);
      // Links are links without the wasm.
      assert.equal(await page.getAttribute('[data-claim-id=panikoff-quote] a.cc-chip', 'href'),
        'https://thanhnien.vn/chinh-quyen-trump-truc-tiep-xu-ly-chuyen-gaza-185250306204618634.htm');
      await page.screenshot({ path: path.join(SHOTS, `nojs-${name}-${scheme}.png`) });
      await context.close();
    }
  }
});

test('the wasm takes over the prerendered cards: same elements, no layout shift, focus and scroll kept', async () => {
  const page = await newPage(chrome.browser, { width: 1280, height: 700 });
  await recordShifts(page);
  const release = await holdWasm(page);
  await page.goto(`${server.url}/`);
  // Before the wasm: every card, and a reader who focused a link and scrolled.
  await waitForCount(page, 17);
  await page.$eval('claim-cards', (el) => { el.shadowRoot.querySelector('[data-claim-id=wfp-food-reserves]').__mark = 'kept'; });
  await page.focus('[data-claim-id=wfp-food-reserves] a.cc-chip');
  await page.evaluate(() => window.scrollTo(0, 900));
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 0);
  release();
  await live(page);
  const after = await page.evaluate(() => {
    const root = window.__ccRoot();
    return {
      kept: root.querySelector('[data-claim-id=wfp-food-reserves]').__mark,
      focused: root.activeElement?.closest('[data-claim-id]')?.getAttribute('data-claim-id'),
      cards: root.querySelectorAll('[data-claim-id]').length,
      roots: root.querySelectorAll('.cc-root').length,
      scrollY: window.scrollY,
      shifts: window.__shifts.reduce((a, b) => a + b, 0),
    };
  });
  assert.deepEqual(after, { kept: 'kept', focused: 'wfp-food-reserves', cards: 17, roots: 1, scrollY: scrolled, shifts: 0 });
  // It works: a filter, then the URL.
  await page.check('#cc-speaker-donald-trump');
  await waitForCount(page, 3);
  assert.equal(new URL(page.url()).searchParams.get('speaker'), 'donald-trump');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a view in the URL is applied once the prerender is taken over', async () => {
  const page = await newPage(chrome.browser);
  const release = await holdWasm(page);
  await page.goto(`${server.url}/?speaker=donald-trump&q=hamas`);
  await waitForCount(page, 17);
  release();
  await waitForCount(page, 2);
  assert.equal(await page.inputValue('input[type=search]'), 'hamas');
  assert.deepEqual(await cardIds(page), ['trump-ultimatum', 'trump-last-chance']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a prerender that no longer matches its bundle is rendered afresh', async () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(DIST, 'bundles', 'us-hamas-talks.json'), 'utf8'));
  bundle.claims = bundle.claims.slice(0, 5);
  bundle.claims[0].text = 'A claim changed after publishing.';
  const page = await newPage(chrome.browser);
  const messages = [];
  page.on('console', (m) => messages.push(m.text()));
  await page.route('**/bundles/us-hamas-talks.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(bundle) }));
  await page.goto(`${server.url}/`);
  await waitForCount(page, 5);
  await live(page);
  assert.equal(await page.textContent('[data-claim-id=leavitt-direct-talks] .cc-text'), 'A claim changed after publishing.');
  assert.equal(await page.textContent('.cc-count-line'), '5 claims');
  assert.equal(await page.evaluate(() => window.__ccRoot().querySelectorAll('.cc-root').length), 1);
  assert.ok(messages.some((m) => m.includes('rendering afresh')), messages.join('\n'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a prerender of another widget version is rendered afresh', async () => {
  const page = await newPage(chrome.browser);
  await page.route((url) => url.pathname === '/', async (route) => {
    const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8')
      .replace(/data-cc-prerender="[0-9a-f]+"/, 'data-cc-prerender="0123456789abcdef"');
    await route.fulfill({ contentType: 'text/html', body: html });
  });
  const release = await holdWasm(page);
  await page.goto(`${server.url}/`);
  await waitForCount(page, 17);
  await page.$eval('claim-cards', (el) => { el.shadowRoot.querySelector('[data-claim-id]').__mark = 'old'; });
  release();
  await live(page);
  assert.equal(await page.evaluate(() => window.__ccRoot().querySelector('[data-claim-id]').__mark), undefined, 'new elements');
  assert.equal((await cardIds(page)).length, 17);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('hydrated page at phone and desktop widths, light and dark', async () => {
  for (const [name, width, height] of [['phone', 360, 800], ['desktop', 1280, 900]]) {
    for (const scheme of ['light', 'dark']) {
      const page = await newPage(chrome.browser, { width, height, colorScheme: scheme });
      await page.goto(`${server.url}/`);
      await live(page);
      await page.screenshot({ path: path.join(SHOTS, `hydrated-${name}-${scheme}.png`) });
      await page.context().close();
    }
  }
});

test('without a prerender, the page requests the bundle with the wasm, not after it', async () => {
  const page = await newPage(chrome.browser);
  const release = await holdWasm(page);
  const bundle = page.waitForRequest((r) => r.url().endsWith('/bundles/us-hamas-talks.vi.json'));
  await page.goto(`${server.url}/?bundle=bundles/us-hamas-talks.vi.json`);
  // The wasm is held back: the bundle is requested all the same.
  await bundle;
  assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm') && e.responseEnd > 0)), false, 'the wasm is still held');
  release();
  await live(page);
  assert.equal((await cardIds(page)).length, 5);
  await page.context().close();
});
