// A single-page news site mounts and removes widgets on every navigation:
// 500 times here, with the filters changed each time. Wasm memory, the JS
// heap (after garbage collection) and the listeners and observers on the
// page come back to within 10 % of their level after the first 20.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage } from './support.mjs';

let server;
let chrome;

before(async () => {
  server = await startServer({
    routes: {
      '/spa.html': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPA</title></head><body><main id="view"></main></body></html>');
      },
    },
  });
  chrome = await launch(['--js-flags=--expose-gc', '--enable-precise-memory-info']);
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

test('mounting and removing a widget 500 times gives its memory, listeners and observers back', async () => {
  const page = await newPage(chrome.browser);
  // Count what is registered on the document and the window, and live observers.
  await page.addInitScript(() => {
    const live = { listeners: 0, observers: 0 };
    window.__live = live;
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    const registered = new Map([[document, new Set()], [window, new Set()]]);
    const key = (type, fn, opts) => [type, fn, !!(opts === true || opts?.capture)];
    const find = (set, k) => [...set].find((x) => x[0] === k[0] && x[1] === k[1] && x[2] === k[2]);
    EventTarget.prototype.addEventListener = function (type, fn, opts) {
      const set = registered.get(this);
      const k = key(type, fn, opts);
      if (set && !find(set, k)) { set.add(k); live.listeners++; }
      return add.call(this, type, fn, opts);
    };
    EventTarget.prototype.removeEventListener = function (type, fn, opts) {
      const set = registered.get(this);
      const found = set && find(set, key(type, fn, opts));
      if (found) { set.delete(found); live.listeners--; }
      return remove.call(this, type, fn, opts);
    };
    for (const name of ['IntersectionObserver', 'MutationObserver', 'ResizeObserver']) {
      const Base = window[name];
      window[name] = class extends Base {
        #on = false;
        observe(...args) { if (!this.#on) { this.#on = true; live.observers++; } return super.observe(...args); }
        disconnect() { if (this.#on) { this.#on = false; live.observers--; } return super.disconnect(); }
      };
    }
  });
  await page.goto(`${server.url}/spa.html`);
  await page.evaluate(async () => { window.__cc = await import('/claim-cards.js'); });

  const cycles = (from, to) => page.evaluate(async ([from, to]) => {
    const view = document.getElementById('view');
    const speakers = ['donald-trump', 'hazem-qassem', 'jonathan-panikoff'];
    for (let i = from; i < to; i++) {
      // Eager or lazy (an IntersectionObserver), and every third one mirrored
      // in the page URL (a popstate listener on the window).
      const el = document.createElement('claim-cards');
      if (i % 2) el.setAttribute('loading', 'eager');
      if (i % 3 === 0) el.setAttribute('sync-url', '');
      el.setAttribute('src', '/bundles/us-hamas-talks.json');
      const ready = new Promise((r) => el.addEventListener('claimcards:ready', r, { once: true }));
      view.append(el);
      await ready;
      const changed = new Promise((r) => el.addEventListener('claimcards:filterchange', (e) => e.detail.q && r(), { once: false }));
      el.setFilters({ speaker: [speakers[i % 3]], q: i % 2 ? 'hamas' : 'gaza' });
      await changed;
      el.remove();
    }
  }, [from, to]);
  const measure = () => page.evaluate(async () => {
    for (let i = 0; i < 3; i++) { window.gc(); await new Promise((r) => setTimeout(r, 0)); }
    return { wasm: window.__cc.wasmMemoryBytes(), heap: performance.memory.usedJSHeapSize, ...window.__live };
  });

  await cycles(0, 20);
  const early = await measure();
  await cycles(20, 500);
  const late = await measure();
  const within = (a, b) => b <= a * 1.1;
  assert.ok(within(early.wasm, late.wasm), `wasm memory ${early.wasm} → ${late.wasm}`);
  assert.ok(within(early.heap, late.heap), `JS heap ${early.heap} → ${late.heap}`);
  assert.ok(late.listeners <= early.listeners, `listeners ${early.listeners} → ${late.listeners}`);
  assert.ok(late.observers <= early.observers, `observers ${early.observers} → ${late.observers}`);
  // The counting works: a mounted widget shows up in it (its effects, which
  // register the listeners, run after `ready`), and leaves it when removed.
  // Polled in the page: Playwright's own waiting adds listeners to the window.
  const seen = await page.evaluate(async (base) => {
    const until = async (cond, what) => {
      for (let i = 0; i < 600 && !cond(); i++) await new Promise((r) => requestAnimationFrame(r));
      if (!cond()) throw new Error(`gave up waiting for ${what}: ${JSON.stringify(window.__live)}`);
    };
    const el = document.createElement('claim-cards');
    el.setAttribute('sync-url', '');
    el.setAttribute('src', '/bundles/us-hamas-talks.json');
    const ready = new Promise((r) => el.addEventListener('claimcards:ready', r, { once: true }));
    document.getElementById('view').append(el);
    await ready;
    await until(() => window.__live.listeners > base, 'the listeners of a mounted widget');
    const mounted = window.__live.listeners;
    el.remove();
    await until(() => window.__live.listeners === base, 'the listeners to go with it');
    return mounted;
  }, late.listeners);
  assert.ok(seen > late.listeners);
  console.log(`# after 20: ${JSON.stringify(early)}; after 500: ${JSON.stringify(late)}`);
  assert.deepEqual(page.exceptions, []);
  await page.context().close();
});
