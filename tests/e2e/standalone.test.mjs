// End-to-end tests of the standalone page (dist/ from the release build) in
// headless Chromium: what a reader sees and does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { generatedBundles, startServer, launch, newPage, cardIds, waitForCards, waitForCount, focusedId, showAll, grownCount, axe, paintedIn, luminance, contrast, rgb, SHOTS } from './support.mjs';

let server;
let chrome;

before(async () => {
  const gen = await generatedBundles([500]);
  server = await startServer({ mounts: { '/gen/': gen } });
  chrome = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

async function open(query = '', opts = {}) {
  const page = await newPage(chrome.browser, opts);
  await page.goto(`${server.url}/${query}`);
  await waitForCards(page);
  return page;
}

const countLine = (page) => page.textContent('.cc-count-line');

test('the page renders every claim of the demo bundle, without console errors', async () => {
  const page = await open();
  await showAll(page);
  const ids = await cardIds(page);
  assert.equal(ids.length, 17);
  assert.equal(ids[0], 'leavitt-direct-talks');
  assert.equal(await countLine(page), '17 claims');
  assert.equal(await page.textContent('.cc-title'), 'Trump administration deals directly with Gaza: unprecedented talks with Hamas');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('each facet filters, and facets combine (OR within, AND across)', async () => {
  const page = await open();
  await page.check('#cc-speaker-donald-trump');
  assert.deepEqual(await cardIds(page), ['trump-ultimatum', 'trump-last-chance', 'trump-support-israel']);
  await page.check('#cc-speaker-hazem-qassem');
  assert.equal((await cardIds(page)).length, 4, 'two speakers: OR');
  await page.check('#cc-source-truth-social');
  assert.deepEqual(await cardIds(page), ['trump-ultimatum', 'trump-last-chance'], 'and a source: AND');
  assert.equal(await countLine(page), '2 of 17 claims');
  await page.click('.cc-clear');
  await page.check('#cc-topic-humanitarian-aid');
  assert.deepEqual(await cardIds(page), ['wfp-food-reserves', 'unicef-blockade-health', 'e3-statement-aid']);
  await page.check('#cc-kind-statement');
  assert.deepEqual(await cardIds(page), ['e3-statement-aid']);
  await page.click('.cc-clear');
  await page.check('#cc-kind-quote');
  assert.deepEqual(await cardIds(page), ['panikoff-quote']);
  await page.context().close();
});

test('search ignores case and diacritics and highlights matches', async () => {
  const page = await open();
  await page.fill('input[type=search]', 'PANIKOFF');
  assert.deepEqual(await cardIds(page), ['panikoff-risks-opportunities', 'panikoff-quote']);
  assert.equal(await page.textContent('[data-claim-id=panikoff-quote] mark'), 'Panikoff');
  await page.fill('input[type=search]', 'thanh nien');
  await showAll(page);
  assert.equal((await cardIds(page)).length, 10, 'without diacritics matches "Thanh Niên"');
  await page.context().close();

  const vi = await open('?bundle=bundles/us-hamas-talks.vi.json');
  assert.equal(await vi.getAttribute('.cc-root', 'lang'), 'vi');
  assert.equal(await countLine(vi), '5 phát ngôn');
  await vi.fill('input[type=search]', 'dam phan');
  assert.deepEqual(await cardIds(vi), ['leavitt-direct-talks', 'panikoff-quote']);
  const marks = await vi.$$eval('[data-claim-id=leavitt-direct-talks] mark', (ms) => ms.map((m) => m.textContent));
  assert.deepEqual(marks, ['đàm', 'phán']);
  await vi.fill('input[type=search]', 'ĐÀM PHÁN');
  assert.equal((await cardIds(vi)).length, 2);
  await vi.context().close();
});

test('sort by date and by speaker', async () => {
  const page = await open();
  await page.selectOption('#cc-sort', 'speaker');
  const bySpeaker = await page.$$eval('[data-claim-id] .cc-speaker-name', (els) => els.map((e) => e.textContent));
  const sorted = [...bySpeaker].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  assert.deepEqual(bySpeaker, sorted);
  await page.selectOption('#cc-sort', 'date');
  const ids = await cardIds(page);
  assert.deepEqual(ids.slice(0, 3), ['leavitt-direct-talks', 'wfp-food-reserves', 'treasury-houthi-sanctions'], 'dated claims first');
  await page.context().close();
});

test('the URL reproduces a view, and back/forward restore it', async () => {
  const page = await open();
  await page.check('#cc-speaker-donald-trump');
  await page.check('#cc-source-truth-social');
  const url = new URL(page.url());
  assert.deepEqual(url.searchParams.getAll('speaker'), ['donald-trump']);
  assert.deepEqual(url.searchParams.getAll('source'), ['truth-social']);
  await page.goBack();
  await waitForCount(page, 3);
  assert.equal(await page.isChecked('#cc-source-truth-social'), false);
  await page.goForward();
  await waitForCount(page, 2);
  await page.context().close();

  const again = await open(`?${url.searchParams}&q=hamas&sort=speaker`);
  // The prerender shows every card until the widget applies the URL's view.
  await waitForCount(again, 2);
  assert.deepEqual(await cardIds(again), ['trump-ultimatum', 'trump-last-chance']);
  assert.equal(await again.inputValue('input[type=search]'), 'hamas');
  assert.equal(await again.inputValue('#cc-sort'), 'speaker');
  await again.context().close();
});

test('#claim-<id> scrolls to that card and highlights it', async () => {
  const page = await newPage(chrome.browser, { width: 1280, height: 700 });
  await page.goto(`${server.url}/#claim-treasury-houthi-sanctions`);
  await page.waitForSelector('#claim-treasury-houthi-sanctions.is-target');
  const inView = await page.$eval('#claim-treasury-houthi-sanctions', (el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  assert.ok(inView, 'the card is scrolled into view');
  await page.context().close();
});

test('a filter can be operated with the keyboard alone', async () => {
  const page = await open();
  await page.focus('input[type=search]');
  let focused = '';
  for (let i = 0; i < 40 && focused !== 'cc-speaker-karoline-leavitt'; i++) {
    await page.keyboard.press('Tab');
    focused = await focusedId(page);
  }
  assert.equal(focused, 'cc-speaker-karoline-leavitt');
  await page.keyboard.press('Space');
  assert.deepEqual(await cardIds(page), ['leavitt-direct-talks']);
  const outline = await page.evaluate(() => getComputedStyle(window.__ccRoot().activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'visible focus ring');
  await page.context().close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations (${scheme})`, async () => {
    const page = await open('', { colorScheme: scheme });
    assert.deepEqual(await axe(page), []);
    await page.check('#cc-speaker-donald-trump');
    await page.fill('input[type=search]', 'hamas');
    assert.deepEqual(await axe(page), [], 'with filters and highlights');
    await page.context().close();
  });
}

test('a bundle with broken claims shows the valid ones and a notice', async () => {
  const page = await open('?bundle=fixtures/bad/broken-claims.json');
  assert.deepEqual(await cardIds(page), ['c1', 'c11']);
  assert.equal(await page.textContent('.cc-notice-summary'), '11 claims could not be shown');
  assert.ok(page.errors.some((e) => e.includes('claims[1] (id "c2"): error: speaker "nobody" is not defined')), 'logged to the console');
  await page.context().close();
});

test('a missing bundle shows an error card, not a blank space', async () => {
  const page = await open('?bundle=bundles/missing.json');
  assert.equal(await page.textContent('.cc-error-title'), 'The claims could not be loaded');
  assert.equal(await page.textContent('.cc-error-url'), 'bundles/missing.json');
  assert.match(await page.textContent('.cc-error-reasons'), /404/);
  await page.context().close();
});

test("group by speaker puts each speaker's claims under one heading", async () => {
  const page = await open('?group=speaker');
  // The prerender is not grouped: the widget applies the URL's view once live.
  await page.waitForSelector('.cc-group-head');
  await showAll(page);
  const heads = await page.$$eval('.cc-group-head .cc-speaker-name', (els) => els.map((e) => e.textContent));
  assert.equal(heads.length, 14);
  assert.equal(heads[0], 'Karoline Leavitt');
  const trump = await page.$$eval('.cc-group-item', (items) => {
    const item = items.find((i) => i.querySelector('.cc-speaker-name').textContent === 'Donald Trump');
    return [...item.querySelectorAll('[data-claim-id]')].map((c) => c.getAttribute('data-claim-id'));
  });
  assert.deepEqual(trump, ['trump-ultimatum', 'trump-last-chance', 'trump-support-israel']);
  await page.uncheck('#cc-group');
  assert.equal(await page.$$eval('.cc-group-item', (g) => g.length), 0);
  assert.equal(new URL(page.url()).searchParams.get('group'), null);
  await page.context().close();
});

test("copy link puts the card's address on the clipboard", async () => {
  const page = await open();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const card = '[data-claim-id=panikoff-quote]';
  await page.click(`${card} .cc-copy`);
  // Said once the clipboard has taken it.
  await page.waitForFunction((c) => window.__ccRoot().querySelector(`${c} .cc-copy`).textContent === 'Link copied', card);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `${server.url}/#claim-panikoff-quote`);
  await page.context().close();
});

test('a skeleton shows while a bundle without a prerender loads', async () => {
  const page = await newPage(chrome.browser);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/bundles/us-hamas-talks.vi.json', async (route) => { await held; await route.continue(); });
  await page.goto(`${server.url}/?bundle=bundles/us-hamas-talks.vi.json`);
  await page.waitForSelector('.cc-skeleton[aria-busy=true]');
  assert.equal(await page.textContent('.cc-skeleton [role=status]'), 'Loading claims…');
  assert.deepEqual(await cardIds(page), [], "the page's prerendered cards (another bundle) are not shown");
  release();
  await waitForCards(page);
  assert.equal((await cardIds(page)).length, 5);
  await page.context().close();
});

test('right-to-left pages mirror the layout', async () => {
  const page = await newPage(chrome.browser, { width: 1280, height: 900 });
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => { document.documentElement.dir = 'rtl'; }));
  await page.goto(`${server.url}/`);
  await waitForCards(page);
  const [facets, results] = await Promise.all(['.cc-facets', '.cc-results'].map((s) => page.$eval(s, (e) => e.getBoundingClientRect().left)));
  assert.ok(facets > results, 'the facets sit on the right');
  const [avatar, name] = await page.$eval('[data-claim-id=panikoff-quote]', (card) =>
    ['.cc-avatar', '.cc-speaker-name'].map((s) => card.querySelector(s).getBoundingClientRect().left));
  assert.ok(avatar > name, 'the avatar sits at the start (right) of the card head');
  // English text keeps its own direction inside the RTL page (dir="auto").
  assert.equal(await page.$eval('.cc-text--quote', (e) => getComputedStyle(e).direction), 'ltr');
  await page.screenshot({ path: path.join(SHOTS, 'desktop-rtl.png') });
  await page.context().close();
});

test('no horizontal scrolling down to 320px; filters collapse behind a button', async () => {
  const page = await open('', { width: 320, height: 700 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true);
  assert.equal(await page.isVisible('.cc-facets'), false);
  await page.click('.cc-filters-toggle');
  assert.equal(await page.getAttribute('.cc-filters-toggle', 'aria-expanded'), 'true');
  assert.equal(await page.isVisible('#cc-speaker-donald-trump'), true);
  await page.check('#cc-speaker-donald-trump');
  assert.equal(await page.textContent('.cc-filters-toggle .cc-badge'), '1');
  await page.context().close();
});

test('long lists render a window of cards and grow as the reader scrolls', async () => {
  const page = await open('?bundle=/gen/500.json');
  assert.equal(await countLine(page), '500 claims');
  // The first screen at once, then 8 more per frame until the end of the list
  // is 1,000 px below the viewport: a few screens, far from all 500.
  const first = await grownCount(page);
  assert.ok(first >= 6 && first <= 40, `${first} cards rendered`);
  assert.equal(await page.textContent('.cc-more button'), `Show 8 more (${500 - first} not shown yet)`);
  // Scrolling towards the end renders more.
  await page.$eval('.cc-more', (el) => el.scrollIntoView());
  await page.waitForFunction((n) => window.__ccRoot().querySelectorAll('[data-claim-id]').length > n, first);
  // Keyboard and screen-reader users press the button.
  // (Focused without scrolling, so that only the button can add cards.)
  const before = await grownCount(page);
  await page.$eval('.cc-more button', (button) => button.focus({ preventScroll: true }));
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => window.__ccRoot().querySelectorAll('[data-claim-id]').length >= n + 8, before);
  assert.equal(await grownCount(page), before + 8);
  // A new selection starts with a fresh window; the count is of all matches.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.fill('input[type=search]', 'government');
  const matches = Number((await countLine(page)).split(' ')[0]);
  const fresh = await grownCount(page);
  assert.ok(matches > 40, `${matches} matches`);
  assert.ok(fresh >= 6 && fresh <= 40, `${fresh} cards rendered`);
  await page.context().close();
});

test('a deep link to a card beyond the window renders and reveals it', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/?bundle=/gen/500.json#claim-c450`);
  await page.waitForSelector('#claim-c450.is-target');
  assert.ok((await cardIds(page)).length >= 451);
  await page.context().close();
});

test('screenshots at phone and desktop widths, light and dark, show the theme and legible cards', async () => {
  for (const [name, width, height] of [['phone', 360, 800], ['desktop', 1280, 900]]) {
    for (const scheme of ['light', 'dark']) {
      const page = await open('', { width, height, colorScheme: scheme });
      const file = path.join(SHOTS, `${name}-${scheme}.png`);
      const png = await page.screenshot({ path: file, fullPage: false });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(overflow, false, `no horizontal scrolling at ${width}px`);
      // The first card is on the first screen, and what is painted there is
      // the theme's card with its text legible on it (read from the pixels).
      const card = await page.evaluate(() => {
        const el = window.__ccRoot().querySelector('[data-claim-id]');
        const text = el.querySelector('.cc-text');
        const box = (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
        return { box: box(el), text: box(text), background: getComputedStyle(el).backgroundColor, color: getComputedStyle(text).color };
      });
      const where = `${name}-${scheme}.png`;
      assert.ok(card.box.y + 40 < height, `${where}: the first card starts on the first screen (at ${card.box.y} px)`);
      const inset = { x: card.box.x + 2, y: card.box.y + 2, width: card.box.width - 4, height: Math.min(card.box.height, height - card.box.y) - 4 };
      const painted = paintedIn(png, inset);
      assert.ok(painted.background.every((c, k) => Math.abs(c - rgb(card.background)[k]) <= 2),
        `${where}: the card is painted ${painted.background} (its style: ${card.background})`);
      const lum = luminance(painted.background);
      assert.ok(scheme === 'dark' ? lum < 0.1 : lum > 0.8, `${where}: a ${scheme} card (luminance ${lum.toFixed(2)})`);
      const text = paintedIn(png, { ...card.text, height: Math.min(card.text.height, height - card.text.y) });
      assert.ok(text.inked > 0.03 && text.inked < 0.6, `${where}: the claim's text is drawn (${(text.inked * 100).toFixed(1)} % of its box)`);
      assert.ok(contrast(text.ink, text.background) >= 4.5,
        `${where}: text ${text.ink} on ${text.background}: contrast ${contrast(text.ink, text.background).toFixed(1)}`);
      assert.ok(text.ink.every((c, k) => Math.abs(c - rgb(card.color)[k]) <= 24),
        `${where}: the text is painted in its colour (${text.ink} vs ${card.color})`);
      await page.context().close();
    }
  }
});
