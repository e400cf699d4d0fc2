// Lighthouse 12.2.3 (npm; runs on Node 20 with Debian's Chromium) on the
// demo bundle's pages, mobile (its default: simulated slow 4G, 4× slower CPU)
// and desktop, served gzip-compressed by the benchmark's own server:
//   standalone           the prerendered standalone page (dist/index.html)
//   article-prerendered  a news article with a prerendered widget above the fold
//   article-plain        the same article, the widget without a prerender
//   article-below-fold   the same article with the widget (no prerender) three
//                        screens down: lazy loading (issue #21); the table's
//                        "cc KB" is what of claim-cards came before any scroll
//   static-copy          the same cards as static HTML + CSS, no script: the limit
// Used by run.mjs; the pages are made here from the release build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PAGES = ['standalone', 'article-prerendered', 'article-plain', 'article-below-fold', 'static-copy'];

/** Writes the benchmark's pages into `dir`; returns their paths on the server. */
export function makePages({ root, dist, dir, version }) {
  fs.mkdirSync(dir, { recursive: true });
  const cli = path.join(root, 'target', 'debug', 'claim-cards');
  const render = (...args) => execFileSync(cli, ['render', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const template = fs.readFileSync(path.join(root, 'scripts', 'bench', 'article.html'), 'utf8');
  const article = (head, widget) => template.replace('{{head}}', head).replace('{{widget}}', widget);
  const script = '<script type="module" src="/claim-cards.js"></script>';
  const bundle = 'static/bundles/us-hamas-talks.json';
  fs.writeFileSync(path.join(dir, 'article-prerendered.html'),
    article(script, render(bundle, '--src', '/bundles/us-hamas-talks.json', '--assets', '/')));
  fs.writeFileSync(path.join(dir, 'article-plain.html'), article(script,
    '<claim-cards src="/bundles/us-hamas-talks.json"><p><a href="/bundles/us-hamas-talks.json">Who said what in this article</a></p></claim-cards>'));
  // Three phone screens of article text, then the widget as most newsrooms
  // will paste it: no prerender, lazy (the default).
  // Each screen is at least a viewport tall, whatever the font, as in tests/e2e/lazy.test.mjs.
  const filler = Array.from({ length: 3 }, (_, s) => `<div style="min-height: 100vh">${Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${s * 8 + i + 1} of the report: what was said at the briefing, who said it, and what the other side answered when it was put to them later that day.</p>`).join('')}</div>`).join('\n      ');
  fs.writeFileSync(path.join(dir, 'article-below-fold.html'), article(script, `${filler}
      <claim-cards src="/bundles/us-hamas-talks.json"><p><a href="/bundles/us-hamas-talks.json">Who said what in this article</a></p></claim-cards>`));
  // The limit: the standalone page's prerendered cards as plain HTML in the
  // document, the widget's stylesheet in the head, no script at all.
  let page = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const start = page.indexOf('<claim-cards');
  const end = page.indexOf('</claim-cards>') + '</claim-cards>'.length;
  const element = page.slice(start, end);
  const cards = element.slice(element.indexOf('<div data-cc-prerender'), element.indexOf('</template>')).replace(/<!--[^]*?-->/g, '');
  page = page.slice(0, start) + cards + page.slice(end);
  page = page.replace(/\s*<script type="module"[^>]*><\/script>/, '')
    .replace('<link rel="stylesheet" href="page.css">', `<link rel="stylesheet" href="/page.css">\n    <link rel="stylesheet" href="/claim-cards-${version}.css">`);
  fs.writeFileSync(path.join(dir, 'static-copy.html'), page);
  return {
    standalone: '/',
    'article-prerendered': '/bench-pages/article-prerendered.html',
    'article-plain': '/bench-pages/article-plain.html',
    'article-below-fold': '/bench-pages/article-below-fold.html',
    'static-copy': '/bench-pages/static-copy.html',
  };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

/** One Lighthouse run: its metrics and category scores. (Asynchronous: the
 * server it loads from runs in this same process.) */
async function lighthouse(bin, url, mode) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-lh-'));
  const out = path.join(profile, 'report.json');
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`].join(' ');
  try {
    await run(bin, [url, '--quiet', '--output=json', `--output-path=${out}`, `--chrome-flags=${flags}`,
      '--only-categories=performance,accessibility,best-practices,seo',
      // The full-page screenshot makes the viewport as tall as the page after the load,
      // which would bring a lazy widget into view (article-below-fold); no score uses it.
      '--disable-full-page-screenshot', ...(mode === 'desktop' ? ['--preset=desktop'] : [])],
    { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' }, timeout: 300_000 });
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    const a = r.audits;
    return {
      lcp_ms: Math.round(a['largest-contentful-paint'].numericValue),
      fcp_ms: Math.round(a['first-contentful-paint'].numericValue),
      tbt_ms: Math.round(a['total-blocking-time'].numericValue),
      cls: Math.round(a['cumulative-layout-shift'].numericValue * 1000) / 1000,
      bytes: a['total-byte-weight'].numericValue,
      // What of claim-cards (its files and bundles) the load fetched: Lighthouse never scrolls.
      cc_bytes: (a['network-requests']?.details?.items ?? []).filter((i) => /claim-cards|\/bundles\//.test(new URL(i.url).pathname))
        .reduce((n, i) => n + (i.transferSize || 0), 0),
      scores: Object.fromEntries(Object.entries(r.categories).map(([k, v]) => [k, Math.round(v.score * 100)])),
    };
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** The worst of `runs` figures (the highest, or for a score the lowest). */
const worst = (xs, higherIsWorse = true) => (higherIsWorse ? Math.max(...xs) : Math.min(...xs));

/** Every page in both modes, `runs` times each: the median of each figure, and the worst run's. */
export async function runLighthouse({ bin, base, pages, runs, only = null }) {
  const results = {};
  for (const name of PAGES) {
    for (const mode of ['mobile', 'desktop']) {
      if (only && !only.includes(`${name}/${mode}`)) continue;
      process.stderr.write(`bench: lighthouse ${mode} ${name}…\n`);
      const all = [];
      for (let i = 0; i < runs; i++) all.push(await lighthouse(bin, base + pages[name], mode));
      const pick = (f) => median(all.map(f));
      results[`${name}/${mode}`] = {
        page: name, mode, runs,
        lcp_ms: pick((x) => x.lcp_ms), fcp_ms: pick((x) => x.fcp_ms), tbt_ms: pick((x) => x.tbt_ms),
        cls: pick((x) => x.cls), bytes: pick((x) => x.bytes), cc_bytes: pick((x) => x.cc_bytes),
        scores: Object.fromEntries(Object.keys(all[0].scores).map((k) => [k, pick((x) => x.scores[k])])),
        worst: {
          lcp_ms: worst(all.map((x) => x.lcp_ms)), tbt_ms: worst(all.map((x) => x.tbt_ms)),
          cls: worst(all.map((x) => x.cls)), performance: worst(all.map((x) => x.scores.performance), false),
        },
        each: all.map((x) => ({ lcp_ms: x.lcp_ms, tbt_ms: x.tbt_ms, cls: x.cls, performance: x.scores.performance })),
      };
    }
  }
  return results;
}

/** The results as a Markdown table, with LCP against the static copy's. */
export function lighthouseTable(results) {
  const lines = ['| page | mode | LCP ms | × static | FCP ms | TBT ms | CLS | KB | cc KB | performance | accessibility | best practices | SEO | worst run: LCP / TBT / CLS / performance |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of Object.values(results)) {
    const limit = results[`static-copy/${r.mode}`];
    const s = r.scores;
    lines.push(`| ${r.page} | ${r.mode} | ${r.lcp_ms} | ${limit ? (r.lcp_ms / limit.lcp_ms).toFixed(2) : '–'} | ${r.fcp_ms} | ${r.tbt_ms} | ${r.cls} | ${(r.bytes / 1024).toFixed(1)} | ${r.cc_bytes == null ? '–' : (r.cc_bytes / 1024).toFixed(1)} | ${s.performance} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} | ${r.worst ? `${r.worst.lcp_ms} / ${r.worst.tbt_ms} / ${r.worst.cls} / ${r.worst.performance}` : '–'} |`);
  }
  return lines.join('\n');
}
