// Which wasm functions V8 compiles on the main thread while the widget starts
// (issue #20): a trace of one load of the prerendered standalone page, CPU
// slowed 4× (Emulation.setCPUThrottlingRate), with the `wasm.CompileLazy`
// event of each function compiled the first time it is called
// (`disabled-by-default-v8.wasm.detailed`, which adds overhead of its own:
// compare counts, not durations, with trace.mjs). For each widget task with
// more than 5 ms of lazy compilation it prints how many functions were
// compiled, and the costliest with their names.
//
//   node scripts/bench/lazy.mjs [--top N] [--wasm FILE]
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
import { startServer, launch } from '../../tests/e2e/support.mjs';
import { tasks, traceLoad } from './trace.mjs';

const args = process.argv.slice(2);
const opt = (name, d) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : d; };
const top = Number(opt('top', 25));
const wasmFile = opt('wasm', (() => {
  const name = readdirSync('dist').find((f) => /^claim-cards-[\d.]+\.wasm$/.test(f));
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

const server = await startServer({ gzip: true });
const chrome = await launch();
let events;
try {
  events = await traceLoad(chrome.browser, `${server.url}/`, { categories: ['disabled-by-default-v8.wasm.detailed'] });
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
if (!names.size) console.log('(no names: the wasm has no name section; see the header for a build with names)');
