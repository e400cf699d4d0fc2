// Pagefind (npm `pagefind`, whose package ships its binary) indexing the same
// claims as an archive, for the archive benchmark's side-by-side table: one
// custom record per claim — its text with its speaker's name and role and its
// sources' names, as the archive indexes it —, with the archive's facets as
// filters (speaker, source, topic, kind, verdict, publisher, and the year for
// date ranges: Pagefind has no range filter) and the date as a sort key.
//
//   node scripts/bench/pagefind.mjs NEWSROOM_DIR OUT_DIR
import fs from 'node:fs';
import path from 'node:path';

/** The pagefind module from the benchmark's tools (scripts/benchmark installs it). */
async function pagefindModule() {
  const paths = (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean);
  if (process.env.CLAIM_CARDS_PAGEFIND) paths.unshift(process.env.CLAIM_CARDS_PAGEFIND);
  // (Import-only exports: found by its package.json, entered by its "import" path.)
  for (const dir of paths) {
    const pkg = path.join(dir, 'pagefind', 'package.json');
    if (fs.existsSync(pkg)) return import(path.join(dir, 'pagefind', JSON.parse(fs.readFileSync(pkg, 'utf8')).exports['.'].import));
  }
  throw new Error('pagefind is not installed (scripts/benchmark --archive installs it)');
}

function* bundles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* bundles(p);
    else if (entry.name.endsWith('.json')) yield JSON.parse(fs.readFileSync(p, 'utf8'));
  }
}

/** Indexes every claim of the bundles under `src` into `out`; returns {records, seconds, files, bytes}. */
export async function buildPagefind(src, out) {
  const pagefind = await pagefindModule();
  const started = process.hrtime.bigint();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: undefined });
  if (errors.length) throw new Error(errors.join('; '));
  let records = 0;
  let pending = [];
  for (const b of bundles(src)) {
    const speakers = new Map(b.speakers.map((s) => [s.id, s]));
    const sources = new Map(b.sources.map((s) => [s.id, s]));
    for (const c of b.claims) {
      const sp = speakers.get(c.speaker);
      const date = c.date || b.article.published || '';
      const filters = {
        speaker: [sp.name],
        source: c.sources.map((s) => sources.get(s).name),
        kind: [c.kind || 'statement'],
        publisher: b.article.publisher ? [b.article.publisher] : [],
      };
      if (c.topics?.length) filters.topic = c.topics;
      if (c.review) filters.verdict = [c.review.rating];
      if (date) filters.year = [date.slice(0, 4)];
      const content = [c.text, sp.name, sp.role, ...c.sources.map((s) => sources.get(s).name)].filter(Boolean).join(' ');
      pending.push(index.addCustomRecord({
        url: `${b.article.url}#claim-${c.id}`,
        content,
        language: b.article.language || 'en',
        filters,
        meta: { title: b.article.title || '', speaker: sp.name, date },
        sort: date ? { date } : {},
      }).then((r) => { if (r.errors.length) throw new Error(r.errors.join('; ')); }));
      records++;
      // A bounded number in flight: the binary answers over a pipe.
      if (pending.length >= 256) { await Promise.all(pending); pending = []; }
    }
  }
  await Promise.all(pending);
  fs.rmSync(out, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: out });
  if (written.errors.length) throw new Error(written.errors.join('; '));
  await pagefind.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else { files++; bytes += fs.statSync(p).size; }
    }
  };
  walk(out);
  return { records, seconds, files, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [src, out] = process.argv.slice(2);
  const r = await buildPagefind(src, out);
  // Beside the index, for archive.mjs (stdout is the binary's too).
  fs.writeFileSync(path.join(out, '..', `${path.basename(out)}.build.json`), JSON.stringify(r));
  console.log(r);
}
