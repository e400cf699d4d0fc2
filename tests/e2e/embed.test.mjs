// End-to-end tests of the embed layer: the <claim-cards> element on the demo
// news page (with a hostile stylesheet), under a strict CSP, and the iframe embed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, newPage, axe, showAll, waitForCards, SHOTS } from './support.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";

let server;
let cspServer;
let chrome;

before(async () => {
  server = await startServer();
  cspServer = await startServer({ headers: { 'content-security-policy': CSP } });
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
  await cspServer?.close();
});

/** Card ids inside one element's shadow root. */
const shadowIds = (page, sel) => page.$eval(sel, (el) =>
  [...el.shadowRoot.querySelectorAll('[data-claim-id]')].map((c) => c.getAttribute('data-claim-id')));

async function openDemo(base, opts = {}) {
  const page = await newPage(chrome.browser, opts);
  // Collect CSP violations and element events from the first script on.
  await page.addInitScript(() => {
    window.__violations = [];
    window.__events = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    for (const name of ['claimcards:ready', 'claimcards:filterchange', 'claimcards:error']) {
      document.addEventListener(name, (e) => window.__events.push({ name, target: e.target.id, detail: e.detail }));
    }
  });
  await page.goto(`${base}/demo/article.html`);
  await page.waitForFunction(() => window.__events.filter((e) => e.name === 'claimcards:ready').length === 1);
  return page;
}

const events = (page, name, target) => page.evaluate(([n, t]) =>
  window.__events.filter((e) => e.name === n && (!t || e.target === t)).map((e) => e.detail), [name, target]);

test('the element renders its bundle in a shadow root; the second loads lazily near the viewport', async () => {
  const page = await openDemo(server.url);
  await showAll(page, '#claims-en');
  assert.equal((await shadowIds(page, '#claims-en')).length, 17);
  const title = 'Trump administration deals directly with Gaza: unprecedented talks with Hamas';
  assert.deepEqual(await events(page, 'claimcards:ready', 'claims-en'), [{
    claims: 17, skipped: 0, title, pageTitle: `${title} — Who said what`,
    pageDescription: `Every claim in the article, with who made it and the sources it came through: ${title}`,
  }]);
  // The Vietnamese instance is far below: not started yet, its fallback still shows.
  assert.equal(await page.$eval('#claims-vi', (el) => el.shadowRoot.querySelector('slot') !== null), true);
  assert.equal(await page.isVisible('#claims-vi a'), true);
  await page.$eval('#claims-vi', (el) => el.scrollIntoView());
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'claimcards:ready' && e.target === 'claims-vi'));
  assert.equal((await shadowIds(page, '#claims-vi')).length, 5);
  assert.equal(await page.$eval('#claims-vi', (el) => el.shadowRoot.querySelector('.cc-root').getAttribute('lang')), 'vi');
  // The wasm module was fetched once for both.
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).length);
  assert.equal(wasm, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('host CSS changes nothing inside the widget', async () => {
  const page = await openDemo(server.url);
  // The same styles, read inside the element's shadow root and on the standalone page.
  const styles = (host) => {
    const root = host ? document.querySelector(host).shadowRoot : document;
    const pick = (sel, props) => {
      const s = getComputedStyle(root.querySelector(sel));
      return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
    };
    return {
      card: pick('.cc-card', ['box-sizing', 'display', 'font-family', 'line-height', 'margin-left']),
      list: pick('.cc-list', ['list-style-type', 'margin-top', 'display']),
      search: pick('input[type=search]', ['font-size', 'border-top-style']),
      chip: pick('a.cc-chip', ['color']),
      button: pick('.cc-copy', ['padding-left', 'cursor']),
      text: pick('.cc-text', ['font-size', 'letter-spacing']),
    };
  };
  const inside = await page.evaluate(styles, '#claims-en');
  const standalone = await newPage(chrome.browser);
  await standalone.goto(`${server.url}/?theme=light`);
  await standalone.waitForSelector('[data-claim-id]');
  await waitForCards(standalone);
  const outside = await standalone.evaluate(styles, 'claim-cards');
  assert.deepEqual(inside, outside);
  assert.equal(inside.card['box-sizing'], 'border-box');
  await page.$eval('#claims-en', (el) => el.scrollIntoView());
  await page.screenshot({ path: path.join(SHOTS, 'demo-article.png') });
  await page.context().close();
  await standalone.context().close();
});

test('filters: events carry the state, and the host can set them', async () => {
  const page = await openDemo(server.url);
  const box = await page.$('#claims-en');
  await page.$eval('#claims-en', (el) => el.shadowRoot.querySelector('#cc-speaker-donald-trump').click());
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'claimcards:filterchange' && e.detail.speaker.length));
  const last = (await events(page, 'claimcards:filterchange', 'claims-en')).at(-1);
  assert.deepEqual(last, { speaker: ['donald-trump'], source: [], topic: [], kind: [], verdict: [], q: '', sort: 'article', group: '', shown: 3, total: 17 });
  assert.deepEqual(await box.evaluate((el) => el.filters.speaker), ['donald-trump']);
  assert.equal(new URL(page.url()).search, '', "the host's URL is the host's");

  assert.equal(await box.evaluate((el) => el.setFilters({ source: ['reuters'], q: 'doha' })), true);
  await page.waitForFunction(() => document.querySelector('#claims-en').shadowRoot.querySelectorAll('[data-claim-id]').length === 1);
  assert.deepEqual(await shadowIds(page, '#claims-en'), ['reuters-boehler-doha']);
  await box.evaluate((el) => el.setAttribute('topic', 'humanitarian-aid'));
  await page.waitForFunction(() => document.querySelector('#claims-en').shadowRoot.querySelectorAll('[data-claim-id]').length === 3);
  await box.evaluate((el) => el.clearFilters());
  await page.waitForFunction(() => document.querySelector('#claims-en').shadowRoot.querySelector('.cc-count-line').textContent === '17 claims');
  await page.context().close();
});

test('article sentences reveal their cards; "in paragraph N" scrolls the article', async () => {
  const page = await openDemo(server.url, { width: 1280, height: 800 });
  const sentence = page.locator('p > span[data-claim-id="wfp-food-reserves"]');
  assert.equal(await sentence.getAttribute('tabindex'), '0');
  assert.equal(await sentence.getAttribute('role'), 'link');
  await sentence.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#claims-en').shadowRoot.querySelector('#claim-wfp-food-reserves.is-target'));
  const inView = await page.$eval('#claims-en', (el) => {
    const r = el.shadowRoot.querySelector('#claim-wfp-food-reserves').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, 'the card is on screen');
  // A card hidden by filters is revealed too (the filters are cleared).
  await page.$eval('#claims-en', (el) => el.setFilters({ speaker: ['donald-trump'] }));
  await page.waitForFunction(() => document.querySelector('#claims-en').shadowRoot.querySelectorAll('[data-claim-id]').length === 3);
  // (A quote over several lines: the centre of its box is not on it, so click it directly.)
  await page.$eval('p > q[data-claim-id="panikoff-quote"]', (el) => el.click());
  await page.waitForFunction(() => document.querySelector('#claims-en').shadowRoot.querySelector('#claim-panikoff-quote.is-target'));

  await page.$eval('#claims-en', (el) => el.shadowRoot.querySelector('#claim-wfp-food-reserves .cc-paragraph').click());
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-claim-paragraph') === '7');
  const pInView = await page.$eval('[data-claim-paragraph="7"]', (el) => {
    const r = el.getBoundingClientRect();
    return r.top < window.innerHeight && r.bottom > 0;
  });
  assert.ok(pInView);
  await page.context().close();
});

test('a failing bundle in one instance leaves the other working', async () => {
  const page = await openDemo(server.url);
  await page.$eval('#claims-vi', (el) => el.setAttribute('src', '../bundles/missing.json'));
  await page.$eval('#claims-vi', (el) => el.scrollIntoView());
  await page.waitForFunction(() => window.__events.some((e) => e.name === 'claimcards:error' && e.target === 'claims-vi'));
  const [err] = await events(page, 'claimcards:error', 'claims-vi');
  assert.equal(err.url, '../bundles/missing.json');
  assert.match(err.problems[0], /404/);
  assert.equal(await page.$eval('#claims-vi', (el) => el.shadowRoot.querySelector('.cc-error-title').textContent), 'The claims could not be loaded');
  // The first still works.
  await page.$eval('#claims-en', (el) => el.shadowRoot.querySelector('#cc-kind-quote').click());
  await page.waitForFunction(() => document.querySelector('#claims-en').shadowRoot.querySelectorAll('[data-claim-id]').length === 1);
  await page.context().close();
});

test('inline bundles, and broken claims reported through claimcards:error', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/embed.html`);
  await page.evaluate(async () => {
    const el = document.createElement('claim-cards');
    el.id = 'inline';
    el.setAttribute('loading', 'eager');
    const data = document.createElement('script');
    data.type = 'application/json';
    data.textContent = JSON.stringify({
      version: 1, speakers: [{ id: 'a', name: 'Ann' }], sources: [{ id: 's', name: 'Wire' }],
      claims: [{ id: 'c1', text: 'Kept', speaker: 'a', sources: ['s'] }, { id: 'c2', text: 'Lost', speaker: 'zed', sources: ['s'] }],
    });
    el.append(data);
    window.__err = new Promise((r) => el.addEventListener('claimcards:error', (e) => r(e.detail)));
    document.body.append(el);
  });
  const err = await page.evaluate(() => window.__err);
  assert.equal(err.problems[0].message, 'speaker "zed" is not defined');
  assert.deepEqual(await shadowIds(page, '#inline'), ['c1']);
  await page.context().close();
});

test('strict CSP with Trusted Types: no violations, both instances render', async () => {
  const page = await openDemo(cspServer.url);
  await page.$eval('#claims-vi', (el) => el.scrollIntoView());
  await page.waitForFunction(() => window.__events.filter((e) => e.name === 'claimcards:ready').length === 2);
  await page.$eval('#claims-en', (el) => el.shadowRoot.querySelector('#cc-speaker-donald-trump').click());
  await page.$eval('#claims-en', (el) => el.shadowRoot.querySelector('input[type=search]').focus());
  await page.keyboard.type('hamas');
  await page.waitForFunction(() => document.querySelector('#claims-en').shadowRoot.querySelectorAll('mark').length > 0);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('axe finds no violations on the demo article with the widget', async () => {
  const page = await openDemo(server.url);
  await page.$eval('#claims-vi', (el) => el.scrollIntoView());
  await page.waitForFunction(() => window.__events.filter((e) => e.name === 'claimcards:ready').length === 2);
  const violations = await axe(page);
  // The hostile demo stylesheet is the host's (red links on cream fail contrast by design): judge the widget only.
  const ours = violations.filter((v) => v.nodes.some((n) => n.includes('claim-cards')));
  assert.deepEqual(ours, []);
  await page.context().close();
});

test('with JavaScript off, a prerendered element shows every card; an element without one, its fallback', async () => {
  const context = await chrome.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/article.html`);
  assert.equal((await shadowIds(page, '#claims-en')).length, 17);
  assert.equal(await page.isVisible('#claims-en >> [data-claim-id=panikoff-quote] .cc-text'), true);
  assert.equal(await page.isVisible('#claims-vi a[href="../bundles/us-hamas-talks.vi.json"]'), true);
  assert.equal(await page.textContent('#claims-vi a'), 'Các phát ngôn trong bài (dữ liệu)');
  await context.close();
});

test('the iframe embed posts a height that matches its content', async () => {
  const page = await newPage(chrome.browser, { width: 900, height: 800 });
  await page.goto(`${server.url}/embed.html?bundle=bundles/us-hamas-talks.json&id=gaza&speaker=donald-trump`);
  // Host page: an iframe of the embed, resized by the documented snippet.
  await page.setContent(`<!doctype html><body style="margin:0">
    <iframe id="f" src="${server.url}/embed.html?bundle=bundles/us-hamas-talks.json&id=gaza&speaker=donald-trump" style="width:100%;border:0;height:50px"></iframe>
    <script>
      window.__heights = [];
      addEventListener('message', (e) => {
        const d = e.data;
        if (!d || d.type !== 'claim-cards:resize') return;
        window.__heights.push(d);
        for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.style.height = d.height + 'px';
      });
    </script></body>`);
  const frame = await (await page.$('#f')).contentFrame();
  await frame.waitForSelector('claim-cards');
  await frame.waitForFunction(() => document.querySelector('claim-cards').shadowRoot?.querySelectorAll('[data-claim-id]').length === 3);
  await page.waitForFunction(() => {
    const f = document.querySelector('#f');
    return f.contentDocument && Math.abs(f.getBoundingClientRect().height - f.contentDocument.documentElement.scrollHeight) <= 1;
  });
  const last = await page.evaluate(() => window.__heights.at(-1));
  assert.equal(last.id, 'gaza');
  assert.equal(last['datawrapper-height'].gaza, last.height);
  const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  assert.equal(last.height, content);
  assert.equal(await frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight), true, 'no inner scrollbar');
  await page.context().close();
});
