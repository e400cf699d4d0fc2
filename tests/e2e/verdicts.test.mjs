// Fact-checked claims (format 1.1) in headless Chromium: the fact-check demo
// bundle, made by `claim-cards import claimreview`. Cards show each verdict
// in words with its scale and reviewer; the Verdict facet filters and counts;
// the URL and the element's attribute carry it; axe stays at zero.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, newPage, cardIds, waitForCards, showAll, axe, SHOTS } from './support.mjs';

let server;
let chrome;
const DEMO = '?bundle=bundles/harbor-fact-checks.json';

before(async () => {
  server = await startServer();
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

async function open(query, opts = {}) {
  const page = await newPage(chrome.browser, opts);
  await page.goto(`${server.url}/${query}`);
  await waitForCards(page);
  return page;
}

/** The verdict block of a card, as a reader reads it. */
const verdictOf = (page, id) => page.evaluate((id) => {
  const card = window.__ccRoot().querySelector(`[data-claim-id="${id}"]`);
  const v = card.querySelector('.cc-verdict');
  if (!v) return null;
  const link = v.querySelector('.cc-verdict-by a');
  return {
    text: v.innerText.replace(/\s+/g, ' ').trim(),
    words: v.querySelector('.cc-verdict-words').textContent,
    link: link && { text: link.firstChild.textContent, href: link.getAttribute('href') },
  };
}, id);

/** The Verdict facet's options: [label, count]. */
const verdictOptions = (page) => page.evaluate(() =>
  [...window.__ccRoot().querySelectorAll('.cc-facet--verdict .cc-option')].map((o) => [
    o.querySelector('.cc-option-label').textContent,
    Number(o.querySelector('.cc-count').textContent),
  ]));

test('cards say the verdict in words first, with its scale and who checked it, linking to the check', async () => {
  const page = await open(DEMO);
  await showAll(page);
  assert.equal((await cardIds(page)).length, 10);
  assert.deepEqual(await verdictOf(page, 'violent-crime-in-harbor-city-fell-by-20-percent'), {
    text: 'VERDICT: Mostly true (4 of 5) Fact-checked by Lantern Fact Check (opens in a new tab) · May 2, 2025',
    words: 'Mostly true',
    link: { text: 'Lantern Fact Check', href: 'https://lantern.example/2025/05/whitfield-violent-crime' },
  });
  // Words only, when the review gives no numbers.
  const context = await verdictOf(page, 'ninety-percent-of-buses-ran-on-time-in-april');
  assert.equal(context.text, 'VERDICT: Needs context Fact-checked by Lantern Fact Check (opens in a new tab) · May 6, 2025');
  // The words are the card's first statement of the verdict: no colour-only signal stands before them.
  const first = await page.evaluate(() => {
    const v = window.__ccRoot().querySelector('.cc-verdict');
    return getComputedStyle(v.querySelector('.cc-verdict-words')).fontWeight;
  });
  assert.equal(first, '700');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the Verdict facet filters by the words and counts each, and the URL carries it', async () => {
  const page = await open(DEMO);
  assert.deepEqual(await verdictOptions(page), [
    ['Mostly true', 1], ['False', 3], ['Half true', 1], ['Mostly false', 1],
    ['True', 1], ['Needs context', 1], ['Misleading', 1], ['Unproven', 1],
  ]);
  await page.check('#cc-verdict-False');
  await page.waitForFunction(() => window.__ccRoot().querySelector('.cc-count-line').textContent === '3 of 10 claims');
  assert.deepEqual(await cardIds(page), [
    'the-city-has-not-built-a-single-new-affordable',
    'the-new-ferry-line-will-cost-every-household-1',
    'property-taxes-have-doubled-in-the-last-five',
  ]);
  // A verdict with a space in its words, by its label.
  await page.locator('.cc-facet--verdict label', { hasText: 'Mostly false' }).click();
  await page.waitForFunction(() => window.__ccRoot().querySelector('.cc-count-line').textContent === '4 of 10 claims');
  const url = new URL(page.url());
  assert.deepEqual(url.searchParams.getAll('verdict'), ['False', 'Mostly false']);
  // Counts of the other facets follow: Dana Whitfield said none of these.
  const whitfield = await page.evaluate(() =>
    window.__ccRoot().querySelector('label[for="cc-speaker-dana-whitfield"] .cc-count').textContent);
  assert.equal(whitfield, '0');
  // Back and forward, and the link itself, give the same view.
  await page.goBack();
  await page.waitForFunction(() => window.__ccRoot().querySelector('.cc-count-line').textContent === '3 of 10 claims');
  await page.goForward();
  await page.waitForFunction(() => window.__ccRoot().querySelector('.cc-count-line').textContent === '4 of 10 claims');
  const again = await open(`${DEMO}&${url.searchParams.toString().replace(/^bundle=[^&]*&?/, '')}`);
  assert.equal(await again.textContent('.cc-count-line'), '4 of 10 claims');
  assert.equal(await again.isChecked('#cc-verdict-False'), true);
  // Search finds a verdict's words too.
  await again.click('.cc-clear');
  await again.fill('input[type=search]', 'misleading');
  await again.waitForFunction(() => window.__ccRoot().querySelector('.cc-count-line').textContent === '1 of 10 claims');
  await again.context().close();
  await page.context().close();
});

test('a bundle without reviews has no Verdict facet', async () => {
  const page = await open('');
  assert.equal(await page.evaluate(() => !!window.__ccRoot().querySelector('.cc-facet--verdict')), false);
  assert.equal(await page.evaluate(() => !!window.__ccRoot().querySelector('.cc-verdict')), false);
  await page.context().close();
});

test('the element takes a verdict attribute (values with spaces; a comma written %2C)', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/demo/article.html`);
  await page.evaluate(() => {
    const el = document.createElement('claim-cards');
    el.id = 'checked';
    el.setAttribute('src', '/bundles/harbor-fact-checks.json');
    el.setAttribute('loading', 'eager');
    el.setAttribute('verdict', 'Half true,Unproven');
    document.body.append(el);
  });
  await page.waitForFunction(() => document.querySelector('#checked').shadowRoot?.querySelector('.cc-count-line')?.textContent === '2 of 10 claims');
  const detail = await page.evaluate(() => document.querySelector('#checked').filters);
  assert.deepEqual(detail.verdict, ['Half true', 'Unproven']);
  await page.context().close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations with verdicts (${scheme}); screenshots`, async () => {
    for (const [name, width, height] of [['phone', 360, 800], ['desktop', 1280, 900]]) {
      const page = await open(DEMO, { colorScheme: scheme, width, height });
      assert.deepEqual(await axe(page), []);
      // On a phone the facets are behind the Filters button.
      if (await page.isVisible('.cc-filters-toggle')) await page.click('.cc-filters-toggle');
      await page.check('#cc-verdict-False');
      await page.waitForFunction(() => window.__ccRoot().querySelector('.cc-count-line').textContent === '3 of 10 claims');
      assert.deepEqual(await axe(page), [], 'filtered');
      await page.screenshot({ path: path.join(SHOTS, `verdicts-${name}-${scheme}.png`) });
      await page.context().close();
    }
  });
}
