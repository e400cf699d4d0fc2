// End-to-end tests of the bugs found in review (issue #12), each failing
// before its fix: facet values with commas (written %2C in the URL since #17), clearFilters() and grouping, a
// refused clipboard, a malformed #claim- hash, and the gap above a short list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, cardIds, waitForCards, waitForCount } from './support.mjs';

let server;
let chrome;

before(async () => {
  server = await startServer();
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

const COMMAS = '/fixtures/e2e/comma-topics.json';

test('a topic with a comma survives the URL, back/forward, attributes and setFilters', async () => {
  const page = await newPage(chrome.browser);
  // In the URL, as in the attributes, a comma inside a value is written %2C
  // (a bare comma separates values: ?topic=war,peace is two topics, issue #17).
  await page.goto(`${server.url}/?bundle=${COMMAS}&topic=${encodeURIComponent('war%2C peace')}`);
  await waitForCards(page);
  assert.deepEqual(await cardIds(page), ['c1', 'c3']);
  // Choosing another topic keeps the first one whole, in the URL too.
  await page.check('#cc-topic-economy');
  await waitForCount(page, 3);
  assert.deepEqual(new URL(page.url()).searchParams.getAll('topic'), ['economy', 'war%2C peace']);
  await page.goBack();
  await waitForCount(page, 2);
  assert.deepEqual(await cardIds(page), ['c1', 'c3']);
  await page.goForward();
  await waitForCount(page, 3);
  // The element: an attribute with the comma written %2C, and setFilters().
  await page.evaluate(() => document.querySelector('claim-cards').setAttribute('topic', 'war%2C peace,talks'));
  await waitForCount(page, 2);
  assert.deepEqual(await page.evaluate(() => document.querySelector('claim-cards').filters.topic), ['talks', 'war, peace']);
  await page.evaluate(() => document.querySelector('claim-cards').setFilters({ topic: ['war, peace'] }));
  await waitForCount(page, 2);
  assert.deepEqual(await cardIds(page), ['c1', 'c3']);
  assert.deepEqual(page.exceptions, []);
  await page.context().close();
});

test('clearFilters() clears filters and the search, and keeps sort and grouping', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/?speaker=donald-trump&q=hamas&group=speaker&sort=date`);
  await waitForCards(page);
  await waitForCount(page, 2);
  await page.evaluate(() => document.querySelector('claim-cards').clearFilters());
  await waitForCount(page, 17);
  const f = await page.evaluate(() => document.querySelector('claim-cards').filters);
  assert.deepEqual([f.speaker, f.q, f.group, f.sort], [[], '', 'speaker', 'date']);
  assert.equal(await page.isChecked('#cc-group'), true);
  await page.context().close();
});

test('"Copy link" does not say "Link copied" when the clipboard refuses', async () => {
  const page = await newPage(chrome.browser);
  // The browser refuses the write, as in a frame without clipboard permission.
  await page.addInitScript(() => {
    window.__refuse = true;
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (t) => (window.__refuse ? Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) : write(t));
  });
  await page.goto(`${server.url}/`);
  await waitForCards(page);
  await page.click('[data-claim-id=panikoff-quote] .cc-copy');
  await page.waitForFunction(() => window.__ccRoot().querySelector('[data-claim-id=panikoff-quote] .cc-copy').textContent !== 'Copy link');
  assert.equal(await page.textContent('[data-claim-id=panikoff-quote] .cc-copy'), 'Link in the address bar');
  assert.equal(new URL(page.url()).hash, '#claim-panikoff-quote');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.evaluate(() => { window.__refuse = false; });
  await page.click('[data-claim-id=wfp-food-reserves] .cc-copy');
  await page.waitForFunction(() => window.__ccRoot().querySelector('[data-claim-id=wfp-food-reserves] .cc-copy').textContent === 'Link copied');
  await page.context().close();
});

test('a malformed #claim- hash throws nothing, on the page and in an article', async () => {
  for (const url of ['/#claim-%E0%A4%A', '/demo/article.html#claim-%E0%A4%A']) {
    const page = await newPage(chrome.browser);
    await page.goto(server.url + url);
    await waitForCards(page);
    // The element handles the hash when its bundle is ready: wait for that.
    await page.waitForFunction(() => document.querySelector('claim-cards').filters !== null);
    assert.deepEqual(page.exceptions, [], url);
    await page.context().close();
  }
});

test('the first card starts right below the count line, whatever the facet column\'s height', async () => {
  for (const width of [360, 768, 1280]) {
    const page = await newPage(chrome.browser, { width, height: 900 });
    await page.goto(`${server.url}/?q=${encodeURIComponent('hamas trump')}`);
    await waitForCards(page);
    await waitForCount(page, 4);
    const gap = await page.evaluate(() => {
      const root = window.__ccRoot();
      const line = root.querySelector('.cc-count-line').getBoundingClientRect();
      const card = root.querySelector('[data-claim-id]').getBoundingClientRect();
      return card.top - line.bottom;
    });
    assert.ok(gap >= 0 && gap <= 16, `${width}px: ${gap}px between the count line and the first card`);
    await page.context().close();
  }
});
