// The archive benchmark (issue #22), run by `scripts/benchmark --archive`:
// a synthetic newsroom at each size (gen-newsroom.mjs), its archive built by
// `claim-cards archive build` (time, peak memory, files, bytes), and a fixed
// set of questions, each asked the way the widget asks it: the files it
// fetches (counted gzip-compressed, as a CDN sends them), the requests and the
// rounds of requests, cold (nothing cached) and warm (after the archive view
// has opened: its manifest and first page cached).
//
//   node scripts/bench/archive.mjs [--archive-sizes 10000,100000,1000000] [--rebuild]
//        [--no-browser] [--pagefind-sizes 10000,100000] [--archive-runs 3]
//        [--archive-latency 40]
//
// The newsrooms and archives go to target/bench/archive/ (kept between runs:
// a size is generated and built again only when missing or with --rebuild).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateNewsroom } from './gen-newsroom.mjs';
import { browserRows, browserTable } from './archive-browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');
const OUT = path.join(ROOT, 'target', 'bench', 'archive');
const CLI = path.join(ROOT, 'target', 'release', 'claim-cards');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const SIZES = opt('archive-sizes', '10000,100000,1000000').split(',').map(Number);
const REBUILD = args.includes('--rebuild');
/** Chromium figures (needs the release build in dist/: scripts/benchmark --archive makes it). */
const BROWSER = !args.includes('--no-browser');
/** The sizes Pagefind indexes too (at 10⁶ it writes a file per claim). */
const PAGEFIND_SIZES = opt('pagefind-sizes', '10000,100000').split(',').filter(Boolean).map(Number);
/** Timed runs of each question in Chromium (the median is reported). */
const RUNS = Number(opt('archive-runs', '3'));
/**
 * The questions are asked again with this many ms added to each request (0:
 * not): the local server answers at once, so it shows what the work costs
 * and hides what a round trip to a CDN's edge does — the number of rounds,
 * and requests that wait for each other (README, "Publishing an archive").
 */
const LATENCY = Number(opt('archive-latency', '40'));

/** The archive's identity of a label (archive::identity): folded words joined by '-'. */
export function identity(label) {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean)
    .join('-');
}

const dayOf = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/**
 * The questions: as `archive search` options, as the archive view's URL
 * parameters, and as a Pagefind search (term, options) of the same claims.
 */
export function questions(q) {
  const range = { from: '2015-01-01', to: '2017-12-31' };
  return [
    { name: 'a rare word', options: ['--q', q.rare], params: { q: q.rare }, pf: [q.rare, {}] },
    { name: 'a common word', options: ['--q', q.common], params: { q: q.common }, pf: [q.common, {}] },
    { name: 'a speaker', options: ['--speaker', identity(q.speaker)], params: { speaker: identity(q.speaker) }, pf: [null, { filters: { speaker: q.speaker } }] },
    {
      name: 'speaker + topic',
      options: ['--speaker', identity(q.second), '--topic', identity(q.topic)],
      params: { speaker: identity(q.second), topic: identity(q.topic) },
      pf: [null, { filters: { speaker: q.second, topic: q.topic } }],
    },
    {
      name: 'verdict + date range',
      options: ['--verdict', identity(q.verdict), '--from', range.from, '--to', range.to],
      params: { verdict: identity(q.verdict), ...range },
      // Pagefind has no range filter: the years, any of them.
      pf: [null, { filters: { verdict: q.verdict, year: { any: ['2015', '2016', '2017'] } } }],
    },
    { name: 'two Vietnamese words', options: ['--q', q.phrase, '--relevance'], params: { q: q.phrase, sort: 'relevance' }, pf: [q.phrase, {}] },
  ];
}

/** A request's file and byte span (`NAME@START-END`: a range request, format::split_request). */
function span(name) {
  const m = /^(.*)@(\d+)-(\d+)$/.exec(name);
  return m ? { file: m[1], bytes: Number(m[3]) - Number(m[2]) } : null;
}

const gzipSizes = new Map();
/** What a CDN sends for a request: a whole file gzipped, a range as it is. */
function gzipped(dir, name) {
  const s = span(name);
  if (s) return s.bytes;
  const file = path.join(dir, name);
  if (!gzipSizes.has(file)) gzipSizes.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length);
  return gzipSizes.get(file);
}

/** Asks the archive in `dir`; what it read, round by round. */
function ask(dir, options, limit = 6) {
  const started = process.hrtime.bigint();
  const out = execFileSync(CLI, ['archive', 'search', dir, '--json', '--limit', String(limit), ...options], { maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const r = JSON.parse(out);
  return { ...r, ms };
}

function cost(dir, rounds, cached = new Set()) {
  const files = rounds.flat().filter((f) => !cached.has(f));
  const unique = [...new Set(files)];
  return {
    requests: unique.length,
    rounds: rounds.filter((round) => round.some((f) => !cached.has(f))).length,
    bytes: unique.reduce((sum, f) => sum + gzipped(dir, f), 0),
    raw: unique.reduce((sum, f) => sum + (span(f)?.bytes ?? fs.statSync(path.join(dir, f)).size), 0),
  };
}

function build(n) {
  const src = path.join(OUT, `newsroom-${n}`);
  const dir = path.join(OUT, `archive-${n}`);
  if (REBUILD || !fs.existsSync(path.join(src, 'newsroom.txt'))) {
    fs.rmSync(src, { recursive: true, force: true });
    const made = generateNewsroom(n, src);
    console.error(`[archive] ${n}: ${made.claims} claims in ${made.files} bundles`);
  }
  const meta = JSON.parse(fs.readFileSync(path.join(src, 'newsroom.txt'), 'utf8'));
  let built = null;
  const report = path.join(OUT, `build-${n}.json`);
  if (REBUILD || !fs.existsSync(path.join(dir, 'archive.json')) || !fs.existsSync(report)) {
    fs.rmSync(dir, { recursive: true, force: true });
    const timeFile = path.join(OUT, `time-${n}.txt`);
    const started = process.hrtime.bigint();
    execFileSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, CLI, 'archive', 'build', src, '-o', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peakKb = Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop());
    const names = fs.readdirSync(dir).filter((f) => f !== 'archive-build.json');
    const bytes = names.reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
    built = { seconds, peakMb: peakKb / 1024, files: names.length, bytes };
    fs.writeFileSync(report, JSON.stringify(built));
  }
  built = JSON.parse(fs.readFileSync(report, 'utf8'));
  return { n, dir, meta, built };
}

export async function runArchive() {
  fs.mkdirSync(OUT, { recursive: true });
  const results = [];
  for (const n of SIZES) {
    const { dir, meta, built } = build(n);
    // Opening the archive view: the newest claims and the facets.
    const open = ask(dir, []);
    const opened = new Set(open.rounds.flat());
    const rows = [['opening the archive', [], open, cost(dir, open.rounds), null]];
    const asks = questions(meta.queries);
    for (const { name, options } of asks) {
      const r = ask(dir, options);
      rows.push([name, options, r, cost(dir, r.rounds), cost(dir, r.rounds, opened)]);
    }
    let browser = null;
    let distant = null;
    let pf = null;
    if (BROWSER) {
      if (PAGEFIND_SIZES.includes(n)) pf = await pagefindFor(n, path.join(OUT, `newsroom-${n}`));
      const pfDir = pf ? path.join(OUT, `pagefind-${n}`) : null;
      browser = await browserRows(dir, pfDir, asks, RUNS);
      if (LATENCY) distant = await browserRows(dir, pfDir, asks, RUNS, LATENCY);
    }
    results.push({ n, claims: meta.claims, built, rows, browser, distant, pf });
  }
  return results;
}

/** Pagefind's index of the newsroom (kept between runs, as the archive is). */
async function pagefindFor(n, src) {
  const out = path.join(OUT, `pagefind-${n}`);
  const report = path.join(OUT, `pagefind-${n}.json`);
  if (REBUILD || !fs.existsSync(report) || !fs.existsSync(out)) {
    const timeFile = path.join(OUT, `pf-time-${n}.txt`);
    execFileSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, path.join(here, 'pagefind.mjs'), src, out], { stdio: ['ignore', 'pipe', 'inherit'] });
    const r = JSON.parse(fs.readFileSync(path.join(out, '..', `pagefind-${n}.build.json`), 'utf8'));
    r.peakMb = Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()) / 1024;
    fs.writeFileSync(report, JSON.stringify(r));
  }
  return JSON.parse(fs.readFileSync(report, 'utf8'));
}

const kb = (b) => (b / 1024).toFixed(1);

export function archiveTables(results) {
  const lines = [];
  lines.push('| claims | build s | peak MB | files | MB on disk |', '| ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    lines.push(`| ${r.claims.toLocaleString('en')} | ${r.built.seconds.toFixed(1)} | ${r.built.peakMb.toFixed(0)} | ${r.built.files.toLocaleString('en')} | ${(r.built.bytes / 1048576).toFixed(0)} |`);
  }
  for (const r of results) {
    lines.push('', `**${r.claims.toLocaleString('en')} claims** (results: the first 6, the view's first page of cards)`, '');
    lines.push('| question | results | cold KB gzip | requests | rounds | warm KB gzip | requests |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [name, , a, cold, warm] of r.rows) {
      const total = `${a.exact ? '' : '≈'}${a.total.toLocaleString('en')}`;
      lines.push(`| ${name} | ${total} | ${kb(cold.bytes)} | ${cold.requests} | ${cold.rounds} | ${warm ? kb(warm.bytes) : '—'} | ${warm ? warm.requests : '—'} |`);
    }
    if (r.browser) lines.push('', browserTable(r.claims, r.browser, r.pf));
    if (r.distant) lines.push('', browserTable(r.claims, r.distant, r.pf));
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runArchive();
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 1));
  console.log(archiveTables(results));
}
