// The benchmark: claim-cards against the vanilla-JS baseline in headless
// Chromium, over synthetic bundles of 17 to 50,000 claims; and Lighthouse on
// the demo bundle's pages (see lighthouse.mjs).
// Run it through `scripts/benchmark` (which builds the release first).
//
//   node scripts/bench/run.mjs [--sizes 100,1000] [--reps 20] [--loads 5]
//                              [--impls claim-cards,vanilla] [--lighthouse-runs 5]
//                              [--no-lighthouse] [--only-lighthouse] [--record]
//                              [--lighthouse-pages PAGE/MODE,…]
//
// --reps: repetitions of each interaction; --loads: page loads whose median
// gives the loading times; --impls: run only some implementations (while
// iterating; --record needs both); --lighthouse-runs: Lighthouse runs per page
// and mode (their median is kept).
// Writes target/bench/results.json and prints tables; --record also adds the
// tables to BENCHMARKS.md with the date and the machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer, launch, DIST, ROOT } from '../../tests/e2e/support.mjs';
import { generateBundle } from './gen-bundle.mjs';
import { makePages, runLighthouse, lighthouseTable } from './lighthouse.mjs';
import { transfer as measureTransfer, version as crateVersion } from './transfer.mjs';
import { traceBreakdown, breakdownTable } from './trace.mjs';
import { earlyInput } from './early.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(ROOT, 'target', 'bench');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const LIGHTHOUSE_ONLY = args.includes('--only-lighthouse');
const SIZES = LIGHTHOUSE_ONLY ? [] : opt('sizes', '17,100,1000,10000,50000').split(',').map(Number);
const LIGHTHOUSE = !args.includes('--no-lighthouse');
const LIGHTHOUSE_RUNS = Number(opt('lighthouse-runs', '5'));
// --lighthouse-pages article-below-fold/mobile,standalone/mobile: only these (while iterating; --record needs all).
const LIGHTHOUSE_PAGES = opt('lighthouse-pages', null)?.split(',') ?? null;
const REPS = Number(opt('reps', '20'));
const RECORD = args.includes('--record');
if (RECORD && LIGHTHOUSE_PAGES) throw new Error('--record needs every Lighthouse page: leave out --lighthouse-pages');
const LOADS = Number(opt('loads', '5'));
// --impls claim-cards: skip the (slow) baseline while iterating; --record needs both.
const ONLY = opt('impls', 'claim-cards,vanilla').split(',');

// ---- transfer sizes -------------------------------------------------------
const version = crateVersion(ROOT);
const transfer = measureTransfer(DIST, version);

// ---- bundles ----------------------------------------------------------------
const bundleDir = path.join(OUT, 'bundles');
fs.mkdirSync(bundleDir, { recursive: true });
for (const n of SIZES) {
  const file = path.join(bundleDir, `${n}.json`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify(generateBundle(n)));
}

const pagesDir = path.join(OUT, 'pages');
const pages = makePages({ root: ROOT, dist: DIST, dir: pagesDir, version });
const server = await startServer({ mounts: { '/bench/': here, '/bench-bundles/': bundleDir } });
// Lighthouse gets the files as a production server sends them: compressed, cacheable.
const gzipServer = LIGHTHOUSE ? await startServer({ gzip: true, mounts: { '/bench/': here, '/bench-pages/': pagesDir } }) : null;
const chrome = await launch(['--enable-precise-memory-info', '--js-flags=--expose-gc']);
const chromium = execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version']).toString().trim();

const IMPLS = {
  'claim-cards': {
    page: 'cc.html', prefix: 'cc',
    root: 'document.querySelector("claim-cards").shadowRoot',
    speaker: '#cc-speaker-sp-0', search: 'input[type=search]', clear: '.cc-clear',
    parse: ['claim-cards:fetched', 'claim-cards:loaded'],
  },
  vanilla: {
    page: 'vanilla.html', prefix: 'vanilla',
    root: 'document',
    speaker: '#v-speaker-sp-0', search: '#q', clear: '#clear',
    parse: ['vanilla:fetched', 'vanilla:loaded'],
  },
};

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: round(at(0.5)), p95: round(at(0.95)), n: s.length };
};
const round = (x) => Math.round(x * 100) / 100;

async function measureRun(impl, n) {
  const cfg = IMPLS[impl];
  // Loading times are the median of several fresh page loads (one load is
  // noisy on a shared machine); the interactions run on the last page.
  const loads = impl === 'vanilla' && n >= 50000 ? Math.min(LOADS, 3) : LOADS;
  const firsts = [];
  const parses = [];
  let context;
  let page;
  for (let i = 0; i < loads; i++) {
    await context?.close();
    context = await chrome.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`${server.url}/bench/${cfg.page}?bundle=/bench-bundles/${n}.json`);
    await page.waitForFunction((p) => performance.getEntriesByName(`${p}:first-cards`).length > 0, cfg.prefix, { timeout: 600_000 });
    const m = await page.evaluate(([p, parse]) => {
      const t = (name) => performance.getEntriesByName(name)[0]?.startTime;
      return { first: t(`${p}:first-cards`) - t(`${p}:start`), parse: t(parse[1]) - t(parse[0]) };
    }, [cfg.prefix, cfg.parse]);
    firsts.push(m.first);
    parses.push(m.parse);
  }
  const marks = { first: stats(firsts).median, parse: stats(parses).median };
  // Retained memory after load: collect garbage, let the collector release
  // array buffers it freed (it does so in a later task), collect again.
  const memory = await page.evaluate(async () => {
    window.gc();
    await new Promise((r) => setTimeout(r, 0));
    window.gc();
    const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
    return heap + (window.__wasmMemoryBytes ? window.__wasmMemoryBytes() : 0);
  });
  // Heavy runs of the baseline take seconds per interaction: fewer repetitions there.
  const reps = impl === 'vanilla' && n >= 50000 ? Math.min(REPS, 5) : REPS;
  await page.evaluate(([rootExpr]) => {
    window.__root = () => eval(rootExpr);
    window.__paint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    window.__time = async (fn) => { const t0 = performance.now(); fn(); await window.__paint(); return performance.now() - t0; };
    // The work alone: the input's handlers, the re-render (Yew renders in a
    // microtask) and style + layout, forced; without waiting for the frame.
    window.__work = async (fn) => {
      const t0 = performance.now();
      fn();
      for (let i = 0; i < 4; i++) await Promise.resolve();
      const root = window.__root();
      (root.host || document.body).getBoundingClientRect();
      root.querySelector('[data-claim-id]:last-of-type, li:last-child')?.getBoundingClientRect();
      return performance.now() - t0;
    };
  }, [cfg.root]);
  // The floor of "input to next paint" here: the same wait with no work at all.
  const noop = [];
  for (let i = 0; i < reps; i++) noop.push(await page.evaluate(() => window.__time(() => {})));
  const work = { toggle: [], search: [], clear: [] };
  for (let i = 0; i < reps; i++) {
    work.toggle.push(await page.evaluate((sel) => window.__work(() => window.__root().querySelector(sel).click()), cfg.speaker));
    await page.evaluate(() => window.__paint());
  }
  if (reps % 2) await page.evaluate((sel) => window.__root().querySelector(sel).click(), cfg.speaker);
  const toggle = [];
  for (let i = 0; i < reps; i++) {
    toggle.push(await page.evaluate((sel) => window.__time(() => window.__root().querySelector(sel).click()), cfg.speaker));
  }
  if (reps % 2) await page.evaluate((sel) => window.__root().querySelector(sel).click(), cfg.speaker);
  const search = [];
  const word = 'gov';
  for (let round = 0; search.length < reps || work.search.length < reps; round++) {
    for (const ch of word) {
      const type = ([sel, c, how]) => window[how](() => {
        const input = window.__root().querySelector(sel);
        input.value += c;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: c }));
      });
      // Alternate rounds measure to the next paint and the work alone.
      if (round % 2 === 0) search.push(await page.evaluate(type, [cfg.search, ch, '__time']));
      else { work.search.push(await page.evaluate(type, [cfg.search, ch, '__work'])); await page.evaluate(() => window.__paint()); }
    }
    await page.evaluate((sel) => window.__root().querySelector(sel).click(), cfg.clear);
    await page.evaluate(() => window.__paint());
  }
  const clear = [];
  for (let i = 0; clear.length < reps; i++) {
    await page.evaluate(async ([sp, q]) => {
      window.__root().querySelector(sp).click();
      await window.__paint();
      const input = window.__root().querySelector(q);
      input.value = 'a';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: 'a' }));
      await window.__paint();
    }, [cfg.speaker, cfg.search]);
    const how = i % 2 ? '__work' : '__time';
    const t = await page.evaluate(([sel, h]) => window[h](() => window.__root().querySelector(sel).click()), [cfg.clear, how]);
    (how === '__work' ? work.clear : clear).push(t);
    await page.evaluate(() => window.__paint());
  }
  await context.close();
  return {
    claims: n, impl, reps, loads,
    bundle_bytes: fs.statSync(path.join(bundleDir, `${n}.json`)).size,
    parse_ms: round(marks.parse), first_cards_ms: round(marks.first),
    toggle_speaker_ms: stats(toggle), search_keystroke_ms: stats(search), clear_ms: stats(clear),
    memory_bytes: memory,
    // Not in the required shape: the wait to the next paint with no work (the
    // floor of the figures above), and each interaction's work alone.
    next_paint_floor_ms: stats(noop),
    work_ms: { toggle_speaker: stats(work.toggle), search_keystroke: stats(work.search), clear: stats(work.clear) },
  };
}

const runs = [];
let trace = null;
let early = null;
let lighthouse = null;
try {
  for (const n of SIZES) {
    for (const impl of Object.keys(IMPLS).filter((i) => ONLY.includes(i))) {
      process.stderr.write(`bench: ${impl} with ${n} claims…\n`);
      runs.push(await measureRun(impl, n));
    }
  }
  await chrome.close();
  if (LIGHTHOUSE) {
    const bin = process.env.CLAIM_CARDS_LIGHTHOUSE || 'lighthouse';
    lighthouse = await runLighthouse({ bin, base: gzipServer.url, pages, runs: LIGHTHOUSE_RUNS, only: LIGHTHOUSE_PAGES });
    // Where the main thread's time goes while the prerender is taken over
    // (4× CPU, a trace of 3 loads each), and input right after first paint.
    process.stderr.write('bench: traces and early input…\n');
    trace = {};
    for (const [name, at] of [['standalone', pages.standalone], ['article-prerendered', pages['article-prerendered']]]) {
      trace[name] = await traceBreakdown({ base: gzipServer.url, path: at, runs: 3, min: 10 });
    }
    early = await earlyInput({ base: gzipServer.url, runs: 5 });
  }
} finally {
  await chrome.close();
  await server.close();
  await gzipServer?.close();
}

const results = { chromium, date: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`, transfer, runs, lighthouse, trace, early };
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2));

// ---- report -----------------------------------------------------------------
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const lines = [];
lines.push(`Transfer (what a host page downloads): wasm ${kb(transfer.wasm_gzip)}, JS ${kb(transfer.js_gzip)}, CSS ${kb(transfer.css_gzip)} — total ${kb(transfer.total_gzip)} gzip, ${kb(transfer.total_brotli)} brotli, ${kb(transfer.total_raw)} raw`);
lines.push('');
lines.push('Input to next paint, median / p95 ms ("floor": the same wait with no work at all); then, in brackets, the work alone (handlers, re-render, style and layout), median / p95.');
lines.push('');
lines.push('| claims | impl | bundle | parse ms | first cards ms | floor | toggle speaker | search keystroke | clear all | memory (× bundle) |');
lines.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of runs) {
  const m = (s) => `${s.median} / ${s.p95}`;
  const w = (s) => ` [${s.median} / ${s.p95}]`;
  lines.push(`| ${r.claims} | ${r.impl} | ${kb(r.bundle_bytes)} | ${r.parse_ms} | ${r.first_cards_ms} | ${m(r.next_paint_floor_ms)} | ${m(r.toggle_speaker_ms)}${w(r.work_ms.toggle_speaker)} | ${m(r.search_keystroke_ms)}${w(r.work_ms.search_keystroke)} | ${m(r.clear_ms)}${w(r.work_ms.clear)} | ${(r.memory_bytes / 2 ** 20).toFixed(1)} MB (${(r.memory_bytes / r.bundle_bytes).toFixed(1)}×) |`);
}
lines.push('');
lines.push('Ratios claim-cards / vanilla (below 1 is faster):');
lines.push('');
lines.push('| claims | first cards | toggle p95 | search p95 | clear p95 | memory |');
lines.push('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const n of SIZES) {
  const a = runs.find((r) => r.claims === n && r.impl === 'claim-cards');
  const b = runs.find((r) => r.claims === n && r.impl === 'vanilla');
  if (!a || !b) continue;
  const q = (x, y) => (y ? (x / y).toFixed(2) : '–');
  lines.push(`| ${n} | ${q(a.first_cards_ms, b.first_cards_ms)} | ${q(a.toggle_speaker_ms.p95, b.toggle_speaker_ms.p95)} | ${q(a.search_keystroke_ms.p95, b.search_keystroke_ms.p95)} | ${q(a.clear_ms.p95, b.clear_ms.p95)} | ${q(a.memory_bytes, b.memory_bytes)} |`);
}
if (lighthouse) {
  lines.push('');
  lines.push(`Lighthouse 12.2.3 on the demo bundle (17 claims), gzip-compressed; median of ${LIGHTHOUSE_RUNS} run${LIGHTHOUSE_RUNS === 1 ? "" : "s"} and the worst run; "× static" is LCP against the static-HTML copy of the same cards; "cc KB" what of claim-cards (its files and the bundle) the load fetched, before any scroll (below the fold: budget ≤ 12):`);
  lines.push('');
  lines.push(lighthouseTable(lighthouse));
}
if (trace) {
  for (const [name, loads] of Object.entries(trace)) {
    lines.push('');
    lines.push(`Main-thread tasks of ≥ 10 ms while the ${name} page is taken over (scripts/bench/trace.mjs: 4× CPU through the DevTools protocol, real durations; "script" includes the wasm's lazy compilation, listed apart too):`);
    lines.push('');
    lines.push('```');
    lines.push(breakdownTable(loads));
    lines.push('```');
  }
}
if (early) {
  const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
  const f = (k) => `median ${med(early.map((x) => x[k])).toFixed(0)} ms, worst ${Math.max(...early.map((x) => x[k])).toFixed(0)} ms`;
  lines.push('');
  lines.push(`Input right after first paint (scripts/bench/early.mjs; standalone page, phone width, 4× CPU, ${early.length} loads; a word typed into the search box as soon as the first paint is reported — its controls take input from then —, the wasm still loading in ${early.filter((x) => x.wasmStillLoading).length} of them): input → the next frame (the words in the box) ${f('shown')}; input → the frame that shows the results dimmed (early.js has it) ${f('coming')}; input → the filtered cards painted ${f('applied')}.`);
}
const table = lines.join('\n');
console.log(table);
console.log(`\n${chromium}; results in target/bench/results.json`);

if (RECORD && ONLY.length < 2) {
  console.log('not recorded: --record needs both implementations');
} else if (RECORD) {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const head = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nRecorded by `scripts/benchmark --record`; newest first.\n';
  // New entries go above the older dated ones ("## 2026-…"), below the introduction.
  const at = head.search(/^## \d{4}-/m);
  const [intro, older] = at < 0 ? [head, ''] : [head.slice(0, at), head.slice(at)];
  const entry = `## ${results.date.slice(0, 10)} — ${results.machine}, ${chromium}, ${REPS} repetitions\n\n${table}\n`;
  fs.writeFileSync(file, `${intro.trimEnd()}\n\n${entry}${older ? `\n${older}` : ''}`);
  // The size gate of the test command reads the entry's transfer from here.
  fs.writeFileSync(path.join(here, 'recorded.json'), `${JSON.stringify({ date: results.date, transfer }, null, 2)}\n`);
  console.log('recorded in BENCHMARKS.md and scripts/bench/recorded.json');
}
