// End-to-end tests of the archive view (issue #22): an archive of the demo
// bundles and a generated 10⁴-claim newsroom (scripts/bench/gen-newsroom.mjs),
// built by `claim-cards archive build` and shown by the standalone page's
// ?archive= and by <claim-cards archive=…> on a page of its own. Search,
// facets, the speaker type-ahead, the date range, paging, links to the
// articles, URL state with back/forward; a deploy while a reader searches; a
// shard that fails, then Retry; the origin policy; axe; screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launch, newPage, axe, ROOT, SHOTS, DIST } from './support.mjs';
import { generateNewsroom } from '../../scripts/bench/gen-newsroom.mjs';

const WORK = path.join(ROOT, 'target', 'e2e-archive');
const CLI = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'debug', 'claim-cards');
const BUNDLES = path.join(ROOT, 'static', 'bundles');
/** The archive the reader sees at /live/ (replaced by the deploy test). */
const LIVE = path.join(WORK, 'live');
/** While true, the flaky archive's shards answer 500. */
let failing = false;
let served = [];
/** Range requests for packs the flaky archive answered with the whole file. */
let ignoredRanges = 0;
/** Whether the held archive has been asked for a card (see '/held/*'). */
let cardAsked;
/** While set: the archive view's wasm is answered only once the held archive's manifest has been asked for. */
let manifestAsked = null;
/** While set: the held archive's value tables (facets' labels) are answered only once it resolves. */
let labelsHeld = null;
const deferred = () => {
  const d = {};
  d.promise = new Promise((resolve) => { d.resolve = resolve; });
  return d;
};
const ARCHIVE_WASM = fs.readdirSync(DIST).find((f) => /^claim-cards-archive-.*\.wasm$/.test(f));
let server;
let other;
let chrome;
let queries;

function build(inputs, out) {
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(CLI, ['archive', 'build', ...inputs, '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Copies an archive's files into `dir`, after removing what was there (a deploy that prunes). */
function deploy(from, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(from, dir, { recursive: true });
}

before(async () => {
  fs.mkdirSync(WORK, { recursive: true });
  const newsroom = path.join(WORK, 'newsroom');
  fs.rmSync(newsroom, { recursive: true, force: true });
  ({ queries } = generateNewsroom(10_000, newsroom));
  fs.rmSync(path.join(newsroom, 'newsroom.txt'));
  build([BUNDLES, newsroom], path.join(WORK, 'a'));
  // The next build: one more article, with a word no other claim has.
  const extra = path.join(WORK, 'extra');
  fs.rmSync(extra, { recursive: true, force: true });
  fs.mkdirSync(extra);
  fs.writeFileSync(path.join(extra, 'late.json'), JSON.stringify({
    version: 1.1,
    article: { title: 'A late article', url: 'https://news.example/late', published: '2026-11-30', language: 'en' },
    speakers: [{ id: 'x', name: 'Zelda Quist' }],
    sources: [{ id: 'r', name: 'Reuters', kind: 'news-agency' }],
    claims: [{ id: 'c1', text: 'The zyxwvut plan was announced today.', speaker: 'x', sources: ['r'] }],
  }));
  build([BUNDLES, newsroom, extra], path.join(WORK, 'b'));
  deploy(path.join(WORK, 'a'), LIVE);
  const page = (archive, extra = '') => (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Archive test</title>
      <script type="module" src="/claim-cards.js"></script></head><body>
      <claim-cards loading="eager" sync-url archive="${archive}" ${extra}></claim-cards></body></html>`);
  };
  const flakyDir = path.join(WORK, 'a');
  server = await startServer({
    mounts: { '/live/': LIVE, '/ar/': path.join(WORK, 'a') },
    routes: {
      '/archive.html': page('/live/'),
      '/flaky.html': page('/flaky/archive.json'),
      '/held.html': page('/held/archive.json'),
      [`/${ARCHIVE_WASM}`]: async (req, res) => {
        await manifestAsked?.promise;
        res.writeHead(200, { 'content-type': 'application/wasm' });
        res.end(fs.readFileSync(path.join(DIST, ARCHIVE_WASM)));
      },
      '/refused.html': (req, res) => page(`${other.url}/ar/`, 'bundle-origins="self"')(req, res),
      // It also ignores Range, as a server without range support does: the
      // cards asked for by range come in whole packs (200), cut by the view.
      '/flaky/*': (req, res, url) => {
        const name = path.basename(url.pathname);
        served.push(name);
        if (req.headers.range && name.startsWith('p-')) ignoredRanges++;
        if (failing && name.startsWith('k-')) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('oops');
          return;
        }
        const file = path.join(flakyDir, name);
        if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(fs.readFileSync(file));
      },
      // It answers the first value table asked for (facets' labels) only once
      // the view has asked for a card: a view that waited for its labels
      // before asking for its cards would wait forever. (One, not all: held
      // requests keep their connections, and a browser has six per server.)
      '/held/*': async (req, res, url) => {
        const name = path.basename(url.pathname);
        if (name === 'archive.json') manifestAsked?.resolve();
        const file = path.join(flakyDir, name);
        if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
        const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
        const bytes = fs.readFileSync(file);
        // A range of a pack is cards (their places are in the lists).
        if (name.startsWith('p-') && range) cardAsked.resolve();
        if (name.startsWith('v-') && !cardAsked.holding) {
          cardAsked.holding = true;
          await cardAsked.promise;
        }
        if (name.startsWith('v-') && labelsHeld) await labelsHeld.promise;
        if (!range) { res.writeHead(200, { 'content-type': 'application/json' }); res.end(bytes); return; }
        const [start, end] = [Number(range[1]), Math.min(Number(range[2]), bytes.length - 1)];
        res.writeHead(206, { 'content-type': 'application/json', 'content-range': `bytes ${start}-${end}/${bytes.length}` });
        res.end(bytes.subarray(start, end + 1));
      },
    },
  });
  other = await startServer({ host: '127.0.0.2', mounts: { '/ar/': path.join(WORK, 'a') } });
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
  await other?.close();
});

/** The archive view's state, as a reader sees it. */
const seen = (page) => page.evaluate(() => {
  const root = document.querySelector('claim-cards').shadowRoot;
  const cards = [...root.querySelectorAll('.cc-list > .cc-card')];
  return {
    busy: root.querySelector('.cc-archive')?.getAttribute('aria-busy') === 'true',
    count: root.querySelector('.cc-count-line')?.textContent ?? '',
    cards: cards.map((c) => ({
      speaker: c.querySelector('.cc-speaker-name')?.textContent,
      text: c.querySelector('.cc-text')?.textContent,
      marks: [...c.querySelectorAll('.cc-text mark')].map((m) => m.textContent),
      article: c.querySelector('.cc-article a')?.getAttribute('href'),
      date: c.closest('.cc-card').querySelector('time')?.getAttribute('datetime'),
    })),
    error: root.querySelector('.cc-error')?.textContent ?? null,
    url: location.search,
  };
});

/** Waits until the view has answered (not busy) and `ok(state)` holds. */
async function settle(page, ok = () => true) {
  await page.waitForFunction(() => {
    const root = document.querySelector('claim-cards')?.shadowRoot;
    const view = root?.querySelector('.cc-archive');
    return (view && view.getAttribute('aria-busy') === 'false') || root?.querySelector('.cc-error');
  }, null, { timeout: 30000 });
  for (let i = 0; i < 300; i++) {
    // The state just seen is the one to wait past (seen again, it might
    // already be the last one, and nothing would change after it).
    const s = await seen(page);
    if (!s.busy && ok(s)) return s;
    await page.waitForFunction((prev) => {
      const root = document.querySelector('claim-cards').shadowRoot;
      const view = root.querySelector('.cc-archive');
      return view?.getAttribute('aria-busy') === 'false' && root.querySelector('.cc-count-line')?.textContent !== prev.count
        // (A page's cards come before its facets: the view stops being busy after.)
        || (view?.getAttribute('aria-busy') === 'true') !== prev.busy
        || root.querySelectorAll('.cc-list > .cc-card').length !== prev.cards.length
        || !!root.querySelector('.cc-error') !== !!prev.error
        || location.search !== prev.url;
    }, s, { timeout: 30000 });
  }
  throw new Error('the view did not settle as expected');
}

const total = (count) => Number(count.match(/\d[\d,]*/)?.[0].replace(/,/g, ''));

test('the standalone page searches an archive: text, facets, dates, paging, article links, URL state and back/forward', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/?archive=/live/`);
  let s = await settle(page, (s) => s.cards.length > 0);
  assert.equal(s.cards.length, 6, 'the first page');
  const all = total(s.count);
  assert.ok(all > 10_000, `every claim: ${s.count}`);
  // Newest first, each card naming its article and linking to the claim on it.
  const dates = s.cards.map((c) => c.date).filter(Boolean);
  assert.deepEqual(dates, [...dates].sort().reverse());
  for (const c of s.cards) assert.match(c.article ?? '', /^https:\/\/[^#]+#claim-[\w-]+$/);

  // Search: folded (case and diacritics), highlighted, in the URL.
  await page.fill('claim-cards #cc-ar-q', 'NGỪNG bắn');
  s = await settle(page, (s) => s.url.includes('q=') && s.cards.length > 0);
  assert.ok(total(s.count) < all);
  for (const c of s.cards) assert.ok(c.marks.some((m) => /ngừng/i.test(m)), `highlighted: ${c.text}`);
  assert.match(decodeURIComponent(s.url.replace(/\+/g, ' ')), /q=NGỪNG bắn/);
  const searched = s;

  // A facet: the first speaker; every card is theirs, and the count is the option's.
  const option = page.locator('claim-cards .cc-facet--speaker .cc-option').first();
  const label = (await option.locator('.cc-option-label').textContent()).trim();
  await option.locator('input').check();
  s = await settle(page, (s) => s.url.includes('speaker='));
  assert.ok(s.cards.length > 0);
  for (const c of s.cards) assert.equal(c.speaker, label);

  // Back: the search alone again; forward: the speaker again.
  await page.goBack();
  s = await settle(page, (s) => !s.url.includes('speaker='));
  assert.equal(s.count, searched.count);
  assert.equal(await page.locator('claim-cards .cc-facet--speaker input:checked').count(), 0);
  await page.goForward();
  s = await settle(page, (s) => s.url.includes('speaker='));
  assert.equal(await page.locator('claim-cards .cc-facet--speaker input:checked').count(), 1);

  // Clear all, then a date range: every card inside it (undated claims out).
  await page.click('claim-cards .cc-clear');
  s = await settle(page, (s) => !s.url.includes('q='));
  await page.fill('claim-cards #cc-ar-from', '2020-01-01');
  await page.locator('claim-cards #cc-ar-from').dispatchEvent('change');
  await page.fill('claim-cards #cc-ar-to', '2020-12-31');
  await page.locator('claim-cards #cc-ar-to').dispatchEvent('change');
  s = await settle(page, (s) => s.url.includes('from=2020-01-01') && s.url.includes('to=2020-12-31'));
  assert.ok(s.cards.length > 0);
  for (const c of s.cards) assert.ok(c.date >= '2020-01-01' && c.date <= '2020-12-31', `in range: ${c.date}`);
  const inRange = total(s.count);
  assert.ok(inRange < all);
  const firstPage = s;

  // Paging: the end of the list comes near the viewport, and the next pages follow.
  await page.locator('claim-cards .cc-more').scrollIntoViewIfNeeded();
  s = await settle(page, (s) => s.cards.length >= 12);
  assert.equal(new Set(s.cards.map((c) => c.article)).size, s.cards.length, 'no card twice');
  for (const c of s.cards) assert.ok(c.date >= '2020-01-01' && c.date <= '2020-12-31');

  // The URL's state is the view's: a fresh page from it shows the same.
  const again = await newPage(chrome.browser);
  await again.goto(`${server.url}/${s.url}`);
  const s2 = await settle(again, (x) => x.cards.length > 0);
  // (As the first page counted: an estimate is refined as more is read.)
  assert.equal(s2.count, firstPage.count);
  assert.deepEqual(s2.cards.map((c) => c.article), s.cards.slice(0, 6).map((c) => c.article));
  assert.deepEqual(page.exceptions, []);
  assert.deepEqual(again.exceptions, []);
  await again.close();
  await page.close();
});

test('the speaker type-ahead finds a speaker beyond the facet\'s options; relevance order; the demo bundles are in the archive', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/archive.html`);
  await settle(page, (s) => s.cards.length > 0);
  // The generated newsroom's eighth speaker, by two words of the name, the last begun, without its diacritics.
  const [first, last] = queries.second.split(' ');
  const typed = `${first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()} ${last.slice(0, 3)}`;
  await page.fill('claim-cards #cc-ar-find', typed);
  const button = page.locator('claim-cards .cc-suggestion', { hasText: queries.second }).first();
  await button.waitFor();
  await button.click();
  let s = await settle(page, (s) => s.url.includes('speaker='));
  assert.ok(s.cards.length > 0);
  for (const c of s.cards) assert.equal(c.speaker, queries.second);
  assert.equal(await page.locator('claim-cards .cc-suggestion').count(), 0, 'the suggestions close');

  // The demo bundles: Karoline Leavitt in English and Vietnamese.
  await page.click('claim-cards .cc-clear');
  await page.fill('claim-cards #cc-ar-q', 'leavitt');
  s = await settle(page, (s) => s.url.includes('q=leavitt') && s.cards.length > 0);
  assert.ok(s.cards.some((c) => c.article?.startsWith('https://thanhnien.vn/')));
  assert.ok(s.cards.every((c) => c.speaker === 'Karoline Leavitt'));
  // Best match: the order control reaches the URL.
  await page.selectOption('claim-cards #cc-ar-sort', 'relevance');
  s = await settle(page, (s) => s.url.includes('sort=relevance'));
  assert.ok(s.cards.length > 0);
  assert.deepEqual(page.exceptions, []);
  await page.close();
});

test('a deploy while a reader is searching: the view notices the new build and goes on', async () => {
  deploy(path.join(WORK, 'a'), LIVE);
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/archive.html`);
  await settle(page, (s) => s.cards.length > 0);
  await page.fill('claim-cards #cc-ar-q', 'government');
  await settle(page, (s) => s.url.includes('q=government') && s.cards.length > 0);
  // The new build replaces the old one's files (none of the old shards are left).
  deploy(path.join(WORK, 'b'), LIVE);
  await page.fill('claim-cards #cc-ar-q', 'zyxwvut');
  const s = await settle(page, (s) => s.url.includes('q=zyxwvut') && (s.cards.length > 0 || !!s.error));
  assert.equal(s.error, null, 'no error');
  assert.equal(s.cards.length, 1);
  assert.equal(s.cards[0].speaker, 'Zelda Quist');
  assert.equal(s.cards[0].article, 'https://news.example/late#claim-c1');
  assert.deepEqual(page.exceptions, []);
  await page.close();
  deploy(path.join(WORK, 'a'), LIVE);
});

test('a shard that fails gives an error and a Retry that works once the server recovers', async () => {
  failing = false;
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/flaky.html`);
  await settle(page, (s) => s.cards.length > 0);
  failing = true;
  await page.fill('claim-cards #cc-ar-q', 'ceasefire');
  let s = await settle(page, (s) => !!s.error);
  assert.match(s.error, /could not be loaded/);
  assert.ok(s.cards.length > 0, 'what was shown stays');
  const retry = page.locator('claim-cards .cc-error .cc-retry');
  failing = false;
  await retry.click();
  s = await settle(page, (s) => !s.error && s.cards.length > 0 && s.cards.every((c) => c.marks.length > 0));
  assert.ok(s.cards.every((c) => c.marks.some((m) => /ceasefire/i.test(m))));
  assert.ok(ignoredRanges > 0, 'the cards were asked for by range');
  // Page errors are the failed requests' (reported to the console for the page's owner), not exceptions.
  assert.deepEqual(page.exceptions, []);
  await page.close();
});

test('a page\'s cards are asked for while its facets\' labels are still on their way', async () => {
  cardAsked = deferred();
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/held.html`);
  const s = await settle(page, (s) => s.cards.length > 0);
  assert.equal(s.error, null);
  assert.ok(s.cards.every((c) => c.speaker && c.article), 'whole cards, with their articles');
  await page.fill('claim-cards #cc-ar-q', 'ceasefire');
  await settle(page, (s) => s.cards.length > 0 && s.cards.every((c) => c.marks.length > 0));
  assert.deepEqual(page.exceptions, []);
  await page.close();
});

test('a page\'s cards are shown while its facets\' labels are still on their way', async () => {
  // Every label table held: the cards are on screen (their region not busy)
  // while the view as a whole still says it is busy; then the facets come.
  labelsHeld = deferred();
  cardAsked = deferred();
  cardAsked.resolve();
  const page = await newPage(chrome.browser);
  try {
    await page.goto(`${server.url}/held.html`);
    await page.waitForFunction(() => document.querySelector('claim-cards')?.shadowRoot
      ?.querySelector('.cc-cards[aria-busy="false"] > .cc-list > .cc-card'), null, { timeout: 30000 });
    const busy = await page.evaluate(() => document.querySelector('claim-cards').shadowRoot
      .querySelector('.cc-archive').getAttribute('aria-busy'));
    assert.equal(busy, 'true', 'the facets are still coming');
  } finally {
    labelsHeld.resolve();
    labelsHeld = null;
  }
  const s = await settle(page, (s) => s.cards.length > 0);
  assert.equal(s.error, null);
  const facets = await page.evaluate(() => document.querySelector('claim-cards').shadowRoot
    .querySelectorAll('fieldset.cc-facet input[type=checkbox]').length);
  assert.ok(facets > 0, 'the facets\' options, once their labels are in');
  assert.deepEqual(page.exceptions, []);
  await page.close();
});

test('the manifest downloads while the archive view\'s wasm does', async () => {
  // The wasm is answered only once the manifest has been asked for: a view
  // that asked for its manifest only once it runs would wait forever.
  manifestAsked = deferred();
  cardAsked = deferred();
  cardAsked.resolve();
  const page = await newPage(chrome.browser);
  try {
    await page.goto(`${server.url}/held.html`);
    const s = await settle(page, (s) => s.cards.length > 0);
    assert.equal(s.error, null);
    assert.deepEqual(page.exceptions, []);
  } finally {
    manifestAsked = null;
    await page.close();
  }
});

test('an archive from an origin the page does not allow is refused, and nothing is fetched', async () => {
  const page = await newPage(chrome.browser);
  const requests = [];
  page.on('request', (r) => { if (r.url().startsWith(other.url)) requests.push(r.url()); });
  await page.goto(`${server.url}/refused.html`);
  const s = await settle(page, (s) => !!s.error);
  assert.match(s.error, /127\.0\.0\.2/);
  assert.deepEqual(requests, []);
  await page.close();
});

test('axe finds nothing in the archive view, and screenshots at phone and desktop widths, light and dark', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [width, colorScheme] of [[360, 'light'], [1280, 'light'], [360, 'dark'], [1280, 'dark']]) {
    const page = await newPage(chrome.browser, { width, colorScheme });
    await page.goto(`${server.url}/?archive=/live/&q=ceasefire`);
    await settle(page, (s) => s.cards.length > 0);
    if (width < 760) await page.click('claim-cards .cc-filters-toggle');
    await page.fill('claim-cards #cc-ar-find', queries.speaker.split(' ')[0]);
    await page.locator('claim-cards .cc-suggestion').first().waitFor();
    const violations = await axe(page);
    assert.deepEqual(violations, [], `axe at ${width} ${colorScheme}`);
    await page.screenshot({ path: path.join(SHOTS, `archive-${width}-${colorScheme}.png`) });
    // And the cards (on a phone, below the open filters).
    await page.locator('claim-cards .cc-count-line').evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: path.join(SHOTS, `archive-${width}-${colorScheme}-cards.png`) });
    assert.deepEqual(page.exceptions, []);
    await page.close();
  }
});
