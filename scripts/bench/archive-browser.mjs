// The archive benchmark's Chromium half (issue #22): each question asked of
// the archive view (the release build's standalone page, `?archive=`) and of
// Pagefind (its own `pagefind.js` over an index of the same claims), through
// a local static server that gzips and lets the browser cache, as a CDN would.
//
// For each question:
// - cold: a fresh browser context goes to the question's URL. Bytes are the
//   encoded bodies of the archive's (or Pagefind's index) files; the time is
//   from the view's first request (ours: the archive view's glue and wasm —
//   the element fetches the manifest meanwhile; Pagefind: from its search
//   call, pagefind.js imported) to the first cards on screen (ours:
//   the view's cards; Pagefind: its first 6 results' data loaded). Before
//   2026-12-07 (evening) ours counted from the manifest's request, after
//   the view's wasm had loaded.
// - warm: the archive already open (its first page shown), the question is
//   asked as a reader does — the view's state changes (popstate from a new
//   URL, as back/forward does; Pagefind: a second `search`) — and bytes and
//   time count from then.
// The widget's own code (JS, wasm, CSS) and Pagefind's (pagefind.js, its
// worker and wasm) are counted apart, as "code". A cold load's time is also
// cut into phases (`coldPhases`): the view's code in, its first request, the
// last card in, the cards shown.
//
// The server compresses each file once and keeps it, and every question is
// asked once unmeasured before it is timed: as at a CDN's edge, a request's
// time is not the server compressing the file (which would add its time to
// each round; the files are precompressed or cached there). Each question is
// timed `runs` times (cold and warm in fresh browser contexts); the
// milliseconds are the median, the bytes those of the first run (they do not
// change).
import path from 'node:path';
import fs from 'node:fs';
import { startServer, launch } from '../../tests/e2e/support.mjs';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<script type="module">
  window.pf = await import('/pf/pagefind.js');
  await window.pf.options({ excerptLength: 20 });
  window.ask = async (term, opts) => {
    const t0 = performance.now();
    const r = await window.pf.search(term, { sort: term ? undefined : { date: 'desc' }, ...opts });
    const data = await Promise.all(r.results.slice(0, 6).map((x) => x.data()));
    return { ms: performance.now() - t0, results: r.results.length, facets: Object.keys(r.filters || {}).length, first: data.length };
  };
  window.ready = true;
</script></body></html>`;

/** Sums the encoded bodies of the responses whose URL `match`es, split into data and code. */
function meter(page, match, code) {
  const m = { data: 0, code: 0, requests: 0 };
  page.on('requestfinished', async (req) => {
    const url = req.url();
    if (!match(url)) return;
    const sizes = await req.sizes().catch(() => null);
    const bytes = sizes ? sizes.responseBodySize : 0;
    if (code(url)) m.code += bytes;
    else { m.data += bytes; m.requests++; }
  });
  return m;
}

/**
 * The archive view shows a question's answer: its cards, their region not
 * busy, or its empty state (a selector inside the element's shadow root).
 */
export const ANSWERED = '.cc-cards[aria-busy="false"] > .cc-list > .cc-card, .cc-empty[aria-busy="false"]';

/**
 * Waits until the archive view shows this question's cards (or its empty
 * state): the cards' region not busy — since 2026-12-07 (night, later) the
 * view shows the cards while the facets' labels are still coming; before,
 * the whole view had to be. `whole`: wait for the whole view (the facets
 * too). The page's time then.
 */
async function viewAnswered(page, since = null, whole = false) {
  return page.evaluate(([since, whole, answered]) => new Promise((resolve) => {
    const check = () => {
      const root = document.querySelector('claim-cards')?.shadowRoot;
      const view = root?.querySelector('.cc-archive');
      const count = root?.querySelector('.cc-count-line')?.textContent;
      const done = view && (!whole || view.getAttribute('aria-busy') === 'false')
        && root.querySelector(answered)
        && (since === null || count !== since);
      if (done) resolve({ at: performance.now(), count, cards: root.querySelectorAll('.cc-list > .cc-card').length });
      else requestAnimationFrame(check);
    };
    check();
  }), [since, whole, ANSWERED]);
}

/**
 * Where a cold question's time went, from the page's resource timings, in ms
 * from the view's first request (its wasm and glue, or its manifest, which
 * the element fetches while they load): its code in (the glue and wasm), its
 * first question's first request, the last card range in before the cards
 * were shown (none for an empty answer), and the cards shown (`shown`, the
 * page's time then: the question's time); `start` is the code's arrival to
 * the first request, `tail` the last card's to the cards shown.
 */
async function coldPhases(page, shown) {
  return page.evaluate((shown) => {
    const all = performance.getEntriesByType('resource');
    const code = all.filter((e) => /\/claim-cards-archive-[^/]*\.(js|wasm)$/.test(e.name));
    const manifest = all.filter((e) => e.name.endsWith('/ar/archive.json'));
    const start = Math.min(...[...code, ...manifest].map((e) => e.startTime));
    const data = all.filter((e) => e.name.includes('/ar/') && !e.name.endsWith('/archive.json'));
    const cards = data.filter((e) => /\/p-[^/]*\.jsonl$/.test(e.name) && e.responseEnd <= shown);
    const codeIn = Math.max(...code.map((e) => e.responseEnd));
    const asked = Math.min(...data.map((e) => e.startTime));
    const cardsIn = cards.length ? Math.max(...cards.map((e) => e.responseEnd)) : null;
    return {
      code: codeIn - start,
      asked: asked - start,
      cardsIn: cardsIn == null ? null : cardsIn - start,
      shown: shown - start,
      start: asked - codeIn,
      tail: cardsIn == null ? null : shown - cardsIn,
    };
  }, shown);
}

const search = (params) => new URLSearchParams({ archive: '/ar/', ...params }).toString();
const settleNetwork = (page) => page.waitForLoadState('networkidle').catch(() => {});

/**
 * A page in a fresh context; `latency` ms added to every request (DevTools'
 * network emulation, below the browser's cache and connection limits: a
 * round trip to a CDN's edge, which the local server does not have).
 */
const newPage = async (chrome, latency = 0) => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (latency) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
  }
  return { context, page };
};

/** One timed asking of a question: ours cold and warm, Pagefind's cold and warm; ms and the metered requests of each. */
async function askOnce(chrome, server, { params, pf }, pfDir, latency) {
  const ours = (url) => url.includes('/ar/') || /claim-cards.*\.(js|wasm|css)$/.test(url);
  const oursCode = (url) => !url.includes('/ar/');
  const theirs = (url) => url.includes('/pf/');
  const theirsCode = (url) => /pagefind[^/]*\.js$|\.pagefind$|wasm/.test(url);
  const out = {};
  // Ours, cold.
  {
    const { context, page } = await newPage(chrome, latency);
    const m = meter(page, ours, oursCode);
    await page.goto(`${server.url}/?${search(params)}`);
    const answered = await viewAnswered(page);
    const phases = await coldPhases(page, answered.at);
    await settleNetwork(page);
    out.cold = { ...m, ms: phases.shown, count: answered.count, phases };
    await context.close();
  }
  // Ours, warm: the archive open, then the question.
  {
    const { context, page } = await newPage(chrome, latency);
    await page.goto(`${server.url}/?${search({})}`);
    const opened = await viewAnswered(page, null, true);
    await settleNetwork(page);
    const m = meter(page, ours, oursCode);
    const t0 = await page.evaluate((query) => {
      const t = performance.now();
      history.pushState(null, '', `?${query}`);
      dispatchEvent(new PopStateEvent('popstate'));
      return t;
    }, search(params));
    const answered = await viewAnswered(page, opened.count);
    await settleNetwork(page);
    out.warm = { ...m, ms: answered.at - t0 };
    await context.close();
  }
  if (pfDir) {
    for (const kind of ['cold', 'warm']) {
      const { context, page } = await newPage(chrome, latency);
      await page.goto(`${server.url}/pf.html`);
      await page.waitForFunction(() => window.ready);
      if (kind === 'warm') {
        // Open: the newest results, as the archive view opens.
        await page.evaluate(() => window.ask(null, {}));
        await settleNetwork(page);
      }
      const m = meter(page, theirs, theirsCode);
      const r = await page.evaluate(([term, opts]) => window.ask(term, opts), pf);
      await settleNetwork(page);
      out[`pf_${kind}`] = { ...m, ms: r.ms, results: r.results, facets: r.facets };
      await context.close();
    }
  }
  return out;
}

/**
 * Asks every question of the archive in `dir` and of the Pagefind index in
 * `pfDir` (null: none) in Chromium, `runs` times each after one unmeasured
 * asking; returns a row per question (median ms, every run's ms in `all`).
 */
export async function browserRows(dir, pfDir, questions, runs = 3, latency = 0) {
  const mounts = { '/ar/': dir };
  if (pfDir) mounts['/pf/'] = pfDir;
  const server = await startServer({ gzip: true, mounts, routes: { '/pf.html': (req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(PAGE); } } });
  const chrome = await launch();
  const rows = [];
  try {
    for (const question of questions) {
      await askOnce(chrome, server, question, pfDir, latency); // the server compresses the files
      const asked = [];
      for (let run = 0; run < runs; run++) asked.push(await askOnce(chrome, server, question, pfDir, latency));
      const row = { name: question.name, runs, latency, ...asked[0] };
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      for (const k of Object.keys(asked[0])) {
        const all = asked.map((a) => a[k].ms);
        row[k] = { ...asked[0][k], ms: median(all), all: all.map(Math.round) };
      }
      // Each phase's median over the runs (a phase no run has: null).
      const phases = asked.map((a) => a.cold.phases);
      row.cold.phases = Object.fromEntries(Object.keys(phases[0]).map((p) => {
        const xs = phases.map((x) => x[p]).filter((x) => x != null);
        return [p, xs.length ? median(xs) : null];
      }));
      rows.push(row);
    }
  } finally {
    await chrome.close();
    await server.close();
  }
  return rows;
}

/** A Markdown table of the rows. */
export function browserTable(claims, rows, pf) {
  const kb = (b) => (b / 1024).toFixed(1);
  const runs = rows[0]?.runs ?? 1;
  const latency = rows[0]?.latency ? `, ${rows[0].latency} ms added to each request` : '';
  const lines = [`**${claims.toLocaleString('en')} claims, in Chromium${latency}** (gzip; KB of data, code apart; ms from the first request to the first cards, median of ${runs})`, ''];
  if (pf && !latency) lines.push(`Pagefind 1.6.0: ${pf.records.toLocaleString('en')} records indexed in ${pf.seconds.toFixed(0)} s, ${pf.files.toLocaleString('en')} files, ${(pf.bytes / 1048576).toFixed(0)} MB.`, '');
  lines.push('| question | ours cold KB | req | ms | ours warm KB | ms | Pagefind cold KB | req | ms | Pagefind warm KB | ms | ours ÷ Pagefind (cold) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const p = r.pf_cold;
    const w = r.pf_warm;
    lines.push(`| ${r.name} | ${kb(r.cold.data)} | ${r.cold.requests} | ${r.cold.ms.toFixed(0)} | ${kb(r.warm.data)} | ${r.warm.ms.toFixed(0)} | ${p ? kb(p.data) : '—'} | ${p ? p.requests : '—'} | ${p ? p.ms.toFixed(0) : '—'} | ${w ? kb(w.data) : '—'} | ${w ? w.ms.toFixed(0) : '—'} | ${p && p.data ? (r.cold.data / p.data).toFixed(2) : '—'} |`);
  }
  lines.push('', `Where the cold time went (ms from the view's first request, each the median of ${runs} by itself): the view's code in; its first question's first request; the last card in; the cards shown; "start", from the code's arrival to the first request, and "tail", from the last card's to the cards shown.`, '',
    '| question | code in | asked | last card in | cards shown | start | tail |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const ms = (x) => (x == null ? '—' : x.toFixed(0));
  for (const r of rows) {
    const f = r.cold.phases;
    lines.push(`| ${r.name} | ${ms(f.code)} | ${ms(f.asked)} | ${ms(f.cardsIn)} | ${ms(f.shown)} | ${ms(f.start)} | ${ms(f.tail)} |`);
  }
  const code = rows[0];
  if (code) lines.push('', `Code, cold: ours ${kb(code.cold.code)} KB (the archive view's wasm, glue, CSS), Pagefind ${code.pf_cold ? kb(code.pf_cold.code) : '—'} KB (pagefind.js, its wasm).`);
  return lines.join('\n');
}
