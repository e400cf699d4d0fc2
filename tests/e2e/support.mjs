// Shared helpers for the end-to-end tests: a static server for dist/ and a
// headless Chromium driven through playwright-core (no browser download: it
// runs Debian's /usr/bin/chromium).
import http from 'node:http';
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const DIST = path.join(ROOT, 'dist');
export const SHOTS = path.join(ROOT, 'target', 'screenshots');

/** The path of a file of an npm tool: NODE_PATH (set by scripts/bootstrap) points at the tools cache. */
export function toolPath(name) {
  return require.resolve(name, { paths: (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean) });
}
/** An npm tool (scripts/package.json), loaded. */
export function lib(name) {
  return require(toolPath(name));
}
export const { chromium } = lib('playwright-core');
export const AXE_SOURCE = fs.readFileSync(path.join(path.dirname(require.resolve('axe-core', {
  paths: (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean),
})), 'axe.min.js'), 'utf8');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png',
};

/**
 * Writes the deterministic synthetic bundles of these sizes
 * (scripts/bench/gen-bundle.mjs) as `N.json` into target/e2e-bundles/, and
 * returns that folder (to mount as `/gen/`).
 */
export async function generatedBundles(sizes) {
  const { generateBundle } = await import('../../scripts/bench/gen-bundle.mjs');
  const dir = path.join(ROOT, 'target', 'e2e-bundles');
  fs.mkdirSync(dir, { recursive: true });
  for (const n of sizes) fs.writeFileSync(path.join(dir, `${n}.json`), JSON.stringify(generateBundle(n)));
  return dir;
}

/**
 * Serves dist/ on 127.0.0.1 at a free port, with tests/fixtures/ under
 * /fixtures/ and any other `mounts` ({'/prefix/': dir}); `headers` go on every
 * file. `gzip`: compress text, scripts, styles, wasm and JSON for clients that
 * accept it (each file once, kept in memory), and let them cache (as a CDN
 * does: the benchmark).
 * `routes` ({'/path': (req, res, url) => …}) answer those paths themselves;
 * `host` is the loopback address to listen on (127.0.0.2: another origin).
 */
export async function startServer({ headers = {}, mounts = {}, gzip = false, routes = {}, host = '127.0.0.1' } = {}) {
  const all = { '/fixtures/': path.join(ROOT, 'tests', 'fixtures'), ...mounts };
  const compressed = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    // Handlers for paths that misbehave on purpose (tests/e2e/network.test.mjs).
    // (A route ending in `*` answers every path that begins with the rest.)
    const route = routes[url.pathname]
      ?? Object.entries(routes).find(([k]) => k.endsWith('*') && url.pathname.startsWith(k.slice(0, -1)))?.[1];
    if (route) { route(req, res, url); return; }
    let rel = decodeURIComponent(url.pathname);
    let base = DIST;
    for (const [prefix, dir] of Object.entries(all)) {
      if (rel.startsWith(prefix)) { base = dir; rel = rel.slice(prefix.length - 1); break; }
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(base, path.normalize(rel));
    if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    // One byte range (`bytes=a-b`), as object stores and CDNs answer it:
    // 206 with those bytes, not compressed. (The archive reads cards so.)
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range || '');
    if (range) {
      const size = fs.statSync(file).size;
      const start = Number(range[1]);
      const end = Math.min(range[2] === '' ? size - 1 : Number(range[2]), size - 1);
      if (start > end) {
        res.writeHead(416, { 'content-range': `bytes */${size}` });
        res.end();
        return;
      }
      res.writeHead(206, {
        'content-type': type,
        'content-range': `bytes ${start}-${end}/${size}`,
        'content-length': end - start + 1,
        'accept-ranges': 'bytes',
        'cache-control': gzip ? 'max-age=3600' : 'no-store',
        ...headers,
      });
      fs.createReadStream(file, { start, end }).pipe(res);
      return;
    }
    const compress = gzip && type !== 'image/png' && /gzip/.test(req.headers['accept-encoding'] || '');
    res.writeHead(200, {
      'content-type': type,
      'accept-ranges': 'bytes',
      'cache-control': gzip ? 'max-age=3600' : 'no-store',
      ...(compress ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      ...headers,
    });
    if (compress) {
      // Compressed once per file version and kept, as a CDN's edge keeps what
      // it has compressed: a request's time is not the server's gzip.
      const stat = fs.statSync(file);
      const key = `${file}\0${stat.size}\0${stat.mtimeMs}`;
      let body = compressed.get(key);
      if (!body) {
        body = zlib.gzipSync(fs.readFileSync(file), { level: 9 });
        compressed.set(key, body);
      }
      res.end(body);
    } else fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, host, resolve));
  const { port } = server.address();
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

export async function launch(extraArgs = []) {
  // Playwright gives each launch a new temporary profile (--user-data-dir)
  // and removes it on close; it refuses a --user-data-dir of ours.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', ...extraArgs],
  });
  return { browser, close: () => browser.close() };
}

/** A new page that records console errors and uncaught exceptions. */
export async function newPage(browser, { width = 1280, height = 900, colorScheme = 'light', reducedMotion = 'reduce' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion });
  const page = await context.newPage();
  // In the page: the widget's root — the shadow root of the <claim-cards>
  // element `host` selects (default: the first; the standalone page is one).
  await page.addInitScript(() => {
    window.__ccRoot = (host) => document.querySelector(host || 'claim-cards')?.shadowRoot ?? document;
  });
  // Console errors (the widget reports problems there, for the page's owner)
  // and, apart, uncaught exceptions (never acceptable).
  page.errors = [];
  page.exceptions = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => { page.errors.push(String(err)); page.exceptions.push(String(err)); });
  return page;
}

export async function cardIds(page) {
  return page.$$eval('[data-claim-id]', (els) => els.map((e) => e.getAttribute('data-claim-id')));
}

/** Rendered cards and whether a "Show more" sentinel is left, in `host`'s shadow root. */
const cardState = (page, host, scroll = false) => page.evaluate(([h, s]) => {
  const root = window.__ccRoot(h);
  const more = root.querySelector('.cc-more');
  if (s) more?.scrollIntoView();
  return { more: !!more, cards: root.querySelectorAll('[data-claim-id]').length };
}, [host, scroll]);

/**
 * Shows every card the way a reader scrolling down does: brings the list's
 * "Show more" sentinel into view until the list is complete (cards beyond the
 * first window are rendered as the end of the list nears the viewport), and
 * waits until as many cards are rendered as the count line says are shown
 * (a short list fills itself a few cards per frame after an interaction).
 * `host` selects a <claim-cards> element to look into instead of the page.
 */
export async function showAll(page, host = null) {
  for (let i = 0; i < 200; i++) {
    const before = await cardState(page, host, true);
    if (!before.more) {
      await page.waitForFunction((h) => {
        const root = window.__ccRoot(h);
        const shown = Number(root.querySelector('.cc-count-line')?.textContent.match(/\d[\d,]*/)?.[0].replace(/,/g, ''));
        return root.querySelectorAll('[data-claim-id]').length === shown;
      }, host);
      return;
    }
    await page.waitForFunction(([h, n]) => {
      const root = window.__ccRoot(h);
      return !root.querySelector('.cc-more') || root.querySelectorAll('[data-claim-id]').length > n;
    }, [host, before.cards]);
  }
  throw new Error('the list did not finish growing');
}

/**
 * The number of cards rendered once a long list's window has stopped
 * growing by itself: it grows while its "Show more" sentinel is within
 * 1,000 px of the viewport (src/components/more.rs), so it has stopped when
 * the sentinel is farther than that below the viewport, or gone.
 */
export async function grownCount(page, host = null) {
  await page.waitForFunction((h) => {
    const more = window.__ccRoot(h).querySelector('.cc-more');
    return !more || more.getBoundingClientRect().top > window.innerHeight + 1000;
  }, host);
  return (await cardState(page, host)).cards;
}

/**
 * Waits until the widget (in `host`) is live — it has told its element the
 * first view (`filters`; a prerendered widget shows its cards, and enables
 * its controls, before that) and its search box is enabled — or it shows
 * an error card.
 */
export async function waitForCards(page, host = null) {
  await page.waitForFunction((h) => {
    const root = window.__ccRoot(h);
    const search = root.querySelector('input[type=search]');
    const element = root.host ?? document.querySelector(h || 'claim-cards');
    return root.querySelector('.cc-error') || (search && !search.disabled && (!element || element.filters));
  }, host, { timeout: 20000 });
}

/** The number of cards rendered in `host`, once it reaches `n`. */
export async function waitForCount(page, n, host = null) {
  await page.waitForFunction(([h, n]) => window.__ccRoot(h).querySelectorAll('[data-claim-id]').length === n, [host, n]);
}

/** The id of the focused element inside the widget. */
export async function focusedId(page, host = null) {
  return page.evaluate((h) => window.__ccRoot(h).activeElement?.id || '', host);
}

/** Runs axe-core in the page; returns its violations. */
export async function axe(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}

const { PNG } = lib('pngjs');

/** The sRGB relative luminance of `[r, g, b]` (0–255), as WCAG defines it. */
export function luminance([r, g, b]) {
  const lin = (c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The WCAG contrast ratio of two colours. */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * What a screenshot (PNG bytes) shows inside `rect` (CSS pixels; the page at
 * device scale 1): its most common colour (the background there) and the
 * colour that contrasts most with it (the ink of text drawn on it), and the
 * share of pixels that differ from the background.
 */
export function paintedIn(png, rect) {
  const img = PNG.sync.read(png);
  const counts = new Map();
  const pixels = [];
  const x0 = Math.max(0, Math.floor(rect.x)); const x1 = Math.min(img.width, Math.ceil(rect.x + rect.width));
  const y0 = Math.max(0, Math.floor(rect.y)); const y1 = Math.min(img.height, Math.ceil(rect.y + rect.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 4;
      const px = [img.data[i], img.data[i + 1], img.data[i + 2]];
      pixels.push(px);
      const key = px.join(',');
      counts.set(key, (counts.get(key) || 0) + 1);
    }
  }
  const background = [...counts].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
  let ink = background;
  let differing = 0;
  for (const px of pixels) {
    if (px.some((c, k) => Math.abs(c - background[k]) > 8)) differing++;
    if (contrast(px, background) > contrast(ink, background)) ink = px;
  }
  return { background, ink, inked: differing / pixels.length };
}

/** `rgb(r, g, b)` as CSS computes it, as `[r, g, b]`. */
export function rgb(css) {
  return css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
}
