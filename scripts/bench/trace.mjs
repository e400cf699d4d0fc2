// Where a page's main-thread time goes while the widget starts: a Chromium
// performance trace of one load, the CPU slowed 4× through the DevTools
// protocol (Emulation.setCPUThrottlingRate, as Lighthouse's mobile mode
// assumes), cut into the main thread's tasks. Each task longer than
// `--min` ms (default 5) is listed with what ran in it (script evaluation,
// the wasm's compilation, a wasm call, style, layout, paint) and the
// `claim-cards:*` performance marks set inside it.
//
//   node scripts/bench/trace.mjs PATH [--runs N] [--min MS] [--until EXPR] [--json]
//   (PATH on the gzip server, e.g. / or /bench/cc.html?bundle=/bench-bundles/1000.json
//   --until "performance.getEntriesByName('cc:first-cards').length > 0")
//
// Used by run.mjs (`traceBreakdown`) for each entry; runnable alone on a
// release build in dist/.
import { startServer, launch } from '../../tests/e2e/support.mjs';

/** Trace one load of `url` at `rate`× CPU (with `categories` beside the usual ones); returns the trace events. */
export async function traceLoad(browser, url, { rate = 4, width = 412, height = 823, until, categories = [] }) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing',
        'v8', 'v8.wasm', 'disabled-by-default-v8.compile', 'loading', 'toplevel', ...categories],
    },
  });
  // Navigated and polled through the protocol alone: Playwright's own
  // helpers inject a large script into the page, which would be traced too.
  await cdp.send('Page.enable');
  const loaded = new Promise((resolve) => cdp.once('Page.loadEventFired', resolve));
  await cdp.send('Page.navigate', { url });
  await loaded;
  const expression = until ?? "performance.getEntriesByName('claim-cards:hydrated').length > 0";
  for (let i = 0; ; i++) {
    const { result } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
    if (result.value) break;
    if (i > 600) throw new Error(`${url}: ${expression} never held`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // What follows the take-over (a frame, later tasks) is in the trace too.
  await new Promise((r) => setTimeout(r, 1000));
  await cdp.send('Tracing.end');
  await done;
  await context.close();
  return events;
}

/** What a trace event is, in the breakdown's words (null: not counted on its own). */
function kind(e) {
  const n = e.name;
  if (n === 'ParseHTML') return 'parse HTML';
  if (n === 'v8.compileModule' || n === 'v8.compile' || n === 'V8.CompileCode') return 'compile JS';
  if (n === 'wasm.CompileLazy') return 'wasm lazy compile';
  if (/^v8\.wasm\.compile|^wasm\.(Sync|Async)Instantiate/.test(n)) return 'wasm compile/instantiate';
  if (n === 'EvaluateScript' || n === 'v8.evaluateModule') return 'evaluate JS';
  if (n === 'FunctionCall' || n === 'EventDispatch' || n === 'TimerFire' || n === 'FireAnimationFrame' || n === 'RunMicrotasks') return 'script';
  if (n === 'UpdateLayoutTree' || n === 'RecalculateStyles') return 'style';
  if (n === 'Layout') return 'layout';
  if (n === 'Paint' || n === 'PrePaint' || n === 'Layerize' || n === 'Commit' || n === 'UpdateLayer') return 'paint';
  return null;
}

/**
 * The page's main thread (its `thread_name` event): the one with the
 * widget's marks — another renderer may parse HTML too, and was taken for it
 * in some loads —, else the first that parsed HTML.
 */
function mainThread(events) {
  const marked = events.find((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('claim-cards:'));
  return (marked && events.find((e) => e.name === 'thread_name' && e.pid === marked.pid && e.tid === marked.tid))
    ?? events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
      && events.some((x) => x.pid === e.pid && x.name === 'ParseHTML'));
}

/** The main thread's tasks from a trace, each with its breakdown and marks. */
export function tasks(events) {
  const main = mainThread(events);
  if (!main) return { tasks: [], t0: 0 };
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur != null)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming')?.ts
    ?? mine[0]?.ts ?? 0;
  const marks = events.filter((e) => e.pid === main.pid
    && ((e.cat?.includes('blink.user_timing') && e.name.startsWith('claim-cards:')) || e.name === 'firstContentfulPaint'));
  const out = [];
  for (const t of mine.filter((e) => e.name === 'RunTask')) {
    if (out.length && t.ts < out[out.length - 1].end) continue; // nested
    const end = t.ts + t.dur;
    const parts = {};
    // Count only the outermost event of each kind inside the task.
    let covered = [];
    for (const e of mine) {
      if (e.ts < t.ts || e.ts + e.dur > end || e === t) continue;
      const k = kind(e);
      if (!k) continue;
      if (covered.some(([a, b, ck]) => e.ts >= a && e.ts + e.dur <= b && ck === k)) continue;
      covered.push([e.ts, e.ts + e.dur, k]);
      parts[k] = (parts[k] ?? 0) + e.dur / 1000;
    }
    const inside = marks.filter((m) => m.ts >= t.ts && m.ts <= end)
      .map((m) => (m.name === 'firstContentfulPaint' ? 'first paint' : m.name.slice('claim-cards:'.length)));
    out.push({ start: (t.ts - nav) / 1000, ms: t.dur / 1000, end, parts, marks: inside });
  }
  return { tasks: out, t0: nav };
}

/** The long tasks of `runs` loads of `path`, summarised. */
export async function traceBreakdown({ base, path, runs = 3, min = 5, rate = 4, until }) {
  const chrome = await launch();
  try {
    const loads = [];
    for (let i = 0; i < runs; i++) {
      const events = await traceLoad(chrome.browser, base + path, { rate, until });
      const { tasks: all } = tasks(events);
      const longest = Math.max(0, ...all.map((t) => t.ms));
      const blocking = all.reduce((s, t) => s + Math.max(0, t.ms - 50), 0);
      loads.push({ longest, blocking, tasks: all.filter((t) => t.ms >= min) });
    }
    return loads;
  } finally {
    await chrome.close();
  }
}

export function breakdownTable(loads) {
  const lines = [];
  loads.forEach((l, i) => {
    lines.push(`load ${i + 1}: longest task ${l.longest.toFixed(1)} ms, blocking (Σ over 50 ms) ${l.blocking.toFixed(1)} ms`);
    for (const t of l.tasks) {
      const parts = Object.entries(t.parts).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
      lines.push(`  at ${t.start.toFixed(0)} ms: ${t.ms.toFixed(1)} ms${t.marks.length ? ` [${t.marks.join(', ')}]` : ''} — ${parts}`);
    }
  });
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, d) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : d; };
  const { fileURLToPath } = await import('node:url');
  const here = fileURLToPath(new URL('.', import.meta.url));
  const { resolve } = await import('node:path');
  const target = resolve(here, '../../target/bench');
  const server = await startServer({ gzip: true, mounts: { '/bench/': here, '/bench-pages/': `${target}/pages`, '/bench-bundles/': `${target}/bundles` } });
  try {
    const loads = await traceBreakdown({ base: server.url, path: args.find((a) => a.startsWith('/')) ?? '/', runs: Number(opt('runs', 3)), min: Number(opt('min', 5)), rate: Number(opt('rate', 4)), until: opt('until', undefined) });
    console.log(args.includes('--json') ? JSON.stringify(loads, null, 2) : breakdownTable(loads));
  } finally {
    await server.close();
  }
}

/** Debugging aid: the names of the events inside the tasks longer than `min` ms, by total duration. */
export function insideLong(events, min = 40) {
  const { tasks: all } = tasks(events);
  const main = mainThread(events);
  return all.filter((t) => t.ms >= min).map((t) => {
    const names = {};
    for (const e of events) {
      if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || e.ts < t.end - t.ms * 1000 || e.ts > t.end) continue;
      names[e.name] = (names[e.name] ?? 0) + (e.dur ?? 0) / 1000;
    }
    return { at: t.start, ms: t.ms, names: Object.entries(names).sort((a, b) => b[1] - a[1]).slice(0, 12) };
  });
}
