// The extractor's scorer (`scripts/benchmark --extract`): drafts every
// article of the development set (../shared/extract/, read here and never
// copied into the project) and the seed article (../shared/seeds/, against
// static/bundles/us-hamas-talks.json), and prints precision, recall and
// speaker accuracy per article and per language. The matching rule is in
// README.md ("How the extractor is scored"); `--peer` adds textacy's
// direct_quotations on the English articles (scripts/bench/peer_textacy.py, in
// a throwaway virtualenv).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const SHARED = path.resolve(ROOT, '..', 'shared');
const CLI = process.env.CLAIM_CARDS_CLI || path.join(ROOT, 'target', 'release', 'claim-cards');

/** Words as the rule counts them: lower case, letters and digits (Vietnamese syllables are words). */
export function words(text) {
  return (text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) || []);
}

/** Role and function words never make two speakers the same. */
const NOT_NAMES = new Set(`the a an of and for in on at to with mr mrs ms dr prof sir president prime minister
secretary general director chief executive spokesman spokeswoman spokesperson official officials head
senior former press police department office state us u s un ông bà anh chị ts đại tá bộ trưởng giám đốc`.split(/\s+/));
const nameWords = (name) => new Set(words(name).filter((w) => !NOT_NAMES.has(w)));

/** How many of `a`'s words are `b`'s, one to one. */
function common(a, b) {
  const bag = new Map();
  for (const w of b) bag.set(w, (bag.get(w) || 0) + 1);
  let n = 0;
  for (const w of a) {
    const left = bag.get(w) || 0;
    if (left > 0) { n += 1; bag.set(w, left - 1); }
  }
  return n;
}

/**
 * Matches extracted claims to labelled ones: a pair qualifies when the
 * extracted claim covers at least half of the label's words and at least 30 %
 * of its own words are the label's; pairs are taken best overlap first, each
 * claim at most once.
 */
export function score(extracted, labelled) {
  const pairs = [];
  extracted.forEach((e, i) => {
    const ew = words(e.text);
    labelled.forEach((l, j) => {
      const lw = words(l.text.replaceAll(' ... ', ' '));
      const n = common(ew, lw);
      if (lw.length && ew.length && n * 2 >= lw.length && n * 10 >= ew.length * 3) {
        pairs.push({ i, j, overlap: n / lw.length + n / ew.length });
      }
    });
  });
  pairs.sort((a, b) => b.overlap - a.overlap);
  const usedE = new Set(); const usedL = new Set();
  const matches = [];
  for (const p of pairs) {
    if (usedE.has(p.i) || usedL.has(p.j)) continue;
    usedE.add(p.i); usedL.add(p.j);
    const e = extracted[p.i]; const l = labelled[p.j];
    const gold = new Set([...nameWords(l.speaker), ...(l.aliases || []).flatMap((a) => [...nameWords(a)])]);
    const attributed = [...nameWords(e.speaker)].some((w) => gold.has(w));
    matches.push({ e, l, attributed, paragraph: e.paragraph === l.paragraph });
  }
  const missed = labelled.filter((_, j) => !usedL.has(j));
  const spurious = extracted.filter((_, i) => !usedE.has(i));
  return { extracted: extracted.length, labelled: labelled.length, matches, missed, spurious };
}

function draft(file, args = []) {
  try {
    const out = execFileSync(CLI, ['draft', file, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const b = JSON.parse(out);
    const speakers = new Map(b.speakers.map((s) => [s.id, s.name]));
    return b.claims.map((c) => ({ text: c.text, speaker: speakers.get(c.speaker), paragraph: c.paragraph, kind: c.kind }));
  } catch (e) {
    if (e.status === 1) return []; // no attribution found
    throw e;
  }
}

const pct = (n, d) => (d ? (n / d).toFixed(2) : '—');

function row(name, r) {
  const m = r.matches.length;
  const a = r.matches.filter((x) => x.attributed).length;
  return { name, extracted: r.extracted, labelled: r.labelled, matched: m, precision: pct(m, r.extracted), recall: pct(m, r.labelled), speaker: pct(a, m) };
}

function table(rows) {
  const cols = ['name', 'labelled', 'extracted', 'matched', 'precision', 'recall', 'speaker'];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => cols.map((c, i) => String(r[c]).padEnd(width[i])).join('  ');
  return [line(Object.fromEntries(cols.map((c) => [c, c]))), ...rows.map(line)].join('\n');
}

function total(name, results) {
  const all = { extracted: 0, labelled: 0, matches: [], missed: [], spurious: [] };
  for (const r of results) {
    all.extracted += r.extracted; all.labelled += r.labelled;
    all.matches.push(...r.matches); all.missed.push(...r.missed); all.spurious.push(...r.spurious);
  }
  return row(name, all);
}

export function run({ verbose = false, peer = null } = {}) {
  const dir = path.join(SHARED, 'extract');
  if (!fs.existsSync(dir)) {
    console.log(`${dir} is not there: the extractor is not scored`);
    return null;
  }
  const byLang = { en: [], vi: [] };
  const rows = { en: [], vi: [] };
  const peerRows = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const gold = JSON.parse(fs.readFileSync(path.join(dir, f.replace(/\.txt$/, '.gold.json')), 'utf8'));
    const lang = gold.language || 'en';
    const r = score(draft(path.join(dir, f), ['--lang', lang]), gold.claims);
    byLang[lang].push(r);
    rows[lang].push(row(f.replace(/\.txt$/, ''), r));
    if (verbose) {
      for (const m of r.matches.filter((x) => !x.attributed)) console.log(`  ${f} ¶${m.l.paragraph} wrong speaker: ${m.e.speaker} (label: ${m.l.speaker})`);
      for (const l of r.missed) console.log(`  ${f} ¶${l.paragraph} missed (${l.kind}, ${l.speaker}): ${l.text.slice(0, 90)}`);
      for (const e of r.spurious) console.log(`  ${f} ¶${e.paragraph} not a label (${e.speaker}): ${e.text.slice(0, 90)}`);
    }
    if (peer && lang === 'en') {
      const found = peer(path.join(dir, f));
      if (found) peerRows.push({ r: score(found, gold.claims), name: f.replace(/\.txt$/, '') });
    }
  }
  const report = { en: total('total (en)', byLang.en), vi: total('total (vi)', byLang.vi) };
  console.log('\nclaim-cards draft, English\n' + table([...rows.en, report.en]));
  console.log('\nclaim-cards draft, Vietnamese\n' + table([...rows.vi, report.vi]));
  if (peerRows.length) {
    report.peer = total('total (en)', peerRows.map((p) => p.r));
    console.log('\ntextacy direct_quotations (spaCy en_core_web_sm), English\n' + table([...peerRows.map((p) => row(p.name, p.r)), report.peer]));
  }
  report.seed = seed(verbose);
  return report;
}

/** The seed article against the demo bundle: claims found with the right speaker in the right paragraph. */
function seed(verbose) {
  const dir = path.join(SHARED, 'seeds');
  const file = fs.existsSync(dir) && fs.readdirSync(dir).find((f) => f.endsWith('.txt'));
  if (!file) return null;
  const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'static', 'bundles', 'us-hamas-talks.json'), 'utf8'));
  const names = new Map(bundle.speakers.map((s) => [s.id, s.name]));
  const labelled = bundle.claims.map((c) => ({ text: c.text, speaker: names.get(c.speaker), paragraph: c.paragraph, aliases: [] }));
  const a = bundle.article;
  const r = score(draft(path.join(dir, file), ['--published', a.published, '--publisher', a.publisher, '--url', a.url, '--lang', 'en']), labelled);
  const right = r.matches.filter((m) => m.attributed && m.paragraph).length;
  console.log(`\nseed article (${file}) against us-hamas-talks.json: ${right} of ${labelled.length} claims found with the right speaker and paragraph (${r.extracted} drafted)`);
  if (verbose) {
    for (const m of r.matches.filter((x) => !x.attributed || !x.paragraph)) console.log(`  ¶${m.l.paragraph} wrong speaker or paragraph: ${m.e.speaker} ¶${m.e.paragraph} (label: ${m.l.speaker})`);
    for (const l of r.missed) console.log(`  ¶${l.paragraph} missed (${l.speaker}): ${l.text.slice(0, 90)}`);
    for (const e of r.spurious) console.log(`  ¶${e.paragraph} not a label (${e.speaker}): ${e.text.slice(0, 90)}`);
  }
  return { right, of: labelled.length, drafted: r.extracted };
}

/**
 * Drafting time for a 2,000-word article: the development set's English
 * paragraphs in order until 2,000 words (written to a temporary file, never
 * into the project), natively (scripts/bench/draft_speed.rs, an example in Cargo.toml) and as wasm in Node's
 * V8 (src/extract/wasm.rs, built by scripts/benchmark --extract).
 */
export function speed() {
  const dir = path.join(SHARED, 'extract');
  if (!fs.existsSync(dir)) return null;
  const paragraphs = [];
  let words = 0;
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const gold = JSON.parse(fs.readFileSync(path.join(dir, f.replace(/\.txt$/, '.gold.json')), 'utf8'));
    if (gold.language) continue;
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n').slice(2)) {
      if (!line.trim() || words >= 2000) continue;
      paragraphs.push(line);
      words += line.split(/\s+/).filter(Boolean).length;
    }
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'claim-cards-speed-')), 'article.txt');
  fs.writeFileSync(file, paragraphs.join('\n\n') + '\n');
  const native = JSON.parse(execFileSync(path.join(ROOT, 'target', 'release', 'examples', 'draft_speed'), [file, '300'], { encoding: 'utf8' }));
  let wasm = null;
  const glue = path.join(ROOT, 'target', 'extract-wasm', 'js', 'claim_cards.js');
  if (fs.existsSync(glue)) {
    const m = createRequire(import.meta.url)(glue);
    const text = fs.readFileSync(file, 'utf8');
    const claims = m.draftClaimCount(text, 'en');
    const times = [];
    for (let i = 0; i < 10; i++) m.draftClaimCount(text, 'en');
    for (let i = 0; i < 100; i++) {
      const start = performance.now();
      m.draftClaimCount(text, 'en');
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    wasm = { claims, median_ms: +times[50].toFixed(3), min_ms: +times[0].toFixed(3) };
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  console.log(`\ndrafting ${native.words} words (${native.claims} claims): native median ${native.median_ms} ms (fastest ${native.min_ms}); ` +
    (wasm ? `wasm in Node ${process.versions.node} (V8 ${process.versions.v8}) median ${wasm.median_ms} ms (fastest ${wasm.min_ms})` : 'wasm not built'));
  return { native, wasm };
}

/** textacy's quotations for every English article, from the virtualenv in CLAIM_CARDS_PEER_PYTHON. */
function peer() {
  const python = process.env.CLAIM_CARDS_PEER_PYTHON;
  if (!python) return null;
  const dir = path.join(SHARED, 'extract');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => path.join(dir, f));
  const all = JSON.parse(execFileSync(python, [path.join(ROOT, 'scripts', 'bench', 'peer_textacy.py'), ...files], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  return (file) => all[file] || [];
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const report = run({ verbose: process.argv.includes('--verbose'), peer: peer() });
  if (report) report.speed = speed();
}
