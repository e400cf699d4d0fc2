// End-to-end tests of what readers and newsroom developers met (issue #17),
// each failing before its fix: the view kept through theme, language,
// heading and DOM moves; nothing wider than its container; deep links to a
// widget below the fold; print; the standalone page's title; the language of
// claims; search punctuation; focus after "Clear all"; and the smaller ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { generatedBundles, startServer, launch, newPage, cardIds, waitForCards, waitForCount, axe, SHOTS } from './support.mjs';

let server;
let chrome;

before(async () => {
  const gen = await generatedBundles([300, 500]);
  server = await startServer({ mounts: { '/gen/': gen } });
  chrome = await launch();
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

const HOST = '/fixtures/e2e/host.html';
const W = '#w';

/** The host page with its one eager widget, live. */
async function host(opts = {}) {
  const page = await newPage(chrome.browser, opts);
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ['ready', 'filterchange', 'error']) {
      document.addEventListener(`claimcards:${name}`, (e) => window.__events.push([name, e.target.id, e.detail]));
    }
  });
  await page.goto(`${server.url}${HOST}`);
  await waitForCards(page, W);
  return page;
}

const inWidget = (page, fn, arg) => page.evaluate(([src, a]) => {
  const root = document.querySelector('#w').shadowRoot;
  return new Function('root', 'arg', `return (${src})(root, arg)`)(root, a);
}, [fn.toString(), arg]);

/** What the reader has made of the widget: filters, search, sort, count, focus and scroll. */
const readerView = (page) => inWidget(page, (root) => ({
  count: root.querySelector('.cc-count-line').textContent,
  trump: root.querySelector('#cc-speaker-donald-trump').checked,
  q: root.querySelector('#cc-q').value,
  sort: root.querySelector('#cc-sort').value,
  focus: root.activeElement?.id || '',
  y: Math.round(window.scrollY),
}));

for (const [attribute, value] of [['theme', 'dark'], ['lang', 'vi'], ['heading-level', '3']]) {
  test(`a ${attribute} change keeps the reader's filters, search, sort, scroll and focus`, async () => {
    const page = await host();
    await page.check('#w >> #cc-speaker-donald-trump');
    await page.selectOption('#w >> #cc-sort', 'speaker');
    await page.fill('#w >> #cc-q', 'hamas');
    await waitForCount(page, 2, W);
    await page.evaluate(() => window.scrollTo(0, 400));
    const before = await readerView(page);
    assert.deepEqual([before.trump, before.q, before.sort, before.focus, before.y], [true, 'hamas', 'speaker', 'cc-q', 400]);
    const events = await page.evaluate(() => window.__events.length);
    await page.evaluate(([a, v]) => document.querySelector('#w').setAttribute(a, v), [attribute, value]);
    if (attribute === 'theme') {
      await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('.cc-root').dataset.theme === 'dark');
    } else if (attribute === 'lang') {
      await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('.cc-root').lang === 'vi');
      assert.match(await inWidget(page, (root) => root.querySelector(".cc-count-line").textContent), /2 trên 17/);
    } else {
      await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('h3.cc-title'));
    }
    const after = await readerView(page);
    assert.deepEqual({ ...after, count: undefined }, { ...before, count: undefined });
    if (attribute !== 'lang') assert.equal(after.count, before.count);
    const newEvents = await page.evaluate((n) => window.__events.slice(n).map(([name]) => name), events);
    assert.deepEqual(newEvents, [], 'no ready or filterchange: nothing was reloaded or changed');
    assert.deepEqual(page.exceptions, []);
    await page.context().close();
  });
}

test('moving the element in the page keeps its view', async () => {
  const page = await host();
  await page.check('#w >> #cc-speaker-donald-trump');
  await waitForCount(page, 3, W);
  await page.evaluate(() => document.querySelector('#b').append(document.querySelector('#w')));
  await page.waitForFunction(() => document.querySelector('#b > #w'));
  const view = await readerView(page);
  assert.equal(view.trump, true);
  assert.equal(view.count, '3 of 17 claims');
  assert.deepEqual(await page.evaluate(() => window.__events.filter(([n]) => n === 'ready').length), 1);
  await page.context().close();
});

/** Whether anything in the widget (or the page) reaches past `limit` px from the left. */
const widest = (page, sel) => page.evaluate((s) => {
  const el = document.querySelector(s);
  let right = 0;
  let who = '';
  const walk = (root) => {
    for (const e of root.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (r.width && r.right > right) { right = r.right; who = `${e.tagName}.${e.className}`; }
    }
  };
  walk(el.shadowRoot || el);
  return { right: Math.round(right), who, page: document.documentElement.scrollWidth, box: Math.round(el.getBoundingClientRect().right) };
}, sel);

test('long names, roles, chips and URLs never make the widget wider than its container', async () => {
  for (const bundle of ['/fixtures/e2e/long-names.json', 'bundles/harbor-fact-checks.json']) {
    const page = await newPage(chrome.browser, { width: 360, height: 800 });
    await page.goto(`${server.url}/?bundle=${bundle}`);
    await waitForCards(page);
    const w = await widest(page, 'claim-cards');
    assert.ok(w.page <= 360, `${bundle}: the page is ${w.page} px wide at 360 (${w.who})`);
    assert.ok(w.right <= w.box, `${bundle}: ${w.who} reaches ${w.right} px, past the widget's ${w.box}`);
    if (bundle.includes('long')) {
      // The full text is still there to read (wrapped, not cut).
      const name = await page.evaluate(() => window.__ccRoot().querySelector('.cc-speaker-name').textContent.length);
      assert.equal(name, 300);
      await page.screenshot({ path: path.join(SHOTS, 'phone-long-names.png'), fullPage: true });
    }
    await page.context().close();
  }
  // And on a desktop screen, dark.
  const wide = await newPage(chrome.browser, { width: 1280, height: 900, colorScheme: 'dark' });
  await wide.goto(`${server.url}/?bundle=/fixtures/e2e/long-names.json`);
  await waitForCards(wide);
  const ww = await widest(wide, 'claim-cards');
  assert.ok(ww.page <= 1280 && ww.right <= ww.box, `at 1280: ${ww.who} reaches ${ww.right} px`);
  await wide.screenshot({ path: path.join(SHOTS, 'desktop-long-names-dark.png') });
  await wide.context().close();
  // Inside a 300 px column of a wide page.
  const page = await host({ width: 1280, height: 900 });
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.id = 'narrow';
    div.innerHTML = '<claim-cards id="n" src="/fixtures/e2e/long-names.json" loading="eager"></claim-cards>';
    document.body.prepend(div);
  });
  await waitForCards(page, '#n');
  const w = await widest(page, '#n');
  assert.ok(w.right <= w.box && w.box <= 300, `in a 300 px column: ${w.who} reaches ${w.right} px (widget ${w.box})`);
  await page.screenshot({ path: path.join(SHOTS, 'desktop-long-names-column.png') });
  await page.context().close();
});

/** The card with `id` is on screen and the only highlighted one. */
const revealed = (page, id, host) => page.waitForFunction(([id, h]) => {
  const root = document.querySelector(h).shadowRoot;
  const card = root?.querySelector(`#claim-${id}`);
  if (!card) return false;
  const r = card.getBoundingClientRect();
  const targets = [...root.querySelectorAll('.is-target')].map((e) => e.id);
  return r.top >= 0 && r.top < innerHeight && targets.length === 1 && targets[0] === `claim-${id}`;
}, [id, host], { timeout: 15000 });

test('a #claim- link starts a widget far below the fold, scrolls to the card and highlights it; so does a later hash', async () => {
  const page = await newPage(chrome.browser, { width: 1280, height: 800 });
  await page.goto(`${server.url}/fixtures/e2e/far.html#claim-trump-ultimatum`);
  await revealed(page, 'trump-ultimatum', '#far');
  await page.evaluate(() => { location.hash = '#claim-wfp-food-reserves'; });
  await revealed(page, 'wfp-food-reserves', '#far');
  await page.context().close();
});

test('reveal(a) then reveal(b): only b stays highlighted', async () => {
  const page = await host();
  await page.evaluate(() => document.querySelector('#w').reveal('trump-ultimatum'));
  await revealed(page, 'trump-ultimatum', W);
  await page.evaluate(() => document.querySelector('#w').reveal('panikoff-quote'));
  await revealed(page, 'panikoff-quote', W);
  await page.context().close();
});

test('print: every card of the view, no controls, the filters named, links with their URLs', async () => {
  const page = await newPage(chrome.browser, { width: 1280, height: 900 });
  await page.goto(`${server.url}/?bundle=/gen/300.json`);
  await waitForCards(page);
  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(() => window.__ccRoot().querySelectorAll('[data-claim-id]').length === 300, null, { timeout: 15000 });
  const hidden = await page.evaluate(() => {
    const root = window.__ccRoot();
    return ['.cc-search', '.cc-tools', '.cc-facets', '.cc-copy', '.cc-more', '.cc-filters-toggle']
      .map((s) => [s, [...root.querySelectorAll(s)].every((e) => !e.checkVisibility())]);
  });
  assert.deepEqual(hidden.filter(([, h]) => !h), [], 'controls are not printed');
  await page.screenshot({ path: path.join(SHOTS, 'print-300.png') });
  await page.context().close();

  // A filtered view says what it shows, and links carry their URLs.
  const p2 = await newPage(chrome.browser, { width: 1280, height: 900 });
  await p2.goto(`${server.url}/?speaker=donald-trump&q=hamas`);
  await waitForCards(p2);
  await p2.emulateMedia({ media: 'print' });
  const summary = await p2.evaluate(() => {
    const e = window.__ccRoot().querySelector('.cc-print-summary');
    return e && e.checkVisibility() ? e.textContent : '';
  });
  assert.match(summary, /2 of 17 claims/);
  assert.match(summary, /Donald Trump/);
  assert.match(summary, /hamas/);
  const open = await newPage(chrome.browser, { width: 1280, height: 900 });
  await open.goto(`${server.url}/?bundle=bundles/harbor-fact-checks.json`);
  await waitForCards(open);
  await open.emulateMedia({ media: 'print' });
  const after = await open.evaluate(() => {
    const a = window.__ccRoot().querySelector('a.cc-chip--link');
    return [a.href, getComputedStyle(a, '::after').content];
  });
  assert.ok(after[1].includes(after[0]), `the link prints its URL: ${after[1]}`);
  await open.screenshot({ path: path.join(SHOTS, 'print-fact-checks.png') });
  await open.setViewportSize({ width: 360, height: 800 });
  await open.screenshot({ path: path.join(SHOTS, 'print-phone-fact-checks.png') });
  await p2.context().close();
  await open.context().close();
});

test("the standalone page's title and description follow the bundle", async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/?bundle=bundles/harbor-fact-checks.json`);
  await waitForCards(page);
  await page.waitForFunction(() => document.title.includes('Harbor City'));
  assert.equal(await page.title(), 'Harbor City mayoral race: the claims, fact-checked — Who said what');
  const description = await page.$eval('meta[name=description]', (m) => m.content);
  assert.match(description, /Harbor City mayoral race/);
  assert.doesNotMatch(description, /Gaza|Hamas/);
  await page.context().close();
});

test("a card's text carries the bundle's language and direction; the interface words carry the UI's", async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/?bundle=bundles/us-hamas-talks.vi.json&lang=en`);
  await waitForCards(page);
  const vi = await page.evaluate(() => {
    const root = window.__ccRoot();
    const text = root.querySelector('.cc-text');
    return { text: text.closest('[lang]').lang, ui: root.querySelector('.cc-count-line').closest('[lang]').lang };
  });
  assert.deepEqual(vi, { text: 'vi', ui: 'en' });
  await page.goto(`${server.url}/?bundle=/fixtures/e2e/arabic.json&lang=en`);
  await waitForCards(page);
  const ar = await page.evaluate(() => {
    const root = window.__ccRoot();
    const text = root.querySelector('.cc-text');
    const count = root.querySelector('.cc-count-line');
    return { lang: text.closest('[lang]').lang, dir: getComputedStyle(text).direction, ui: getComputedStyle(count).direction };
  });
  assert.deepEqual(ar, { lang: 'ar', dir: 'rtl', ui: 'ltr' });
  await page.context().close();
});

test('search: straight and curly apostrophes are one, punctuation around words does not matter', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/`);
  await waitForCards(page);
  const count = async (q) => {
    await page.fill('#cc-q', q);
    await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, q);
    return [(await cardIds(page)).length, await page.evaluate(() => window.__ccRoot().querySelectorAll('mark').length > 0)];
  };
  const curly = await count('Trump’s');
  assert.ok(curly[0] > 0);
  assert.deepEqual(await count("Trump's"), curly);
  const plain = await count('trump');
  for (const q of ['trump,', 'trump.', '"trump"', '(trump)', '“trump”']) assert.deepEqual(await count(q), plain, q);
  await page.context().close();
});

test('"Clear all" leaves focus on the search box, and the count line says the new count', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/?speaker=donald-trump`);
  await waitForCards(page);
  await page.focus('.cc-clear');
  await page.keyboard.press('Enter');
  await waitForCount(page, 17);
  assert.equal(await page.evaluate(() => window.__ccRoot().activeElement?.id), 'cc-q');
  assert.equal(await page.getAttribute('.cc-count-line', 'role'), 'status');
  await page.context().close();
});

test('in a right-to-left page the interface words keep their own direction', async () => {
  const page = await newPage(chrome.browser, { width: 1280, height: 900 });
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => { document.documentElement.dir = 'rtl'; }));
  await page.goto(`${server.url}/`);
  await waitForCards(page);
  const dirs = await page.evaluate(() => {
    const root = window.__ccRoot();
    return ['.cc-count-line', '#cc-q', '.cc-eyebrow'].map((s) => getComputedStyle(root.querySelector(s)).direction);
  });
  assert.deepEqual(dirs, ['ltr', 'ltr', 'ltr']);
  await page.context().close();
});

test('"Copy link" in the iframe copies the host article\'s URL, and is announced', async () => {
  const page = await newPage(chrome.browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const article = 'https://news.example.org/2025/gaza-talks';
  await page.goto(`${server.url}/embed.html?bundle=bundles/us-hamas-talks.json&id=t&page=${encodeURIComponent(article)}`);
  await waitForCards(page);
  await page.click('[data-claim-id=panikoff-quote] .cc-copy');
  await page.waitForFunction(() => window.__ccRoot().querySelector('.cc-announce')?.textContent.includes('Link copied'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${article}#claim-panikoff-quote`);
  await page.context().close();
});

test('accessible names: each "Copy link" its own, facet options without their counts', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/`);
  await waitForCards(page);
  const names = await page.evaluate(() => [...window.__ccRoot().querySelectorAll('.cc-copy')].map((b) => b.getAttribute('aria-label') || b.textContent));
  assert.equal(new Set(names).size, names.length, `duplicate names: ${names.join(' | ')}`);
  assert.equal(await page.getByRole('checkbox', { name: 'Donald Trump', exact: true }).count(), 1);
  await page.context().close();
});

test('a filter the bundle does not have is shown and removable; a,b lists work in the URL', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/?speaker=nobody`);
  await waitForCards(page);
  const unknown = page.getByRole('checkbox', { name: /nobody/ });
  assert.equal(await unknown.isChecked(), true);
  await unknown.click(); // unticked, it goes: the bundle has no such speaker to offer
  await waitForCount(page, 17);
  await page.goto(`${server.url}/?speaker=donald-trump,hazem-qassem`);
  await waitForCards(page);
  assert.equal((await cardIds(page)).length, 4);
  await page.context().close();
});

test('a bundle with no claims says so, and strikes nothing through', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/?bundle=/fixtures/e2e/no-claims.json`);
  await page.waitForFunction(() => window.__ccRoot().querySelector('.cc-empty'));
  assert.match(await page.textContent('.cc-empty'), /no claims/i);
  assert.doesNotMatch(await page.textContent('.cc-empty'), /filters/i);
  assert.equal(await page.evaluate(() => window.__ccRoot().querySelectorAll('.is-empty').length), 0);
  await page.context().close();
});

test('the host API before loading: calls are queued; filterchange comes after ready; no bundle is said', async () => {
  const page = await newPage(chrome.browser, { width: 1280, height: 800 });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/fixtures/e2e/far.html`);
  const queued = await page.evaluate(() => {
    const el = document.querySelector('#far');
    return [el.setFilters({ speaker: ['donald-trump'] }), el.reveal('trump-last-chance')];
  });
  assert.deepEqual(queued, [true, true]);
  await page.evaluate(() => document.querySelector('#far').scrollIntoView());
  await revealed(page, 'trump-last-chance', '#far');
  assert.equal(await page.evaluate(() => document.querySelector('#far').filters.speaker.join()), 'donald-trump');

  // An inline bundle: ready first, then filterchange.
  await page.evaluate(async () => {
    window.__order = [];
    const el = document.createElement('claim-cards');
    el.setAttribute('loading', 'eager');
    el.innerHTML = '<script type="application/json">{"version":1,"article":{"title":"Inline"},"speakers":[{"id":"a","name":"A"}],"sources":[{"id":"s","name":"S"}],"claims":[{"id":"c","text":"T.","speaker":"a","sources":["s"]}]}</script>';
    for (const n of ['ready', 'filterchange']) el.addEventListener(`claimcards:${n}`, () => window.__order.push(n));
    document.body.prepend(el);
  });
  await page.waitForFunction(() => window.__order.length >= 2);
  assert.deepEqual(await page.evaluate(() => window.__order.slice(0, 2)), ['ready', 'filterchange']);

  // Neither src nor inline JSON: an error saying so, and the host page is not fetched.
  const before = requests.length;
  const reason = await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement('claim-cards');
    el.setAttribute('loading', 'eager');
    el.addEventListener('claimcards:error', (e) => resolve(e.detail.reason));
    document.body.prepend(el);
  }));
  assert.equal(reason, 'no-bundle');
  assert.deepEqual(requests.slice(before).filter((u) => u.includes('far.html')), []);
  await page.context().close();
});

test('two widgets on a page: unique landmarks; group headings follow the page outline', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/demo/article.html`);
  await waitForCards(page, '#claims-en');
  await page.$eval('#claims-vi', (el) => el.scrollIntoView());
  await waitForCards(page, '#claims-vi');
  const violations = await axe(page);
  assert.deepEqual(violations.filter((v) => v.id === 'landmark-unique'), []);
  await page.goto(`${server.url}/?group=speaker`);
  await waitForCards(page);
  assert.equal(await page.evaluate(() => window.__ccRoot().querySelector('.cc-group-head').tagName), 'H2');
  await page.context().close();
});

test("the reader's font size is followed", async () => {
  const page = await newPage(chrome.browser);
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => { document.documentElement.style.fontSize = '200%'; }));
  await page.goto(`${server.url}${HOST}`);
  await waitForCards(page, W);
  const size = await inWidget(page, (root) => parseFloat(getComputedStyle(root.querySelector('.cc-text')).fontSize));
  assert.ok(size >= 32, `claim text at ${size}px with html at 200%`);
  await page.context().close();
});

test("the phone's Filters panel shows the count; after \"Show more\" focus goes to the first new card", async () => {
  const page = await newPage(chrome.browser, { width: 360, height: 800 });
  await page.goto(`${server.url}/`);
  await waitForCards(page);
  await page.click('.cc-filters-toggle');
  await page.check('#cc-speaker-donald-trump');
  const inPanel = await page.evaluate(() => {
    const e = window.__ccRoot().querySelector('.cc-facets .cc-panel-count');
    const r = e?.getBoundingClientRect();
    return e && r.top >= 0 && r.bottom <= innerHeight ? e.textContent : '';
  });
  assert.equal(inPanel, '3 of 17 claims');
  await page.goto(`${server.url}/?bundle=/gen/500.json`);
  await waitForCards(page);
  // Counted and pressed in one go: the list also grows by itself as its end nears the viewport.
  const before = await page.evaluate(() => {
    const root = window.__ccRoot();
    const n = root.querySelectorAll('[data-claim-id]').length;
    root.querySelector('.cc-more button').click();
    return n;
  });
  await page.waitForFunction((n) => window.__ccRoot().querySelectorAll('[data-claim-id]').length > n, before);
  const focused = await page.evaluate(() => window.__ccRoot().activeElement?.getAttribute('data-claim-id'));
  const ids = await cardIds(page);
  assert.equal(focused, ids[before]);
  await page.context().close();
});
