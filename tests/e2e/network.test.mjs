// End-to-end tests on hostile networks: a bundle that takes long, is cut off,
// fails with 500, is a web page served as 200, is refused by CORS, cannot be
// reached offline, or is too large. Each shows an error card that says what
// happened in the reader's language, with a Retry that works once the server
// recovers; the other widget on the page keeps working; the host is told why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, newPage, DIST } from './support.mjs';

const DEMO = fs.readFileSync(path.join(DIST, 'bundles', 'us-hamas-talks.json'));
/** Per path: whether it has recovered (then it serves the demo bundle). */
const recovered = {};
const serveDemo = (res) => { res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }); res.end(DEMO); };
const misbehave = (name, bad) => (req, res) => (recovered[name] ? serveDemo(res) : bad(req, res));

const routes = {
  '/net/slow.json': (req, res) => setTimeout(() => serveDemo(res), 8000),
  '/net/cut.json': misbehave('cut', (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': DEMO.length });
    res.write(DEMO.subarray(0, DEMO.length >> 1), () => res.socket.destroy());
  }),
  '/net/500.json': misbehave('500', (req, res) => { res.writeHead(500, { 'content-type': 'text/plain' }); res.end('oops'); }),
  '/net/page.json': misbehave('page', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Sign in</title><p>Please sign in.</p>');
  }),
  '/net/big.json': misbehave('big', (req, res) => {
    // 70 MB of a JSON string, without a length: the widget stops reading past its limit.
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1 << 20, 32);
    let sent = 0;
    const more = () => {
      while (sent < 70 && !res.destroyed) {
        sent++;
        if (!res.write(chunk)) { res.once('drain', more); return; }
      }
      res.end();
    };
    more();
  }),
  '/net/page.html': (req, res, url) => {
    const a = url.searchParams.get('a');
    const lang = url.searchParams.get('lang');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Network test</title>
      <script type="module" src="/claim-cards.js"></script></head><body>
      <claim-cards id="a" loading="eager" ${lang ? `lang="${lang}"` : ''} ${a ? `src="${a}"` : ''}></claim-cards>
      <claim-cards id="b" loading="eager" src="/bundles/us-hamas-talks.json"></claim-cards></body></html>`);
  },
};

let server;
let other;
let chrome;

before(async () => {
  server = await startServer({ routes });
  // Another origin that sends the bundle without Access-Control-Allow-Origin.
  other = await startServer({ host: '127.0.0.2', routes: { '/bundle.json': (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(DEMO); } } });
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
  await other?.close();
});

async function open(src, { lang } = {}) {
  const page = await newPage(chrome.browser);
  await page.addInitScript(() => {
    window.__errors = [];
    document.addEventListener('claimcards:error', (e) => window.__errors.push({ target: e.target.id, ...e.detail }));
  });
  const q = new URLSearchParams();
  if (src) q.set('a', src);
  if (lang) q.set('lang', lang);
  await page.goto(`${server.url}/net/page.html?${q}`);
  return page;
}

/** The failing widget's error card, the host's error event, and the other widget still working. */
async function failed(page, reason) {
  await page.waitForSelector('#a >> .cc-error');
  await page.waitForFunction((r) => window.__errors.some((e) => e.target === 'a' && e.reason === r), reason);
  await page.waitForSelector('#b >> [data-claim-id=panikoff-quote]');
  await page.locator('#b >> #cc-speaker-donald-trump').check();
  await page.waitForFunction(() => document.querySelector('#b').shadowRoot.querySelectorAll('[data-claim-id]').length === 3);
  return {
    title: await page.textContent('#a >> .cc-error-title'),
    why: await page.textContent('#a >> .cc-error-why'),
    retry: await page.isVisible('#a >> .cc-retry'),
    event: await page.evaluate(() => window.__errors.find((e) => e.target === 'a')),
  };
}

async function retried(page, name) {
  recovered[name] = true;
  await page.click('#a >> .cc-retry');
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelectorAll('[data-claim-id]').length === 17);
  assert.deepEqual(page.exceptions, []);
}

test('a bundle that takes 8 s: the skeleton, then the cards, no error', async () => {
  const page = await open('/net/slow.json');
  await page.waitForSelector('#a >> .cc-skeleton[aria-busy=true]');
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelectorAll('[data-claim-id]').length === 17, null, { timeout: 20000 });
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  await page.context().close();
});

test('a body cut off half-way', async () => {
  const page = await open('/net/cut.json');
  const r = await failed(page, 'interrupted');
  assert.equal(r.why, 'The download stopped before the end.');
  assert.ok(r.retry);
  await retried(page, 'cut');
  await page.context().close();
});

test('HTTP 500, in the reader\'s language, then the server recovers', async () => {
  const page = await open('/net/500.json', { lang: 'vi' });
  const r = await failed(page, 'http');
  assert.equal(r.title, 'Không tải được danh sách phát ngôn');
  assert.equal(r.why, 'Máy chủ không gửi được các phát ngôn (lỗi 500).');
  assert.equal(r.event.status, 500);
  assert.equal(await page.textContent('#a >> .cc-retry'), 'Thử lại');
  await retried(page, '500');
  await page.context().close();
});

test('a web page served with status 200 instead of the bundle', async () => {
  const page = await open('/net/page.json');
  const r = await failed(page, 'not-a-bundle');
  assert.equal(r.why, 'The address leads to a web page, not to the claims.');
  assert.doesNotMatch(r.why, /JSON|1:1/);
  await retried(page, 'page');
  await page.context().close();
});

test('a bundle on another origin that does not allow this page (CORS)', async () => {
  const page = await open(`${other.url}/bundle.json`);
  const r = await failed(page, 'unreachable');
  assert.equal(r.why, 'The claims could not be downloaded: the server did not answer, or does not let this page load them.');
  assert.doesNotMatch(r.why, /Failed to fetch/);
  await page.context().close();
});

test('offline, then back online', async () => {
  const page = await open(null);
  await page.waitForSelector('#b >> [data-claim-id]');
  await page.context().setOffline(true);
  await page.$eval('#a', (el) => el.setAttribute('src', '/bundles/us-hamas-talks.json'));
  const r = await failed(page, 'offline');
  assert.equal(r.why, 'You seem to be offline. Check your connection, then retry.');
  await page.context().setOffline(false);
  await page.click('#a >> .cc-retry');
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot.querySelectorAll('[data-claim-id]').length === 17);
  await page.context().close();
});

test('a body larger than the loader\'s limit', async () => {
  const page = await open('/net/big.json');
  const r = await failed(page, 'too-large');
  assert.equal(r.why, 'The claims are too many to show here.');
  assert.match(r.event.problems[0], /the limit is 64 MB/);
  await page.context().close();
});
