// oEmbed: a standalone page made with `claim-cards render --page
// --oembed-url` advertises its oEmbed document, and the document that
// `claim-cards render --oembed` prints embeds the widget as a CMS does — its
// `html` put into a post as it is — with a frame tall enough for the tools
// and a whole first card.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launch, newPage, ROOT } from './support.mjs';

const CLI = path.join(ROOT, 'target', 'debug', 'claim-cards');
const BUNDLE = path.join(ROOT, 'static', 'bundles', 'us-hamas-talks.json');
let dir;
let server;
let chrome;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-oembed-'));
  server = await startServer({ mounts: { '/o/': dir } });
  const base = `${server.url}/`;
  fs.writeFileSync(path.join(dir, 'page.html'), execFileSync(CLI, ['render', '--page', BUNDLE, '--src', 'bundles/us-hamas-talks.json',
    '--assets', base, '--oembed-url', `${server.url}/o/oembed.json`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  fs.writeFileSync(path.join(dir, 'oembed.json'), execFileSync(CLI, ['render', '--oembed', BUNDLE, '--src', `${base}bundles/us-hamas-talks.json`,
    '--assets', base], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the page advertises its oEmbed document, which embeds the bundle as a sized iframe', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/o/page.html`);
  const links = await page.$$eval('link[rel="alternate"][type="application/json+oembed"]', (ls) => ls.map((l) => ({ href: l.href, title: l.title })));
  assert.equal(links.length, 1);
  assert.equal(links[0].href, `${server.url}/o/oembed.json`);
  assert.match(links[0].title, /./);
  const doc = await page.evaluate(async (url) => (await fetch(url)).json(), links[0].href);
  await page.context().close();
  assert.equal(doc.version, '1.0');
  assert.equal(doc.type, 'rich');
  assert.equal(doc.title, links[0].title);
  assert.ok(Number.isInteger(doc.width) && Number.isInteger(doc.height) && doc.height >= 300, JSON.stringify(doc));
  // One iframe, nothing else: what a CMS's oEmbed sanitiser keeps.
  const frame = /^<iframe src="([^"]+)" title="[^"]+" width="(\d+)" height="(\d+)" style="width:100%;border:0" loading="lazy"><\/iframe>$/.exec(doc.html);
  assert.ok(frame, doc.html);
  assert.equal(Number(frame[3]), doc.height);
  const src = new URL(frame[1].replaceAll('&amp;', '&'));
  assert.equal(src.origin + src.pathname, `${server.url}/embed.html`);
  assert.equal(src.searchParams.get('bundle'), `${server.url}/bundles/us-hamas-talks.json`);
});

test('a post with the oEmbed html shows the widget, with the tools and a whole first card in the frame', async () => {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, 'oembed.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'post.html'), `<!doctype html><html lang="en"><title>A post</title><link rel="icon" href="data:,"><body style="margin:0">
<article style="width:${doc.width}px"><h1>A post</h1>${doc.html}</article></body></html>`);
  const page = await newPage(chrome.browser, { width: 800, height: 900 });
  await page.goto(`${server.url}/o/post.html`);
  const handle = await page.waitForSelector('iframe');
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => document.querySelector('claim-cards')?.shadowRoot?.querySelector('[data-claim-id]')
    && document.querySelector('claim-cards').filters);
  const seen = await frame.evaluate(() => {
    const root = document.querySelector('claim-cards').shadowRoot;
    return { card: root.querySelector('[data-claim-id]').getBoundingClientRect().bottom, search: !!root.querySelector('input[type=search]'), height: innerHeight };
  });
  assert.equal(seen.height, doc.height);
  assert.ok(seen.search && seen.card <= seen.height, JSON.stringify(seen));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
