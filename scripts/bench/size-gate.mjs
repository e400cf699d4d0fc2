// The size gate (run by scripts/test after the release build): fails when the
// embed's gzip transfer is more than 3 % above the figure of BENCHMARKS.md's
// latest entry, which `scripts/benchmark --record` writes to
// scripts/bench/recorded.json beside it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transfer, version } from './transfer.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const recorded = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts', 'bench', 'recorded.json'), 'utf8'));
const now = transfer(path.join(ROOT, 'dist'), version(ROOT));
const limit = Math.floor(recorded.transfer.total_gzip * 1.03);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const line = `embed transfer ${kb(now.total_gzip)} gzip (wasm ${kb(now.wasm_gzip)}, JS ${kb(now.js_gzip)}, CSS ${kb(now.css_gzip)}); recorded ${kb(recorded.transfer.total_gzip)} on ${recorded.date.slice(0, 10)}, limit ${kb(limit)}`;
if (now.total_gzip > limit) {
  console.error(`size gate: FAILED — ${line}. Make it smaller, or record a new benchmark entry (scripts/benchmark --record) if the growth is worth it.`);
  process.exit(1);
}
console.log(`size gate: ok — ${line}`);
