// Taking over a prerender (issue #20): the cards stay the server's until the
// view changes, the controls work before the wasm does, and what a reader
// does meanwhile is applied once it runs. Property: after any sequence of
// actions the widget's DOM is what a fresh render of that view gives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, waitForCards, waitForCount } from './support.mjs';

let server;
let chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

async function holdWasm(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

/** The widget's DOM under `host` as comparable text: elements, attributes, form state and text; no comments. */
function snapshot(page, host) {
  return page.evaluate((h) => {
    const out = [];
    // Adjacent text nodes as one (a server's " " and "(opens…)" are one node once parsed).
    const walk = (node, depth) => {
      let text = '';
      const flush = () => { if (text.trim()) out.push(`${' '.repeat(depth)}"${text}"`); text = ''; };
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          text += child.data;
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          flush();
          // A text box's value attribute is only its default (a server writes
          // it, a browser render sets the value): its value is compared instead.
          const attrs = [...child.attributes].filter((a) => !(child.type === 'search' && a.name === 'value'))
            .map((a) => `${a.name}=${a.value}`).sort().join(' ');
          const state = child.tagName === 'INPUT' ? ` checked:${child.checked} value:${child.value}`
            : child.tagName === 'SELECT' ? ` value:${child.value}` : '';
          out.push(`${' '.repeat(depth)}<${child.tagName.toLowerCase()} ${attrs}${state}>`);
          walk(child, depth + 1);
        }
      }
      flush();
    };
    walk(document.querySelector(h).shadowRoot.querySelector('.cc-explorer'), 0);
    return out.join('\n');
  }, host);
}

/** A small deterministic generator (the sequences are the same on every run; the seed is in the test's name). */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

test('a reader ticks a speaker and types before the wasm runs: it is shown as coming, then applied, focus kept', async () => {
  const page = await newPage(chrome.browser);
  const release = await holdWasm(page);
  await page.goto(`${server.url}/`);
  await waitForCount(page, 17);
  const root = 'claim-cards';
  // The controls work at once (they are live in the HTML), though the wasm is held.
  await page.locator(`${root} label[for="cc-speaker-donald-trump"]`).click();
  await page.locator(`${root} input[type=search]`).fill('hamas');
  assert.equal(await page.$eval(root, (el) => el.shadowRoot.querySelector('[data-cc-prerender]').hasAttribute('data-cc-pending')), true);
  assert.equal(await page.$eval(root, (el) => el.shadowRoot.querySelector('.cc-results').getAttribute('aria-busy')), 'true');
  // What every frame shows from here on (a requestAnimationFrame callback runs before each paint),
  // while the widget replaces the server's controls with its own.
  await page.evaluate(() => {
    window.__frames = [];
    const look = () => {
      const root = window.__ccRoot();
      window.__frames.push({ q: root.querySelector('#cc-q')?.value, ticked: root.querySelector('#cc-speaker-donald-trump')?.checked });
      if (root.querySelector('[data-cc-pending]')) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  release();
  await waitForCards(page);
  await page.waitForFunction(() => !window.__ccRoot().querySelector('[data-cc-pending]'));
  const frames = await page.evaluate(() => window.__frames);
  assert.ok(frames.length > 1, 'frames were seen');
  assert.deepEqual(frames.filter((f) => f.q !== 'hamas' || f.ticked !== true), [], 'no frame shows the input undone');
  const view = await page.$eval(root, (el) => el.filters);
  assert.deepEqual(view.speaker, ["donald-trump"]);
  assert.equal(view.q, 'hamas');
  assert.equal(await page.$eval(root, (el) => el.shadowRoot.querySelector('#cc-speaker-donald-trump').checked), true);
  assert.equal(await page.$eval(root, (el) => el.shadowRoot.querySelector('input[type=search]').value), 'hamas');
  assert.equal(await page.evaluate(() => window.__ccRoot().activeElement?.type), 'search', 'focus stays in the search box');
  const count = await page.$eval(root, (el) => el.shadowRoot.querySelector('.cc-count-line').textContent);
  assert.match(count, /^\d+ of 17 claims$/);
  const n = Number(count.split(' ')[0]);
  await waitForCount(page, n);
  for (const card of await page.$eval(root, (el) => [...el.shadowRoot.querySelectorAll('[data-claim-id]')].map((c) => c.textContent))) {
    assert.match(card, /Trump/);
  }
  assert.equal(await page.evaluate(() => new URL(location.href).searchParams.get('q')), 'hamas', 'the URL follows, as for any input');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a keyboard reader ticks a facet with Space before the wasm runs: the tick is applied and focus stays on that checkbox', async () => {
  const page = await newPage(chrome.browser);
  const release = await holdWasm(page);
  await page.goto(`${server.url}/`);
  await waitForCount(page, 17);
  // The facets are the server's until the widget has settled, then rendered anew.
  await page.focus('claim-cards #cc-speaker-donald-trump');
  await page.keyboard.press('Space');
  release();
  await waitForCards(page);
  await page.waitForFunction(() => !window.__ccRoot().querySelector('[data-cc-pending]'));
  assert.deepEqual((await page.$eval('claim-cards', (el) => el.filters)).speaker, ['donald-trump']);
  assert.equal(await page.evaluate(() => window.__ccRoot().activeElement?.id), 'cc-speaker-donald-trump', 'focus is on the live checkbox');
  assert.equal(await page.evaluate(() => window.__ccRoot().activeElement.checked), true);
  // And it goes on working from the keyboard: Space unticks it.
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('claim-cards').filters.speaker.length === 0);
  assert.equal(await page.evaluate(() => window.__ccRoot().activeElement?.id), 'cc-speaker-donald-trump');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('what a reader ticks, types and chooses before any script has run is applied once the widget runs', async () => {
  const page = await newPage(chrome.browser);
  // Neither the page's script nor the wasm yet: the first paint is the server's HTML alone.
  let releaseScript;
  const scriptHeld = new Promise((r) => { releaseScript = r; });
  await page.route('**/page.js', async (route) => { await scriptHeld; await route.continue(); });
  const releaseWasm = await holdWasm(page);
  // (A module script held keeps DOMContentLoaded back: wait for the cards, not for the load.)
  await page.goto(`${server.url}/`, { waitUntil: 'commit' });
  await waitForCount(page, 17);
  const root = 'claim-cards';
  await page.locator(`${root} label[for="cc-speaker-donald-trump"]`).click();
  await page.locator(`${root} input[type=search]`).fill('hamas');
  await page.locator(`${root} #cc-sort`).selectOption('date');
  // The browser alone shows it (no script has run: nothing is dimmed yet).
  const seen = await page.evaluate(() => {
    const r = window.__ccRoot();
    return {
      ticked: r.querySelector('#cc-speaker-donald-trump').checked, q: r.querySelector('#cc-q').value,
      sort: r.querySelector('#cc-sort').value, pending: !!r.querySelector('[data-cc-pending]'),
    };
  });
  assert.deepEqual(seen, { ticked: true, q: 'hamas', sort: 'date', pending: false });
  // The page's script runs: early.js finds the input in the controls' state and shows it as coming.
  releaseScript();
  await page.waitForFunction(() => !!window.__ccRoot().querySelector('[data-cc-pending]'));
  releaseWasm();
  await waitForCards(page);
  await page.waitForFunction(() => !window.__ccRoot().querySelector('[data-cc-pending]'));
  const view = await page.$eval(root, (el) => el.filters);
  assert.deepEqual([view.speaker, view.q, view.sort], [['donald-trump'], 'hamas', 'date']);
  const count = await page.$eval(root, (el) => el.shadowRoot.querySelector('.cc-count-line').textContent);
  assert.match(count, /^\d+ of 17 claims$/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('"Copy link" on a kept card works, and focus stays on it', async () => {
  const page = await newPage(chrome.browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${server.url}/`);
  await waitForCards(page);
  const button = page.locator('claim-cards [data-claim-id="panikoff-quote"] .cc-copy');
  await button.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /copied/i.test(window.__ccRoot().querySelector('[data-claim-id="panikoff-quote"] .cc-copy').textContent));
  assert.equal(await page.evaluate(() => window.__ccRoot().activeElement?.closest('[data-claim-id]')?.id), 'claim-panikoff-quote');
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /#claim-panikoff-quote$/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('property: after any sequence of actions the DOM equals a fresh render of that view (seed 20)', async () => {
  const random = rng(20);
  const page = await newPage(chrome.browser);
  for (let run = 0; run < 12; run++) {
    await page.goto(`${server.url}/`);
    await waitForCards(page);
    const steps = [];
    for (let i = 0, n = 1 + Math.floor(random() * 5); i < n; i++) {
      const kind = ['toggle', 'toggle', 'search', 'sort', 'group', 'clear'][Math.floor(random() * 6)];
      const pick = random();
      steps.push([kind, pick]);
      await page.evaluate(([kind, pick]) => {
        const root = window.__ccRoot();
        if (kind === 'toggle') {
          const boxes = [...root.querySelectorAll('.cc-facets input[type=checkbox]')];
          boxes[Math.floor(pick * boxes.length)].click();
        } else if (kind === 'search') {
          const input = root.querySelector('input[type=search]');
          input.value = ['hamas', 'trump', 'talks', 'zz', ''][Math.floor(pick * 5)];
          input.dispatchEvent(new Event('input', { bubbles: true }));
        } else if (kind === 'sort') {
          const select = root.querySelector('select');
          select.value = select.options[Math.floor(pick * select.options.length)].value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
        } else if (kind === 'group') {
          root.querySelector('.cc-group input').click();
        } else {
          const clear = root.querySelector('.cc-clear');
          if (!clear.disabled) clear.click();
        }
      }, [kind, pick]);
    }
    // What was done on controls the widget had not taken over yet is applied
    // (the results stop dimming); every card of the selection rendered (they
    // follow a window at a time).
    await page.waitForFunction(() => !window.__ccRoot().querySelector('[data-cc-pending]'));
    const want = await page.evaluate(() => Number(window.__ccRoot().querySelector('.cc-count-line').textContent.split(' ')[0]));
    await waitForCount(page, want).catch(async (e) => {
      const n = await page.evaluate(() => window.__ccRoot().querySelectorAll('[data-claim-id]').length);
      assert.fail(`steps ${JSON.stringify(steps)}: ${n} cards, the count says ${want}`);
    });
    const filters = await page.$eval('claim-cards', (el) => el.filters);
    // A fresh widget of the same bundle and view, beside it.
    await page.evaluate((f) => {
      const fresh = document.createElement('claim-cards');
      fresh.id = 'fresh';
      fresh.setAttribute('src', document.querySelector('claim-cards').getAttribute('src'));
      fresh.setAttribute('heading-level', '1');
      fresh.setAttribute('loading', 'eager');
      for (const [k, v] of Object.entries(f)) {
        if (Array.isArray(v) ? v.length : v) fresh.setAttribute(k, Array.isArray(v) ? v.join(',') : String(v));
      }
      document.body.append(fresh);
    }, filters);
    await waitForCards(page, '#fresh');
    await waitForCount(page, want, '#fresh');
    const [got, fresh] = [await snapshot(page, 'claim-cards'), await snapshot(page, '#fresh')];
    if (got !== fresh) {
      const a = got.split('\n'); const b = fresh.split('\n');
      const at = a.findIndex((line, i) => line !== b[i]);
      assert.fail(`steps ${JSON.stringify(steps)}: line ${at}:\n  taken over: ${a[at]}\n  fresh:      ${b[at]}`);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
