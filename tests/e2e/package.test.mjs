// The npm package (scripts/build-release: target/npm/claim-cards-VERSION.tgz),
// installed from its tarball into a fresh project and used three ways, as a
// newsroom developer would: a plain <script type="module">, an esbuild bundle,
// and TypeScript (`tsc --noEmit` passes on a sample that uses the API and
// fails, at each misuse, on one that misuses it). Its manifest is valid
// against the Custom Elements Manifest schema and agrees with the element
// the browser defines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, launch, newPage, ROOT, lib, toolPath } from './support.mjs';

const VERSION = /^version = "(.*)"$/m.exec(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const TARBALL = path.join(ROOT, 'target', 'npm', `claim-cards-${VERSION}.tgz`);
const BUNDLE = path.join(ROOT, 'static', 'bundles', 'us-hamas-talks.json');

let project;
let pkgDir;
let server;
let chrome;

before(async () => {
  assert.ok(fs.existsSync(TARBALL), `${TARBALL} (made by scripts/build-release)`);
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-npm-'));
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'newsroom-site', private: true, type: 'module' }));
  // The tarball has no dependencies: this needs no registry.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error',
    `--cache=${path.join(project, '.npm-cache')}`, TARBALL], { cwd: project, stdio: 'pipe' });
  pkgDir = path.join(project, 'node_modules', 'claim-cards');
  fs.mkdirSync(path.join(project, 'public'));
  fs.copyFileSync(BUNDLE, path.join(project, 'public', 'bundle.json'));
  server = await startServer({ mounts: { '/site/': project } });
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Opens `url`, waits for the widget's cards and its ready event; returns what the page saw. */
async function cardsOn(url) {
  const page = await newPage(chrome.browser);
  await page.addInitScript(() => {
    window.__ready = null;
    addEventListener('claimcards:ready', (e) => { window.__ready = e.detail; });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__ready && document.querySelector('claim-cards')?.shadowRoot?.querySelector('[data-claim-id]'));
  const seen = await page.evaluate(() => ({
    ready: window.__ready,
    cards: document.querySelector('claim-cards').shadowRoot.querySelectorAll('[data-claim-id]').length,
    wasm: performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.endsWith('.wasm')),
  }));
  assert.deepEqual(page.errors, []);
  await page.context().close();
  return seen;
}

test('the package holds what package.json names, and nothing of the build besides', () => {
  const pkg = readJson(path.join(pkgDir, 'package.json'));
  assert.equal(pkg.name, 'claim-cards');
  assert.equal(pkg.version, VERSION);
  assert.equal(pkg.type, 'module');
  assert.deepEqual(pkg.exports['.'], { types: './claim-cards.d.ts', default: './claim-cards.js' });
  assert.ok(Array.isArray(pkg.sideEffects) && pkg.sideEffects.includes('./claim-cards.js'));
  assert.equal(pkg.customElements, 'custom-elements.json');
  const shipped = fs.readdirSync(pkgDir).filter((f) => f !== 'package.json').sort();
  assert.deepEqual(shipped, [...pkg.files].sort());
  for (const f of [`claim-cards-${VERSION}.wasm`, `claim-cards-${VERSION}.js`, `claim-cards-${VERSION}.css`, 'embed.html', 'embed-frame.js']) {
    assert.ok(shipped.includes(f), f);
  }
  // Every export points at a file in the package.
  for (const [key, target] of Object.entries(pkg.exports)) {
    const file = typeof target === 'string' ? target : target.default;
    assert.ok(fs.existsSync(path.join(pkgDir, file)), `${key} → ${file}`);
  }
});

test('custom-elements.json is valid against the Custom Elements Manifest schema', () => {
  const Ajv = lib('ajv');
  const schema = readJson(path.join(path.dirname(toolPath('custom-elements-manifest/package.json')), 'schema.json'));
  const ajv = new (Ajv.default ?? Ajv)({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const manifest = readJson(path.join(pkgDir, 'custom-elements.json'));
  assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 2));
});

test('a plain <script type="module"> from node_modules shows the cards, and the manifest matches the element it defines', async () => {
  fs.writeFileSync(path.join(project, 'public', 'plain.html'), `<!doctype html><html lang="en"><title>plain</title><link rel="icon" href="data:,">
<script type="module" src="../node_modules/claim-cards/claim-cards.js"></script>
<claim-cards src="bundle.json" loading="eager"><a href="bundle.json">The claims</a></claim-cards>`);
  const seen = await cardsOn(`${server.url}/site/public/plain.html`);
  assert.ok(seen.cards > 0 && seen.ready.claims === 17, JSON.stringify(seen));
  assert.ok(seen.wasm.every((u) => u.includes('/node_modules/claim-cards/')), seen.wasm.join());

  // The element in the browser against its manifest.
  const page = await newPage(chrome.browser);
  await page.goto(`${server.url}/site/public/plain.html`);
  await page.waitForFunction(() => customElements.get('claim-cards'));
  const live = await page.evaluate(() => {
    const C = customElements.get('claim-cards');
    const own = Object.getOwnPropertyNames(C.prototype).filter((n) => n !== 'constructor' && !n.endsWith('Callback'));
    const getters = own.filter((n) => Object.getOwnPropertyDescriptor(C.prototype, n).get);
    return { observed: C.observedAttributes, methods: own.filter((n) => !getters.includes(n)).sort(), getters };
  });
  const exported = await page.evaluate(async () => {
    const mod = await import('../node_modules/claim-cards/claim-cards.js');
    return Object.keys(mod).filter((k) => mod[k] === customElements.get('claim-cards'));
  });
  await page.context().close();
  const manifest = readJson(path.join(pkgDir, 'custom-elements.json'));
  const [decl] = manifest.modules[0].declarations;
  // The class the manifest names is the module's export that is the defined element.
  assert.deepEqual(exported, [decl.name]);
  assert.deepEqual(manifest.modules[0].exports.map((e) => e.name).sort(), ['ClaimCardsElement', 'claim-cards']);
  const attributes = decl.attributes.map((a) => a.name);
  for (const a of live.observed) assert.ok(attributes.includes(a), `observed attribute ${a} is in the manifest`);
  assert.deepEqual(decl.members.filter((m) => m.kind === 'method').map((m) => m.name).sort(), live.methods);
  assert.deepEqual(decl.members.filter((m) => m.kind === 'field').map((m) => m.name), live.getters);
});

test('an esbuild bundle of an app that imports the package finds the wasm beside it', async () => {
  fs.writeFileSync(path.join(project, 'app.js'), `import { ClaimCardsElement } from 'claim-cards';
const el = document.createElement('claim-cards');
el.setAttribute('src', 'bundle.json');
el.setAttribute('loading', 'eager');
document.body.append(el);
console.log(el instanceof ClaimCardsElement ? 'defined' : 'not defined');
`);
  const esbuild = lib('esbuild');
  const out = path.join(project, 'public', 'app');
  await esbuild.build({ entryPoints: [path.join(project, 'app.js')], bundle: true, format: 'esm', outdir: out, absWorkingDir: project, logLevel: 'silent' });
  // As the package's README says: the files the bundle leaves as URLs go beside it.
  for (const f of fs.readdirSync(pkgDir).filter((f) => f.startsWith('claim-cards-'))) fs.copyFileSync(path.join(pkgDir, f), path.join(out, f));
  fs.writeFileSync(path.join(out, 'index.html'), `<!doctype html><html lang="en"><title>bundled</title><link rel="icon" href="data:,"><body>
<script type="module" src="app.js"></script>`);
  fs.copyFileSync(BUNDLE, path.join(out, 'bundle.json'));
  const seen = await cardsOn(`${server.url}/site/public/app/index.html`);
  assert.ok(seen.cards > 0 && seen.ready.claims === 17, JSON.stringify(seen));
  assert.ok(seen.wasm.every((u) => u.includes('/public/app/')), seen.wasm.join());
});

test('tsc passes on code that uses the typed API and fails at each misuse', () => {
  const tsc = path.join(path.dirname(toolPath('typescript/package.json')), 'bin', 'tsc');
  fs.writeFileSync(path.join(project, 'good.ts'), `import 'claim-cards';
import type { ClaimCardsFilters, ClaimCardsErrorDetail } from 'claim-cards';
const el = document.querySelector('claim-cards');
if (el) {
  el.setFilters({ speaker: ['donald-trump'], q: 'hamas', sort: 'date' });
  el.setFilters({ topic: 'ceasefire' });
  el.clearFilters();
  const found: boolean = el.reveal('c1');
  const view: ClaimCardsFilters | null = el.filters;
  el.addEventListener('claimcards:filterchange', (e) => { const n: number = e.detail.shown + e.detail.total; console.log(n, e.detail.speaker.join()); });
  el.addEventListener('claimcards:ready', (e) => console.log(e.detail.claims, e.detail.title ?? ''));
  el.addEventListener('claimcards:error', (e) => {
    const d: ClaimCardsErrorDetail = e.detail;
    if (d.reason === 'http') console.log(d.status);
    if (d.reason === 'skipped') console.log(d.problems.map((p) => p.severity + p.message));
  });
  console.log(found, view);
}
const made = document.createElement('claim-cards');
made.setFilters();
`);
  const misuses = [
    "el.setFilters({ speakers: ['donald-trump'] });", // no such filter
    "el.setFilters({ sort: 'newest' });", // not a sort order
    'el.reveal(42);', // an id is a string
    "el.addEventListener('claimcards:ready', (e) => console.log(e.detail.count));", // no such member
    'el.filters = null;', // read-only
  ];
  fs.writeFileSync(path.join(project, 'bad.ts'), `import 'claim-cards';
const el = document.querySelector('claim-cards')!;
${misuses.join('\n')}
`);
  const run = (file) => spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '--strict', '--target', 'es2022',
    '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', file], { cwd: project, encoding: 'utf8' });
  const good = run('good.ts');
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const bad = run('bad.ts');
  assert.notEqual(bad.status, 0);
  const lines = [...bad.stdout.matchAll(/^bad\.ts\((\d+),\d+\): error/gm)].map((m) => Number(m[1]));
  // One error on each misuse's line (lines 3…), none elsewhere.
  assert.deepEqual([...new Set(lines)], misuses.map((_, i) => i + 3), bad.stdout);
});
