// End-to-end tests of who may choose the bundle: the standalone page and the
// iframe page load ?bundle= only from their own origin and the origins their
// bundle-origins lists; anything else — here another origin that would allow
// it (Access-Control-Allow-Origin: *) — gets an error card naming it, and not
// one request. A <claim-cards> without that attribute loads any src.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, newPage, cardIds, waitForCards, DIST } from './support.mjs';

const DEMO = fs.readFileSync(path.join(DIST, 'bundles', 'us-hamas-talks.json'));
let server;
let other;
let chrome;
let hits = 0;

before(async () => {
  // The standalone page as a build with CLAIM_CARDS_BUNDLE_ORIGINS (or an
  // edited page) has it, listing the other origin; made when asked, as the
  // other origin's port is known then.
  server = await startServer({
    routes: {
      '/listed.html': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').replace('bundle-origins="self"', `bundle-origins="self ${other.url}"`));
      },
    },
  });
  other = await startServer({
    host: '127.0.0.2',
    routes: {
      '/bundle.json': (req, res) => {
        hits++;
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
        res.end(DEMO);
      },
    },
  });
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
  await other?.close();
});

async function open(url) {
  const page = await newPage(chrome.browser);
  await page.addInitScript(() => {
    window.__errors = [];
    document.addEventListener('claimcards:error', (e) => window.__errors.push(e.detail));
  });
  await page.goto(url);
  return page;
}

for (const [name, at] of [['standalone page', '/'], ['iframe page', '/embed.html']]) {
  test(`the ${name} refuses ?bundle= from another origin, and fetches nothing`, async () => {
    hits = 0;
    const page = await open(`${server.url}${at}?bundle=${encodeURIComponent(`${other.url}/bundle.json`)}`);
    await page.waitForSelector('.cc-error');
    assert.equal(await page.textContent('.cc-error-why'), `This page does not show claims from ${other.url}.`);
    assert.equal(await page.isVisible('.cc-retry'), false, 'retrying cannot help');
    assert.deepEqual(await cardIds(page), [], 'not even the prerendered cards of another bundle');
    await page.waitForFunction(() => window.__errors.length > 0);
    assert.equal(await page.evaluate(() => window.__errors[0].reason), 'refused');
    assert.equal(hits, 0, 'no request reached the other origin');
    assert.deepEqual(page.exceptions, []);
    await page.context().close();
  });
}

test('a script: URL as ?bundle= is refused too', async () => {
  const page = await open(`${server.url}/?bundle=${encodeURIComponent('javascript:alert(1)')}`);
  await page.waitForSelector('.cc-error');
  assert.equal(await page.textContent('.cc-error-why'), 'This page does not show claims from javascript:.');
  await page.context().close();
});

test('an origin the deployer lists is loaded', async () => {
  hits = 0;
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/listed.html?bundle=${encodeURIComponent(`${other.url}/bundle.json`)}`);
  await waitForCards(page);
  assert.equal((await cardIds(page)).length, 17);
  assert.equal(hits, 1);
  await page.context().close();
});

test('a <claim-cards> without bundle-origins loads any src its host gives it', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/demo/article.html`);
  await page.$eval('#claims-vi', (el, src) => { el.setAttribute('loading', 'eager'); el.setAttribute('src', src); }, `${other.url}/bundle.json`);
  await page.$eval('#claims-vi', (el) => el.scrollIntoView());
  await page.waitForFunction(() => document.querySelector('#claims-vi').shadowRoot.querySelectorAll('[data-claim-id]').length === 17);
  await page.context().close();
});
