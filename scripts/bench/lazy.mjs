// Which wasm functions V8 compiles on the main thread while the widget starts
// (issue #20): a trace of one load of the prerendered standalone page, CPU
// slowed 4× (Emulation.setCPUThrottlingRate), with the `wasm.CompileLazy`
// event of each function compiled the first time it is called
// (`disabled-by-default-v8.wasm.detailed`, which adds overhead of its own:
// compare counts, not durations, with trace.mjs). For each widget task with
// more than 5 ms of lazy compilation it prints how many functions were
// compiled, and the costliest with their names.
//
//   node scripts/bench/lazy.mjs [--top N] [--wasm FILE] [--rate N]
//   node scripts/bench/lazy.mjs --archive DIR [--query 'q=ngừng bắn&sort=relevance'] [--rate 1]
//
// With --archive, the page is the archive view (issue #22) over the archive
// in DIR (`claim-cards archive build`), asked the query cold, traced until
// its cards are shown (and a second more, as every trace here); the wasm is
// the archive view's, and every function compiled is summed by crate, and by
// time from the first one (25 ms steps). Build the archive view's wasm with
// names as above, with `--features archive-view`.
//
// Names come from the wasm's name section, which a release build strips: for
// names, build the widget's wasm with them and put it in dist/ beside its glue
// (the same flags as scripts/build-embed, strip off):
//
//   RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=target/size CARGO_PROFILE_RELEASE_STRIP=none \
//     RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort" \
//     cargo build --target wasm32-unknown-unknown --lib --locked --offline --no-default-features --release \
//     -Zbuild-std=std,panic_abort
//   wasm-bindgen --target web --no-typescript --out-dir /tmp/named --out-name glue \
//     target/size/wasm32-unknown-unknown/release/claim_cards.wasm
//   wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
//     --enable-mutable-globals --enable-reference-types --enable-multivalue \
//     /tmp/named/glue_bg.wasm -o dist/claim-cards-VERSION.wasm
//   cp /tmp/named/glue.js dist/claim-cards-VERSION.js
//
// (scripts/build-release puts the release files back.)
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch } from '../../tests/e2e/support.mjs';
import { tasks, traceLoad } from './trace.mjs';
import { ANSWERED } from './archive-browser.mjs';

const args = process.argv.slice(2);
const opt = (name, d) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : d; };
const top = Number(opt('top', 25));
const archive = opt('archive', null);
const rate = Number(opt('rate', archive ? 1 : 4));
const wasmFile = opt('wasm', (() => {
  const pattern = archive ? /^claim-cards-archive-[\d.]+\.wasm$/ : /^claim-cards-[\d.]+\.wasm$/;
  const name = readdirSync('dist').find((f) => pattern.test(f));
  return name && `dist/${name}`;
})());

/** Function index → name, from the wasm's `name` section (empty without one). */
function functionNames(file) {
  const names = new Map();
  if (!file) return names;
  const section = WebAssembly.Module.customSections(new WebAssembly.Module(readFileSync(file)), 'name')[0];
  if (!section) return names;
  const b = new Uint8Array(section);
  let p = 0;
  const leb = () => {
    let r = 0, shift = 0, x;
    do { x = b[p++]; r |= (x & 0x7f) << shift; shift += 7; } while (x & 0x80);
    return r >>> 0;
  };
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    const end = p + size;
    if (id === 1) { // function names
      for (let i = 0, n = leb(); i < n; i++) {
        const index = leb();
        const len = leb();
        names.set(index, new TextDecoder().decode(b.subarray(p, p + len)));
        p += len;
      }
    }
    p = end;
  }
  return names;
}

const server = await startServer({ gzip: true, mounts: archive ? { '/ar/': path.resolve(archive) } : {} });
const chrome = await launch();
const query = opt('query', 'q=ngừng bắn&sort=relevance');
const page = archive ? `/?${new URLSearchParams({ archive: '/ar/', ...Object.fromEntries(new URLSearchParams(query)) })}` : '/';
// The archive view: until its cards (or its empty state) are shown.
const shown = `!!document.querySelector('claim-cards')?.shadowRoot?.querySelector(${JSON.stringify(ANSWERED)})`;
let events;
try {
  events = await traceLoad(chrome.browser, `${server.url}${page}`, {
    rate, until: archive ? shown : undefined, categories: ['disabled-by-default-v8.wasm.detailed'],
  });
} finally {
  await chrome.close();
  await server.close();
}

const names = functionNames(wasmFile);
const lazy = events.filter((e) => e.name === 'wasm.CompileLazy');
const { tasks: all } = tasks(events);
for (const t of all.filter((t) => (t.parts['wasm lazy compile'] ?? 0) > 5)) {
  const inside = lazy.filter((e) => e.ts >= t.end - t.ms * 1000 && e.ts <= t.end);
  const total = inside.reduce((sum, e) => sum + e.dur / 1000, 0);
  console.log(`task at ${t.start.toFixed(0)} ms, ${t.ms.toFixed(1)} ms${t.marks.length ? ` [${t.marks.join(', ')}]` : ''}: `
    + `${inside.length} functions compiled lazily, ${total.toFixed(1)} ms`);
  const rows = inside.map((e) => [e.dur / 1000, e.args?.func_index]).sort((a, b) => b[0] - a[0]).slice(0, top);
  for (const [ms, index] of rows) {
    console.log(`  ${ms.toFixed(2).padStart(6)} ms  #${index}  ${(names.get(Number(index)) ?? '').slice(0, 140)}`);
  }
}
if (archive && lazy.length) {
  // A name's crate: the first path segment, generics and impl brackets aside
  // (`<alloc::vec::Vec<T> as …>` is alloc's); this crate's by module.
  const crate = (name) => {
    const path = (name ?? '?').replace(/\[[0-9a-f]+\]/g, '').replace(/^<+/, '').match(/^[A-Za-z_][\w]*(::[a-z_]\w*){0,2}/)?.[0] ?? '?';
    return path.startsWith('claim_cards') ? path : path.split('::')[0];
  };
  const sum = (groups) => [...groups].sort((a, b) => b[1].ms - a[1].ms);
  const add = (m, k, ms) => { const g = m.get(k) ?? { ms: 0, n: 0 }; g.ms += ms; g.n++; m.set(k, g); };
  const byCrate = new Map();
  const bySlot = new Map();
  const t0 = Math.min(...lazy.map((e) => e.ts));
  for (const e of lazy) {
    add(byCrate, crate(names.get(Number(e.args?.func_index))), e.dur / 1000);
    add(bySlot, Math.floor((e.ts - t0) / 25000) * 25, e.dur / 1000);
  }
  const total = lazy.reduce((s, e) => s + e.dur / 1000, 0);
  console.log(`\n${lazy.length} functions compiled lazily, ${total.toFixed(1)} ms (the trace's overhead included)`);
  console.log('by crate:');
  for (const [k, g] of sum(byCrate).slice(0, top)) console.log(`  ${g.ms.toFixed(1).padStart(6)} ms ${String(g.n).padStart(5)}  ${k}`);
  console.log('by time from the first (ms):');
  for (const [k, g] of [...bySlot].sort((a, b) => a[0] - b[0])) console.log(`  ${String(k).padStart(5)}+25: ${g.ms.toFixed(1).padStart(6)} ms ${String(g.n).padStart(5)}`);
}
if (!names.size) console.log('(no names: the wasm has no name section; see the header for a build with names)');
