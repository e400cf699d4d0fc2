// The editor (editor.html) in headless Chromium, as a journalist uses it:
// with the keyboard and the accessible names only. Drafts the seed article,
// fixes it, previews it, publishes it (the bundle passes `claim-cards
// validate`; the embed is what `claim-cards render` prints), reloads and
// finds it all again; opens every format and a broken file; two tabs on one
// draft; storage refused; axe and screenshots at 360 and 1280 px, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, launch, newPage, axe, ROOT, SHOTS } from './support.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";
const CLI = path.join(ROOT, 'target', 'debug', 'claim-cards');
const SEEDS = path.join(ROOT, '..', 'shared', 'seeds');
const seedFile = fs.existsSync(SEEDS) ? fs.readdirSync(SEEDS).find((f) => f.endsWith('.txt')) : null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-studio-'));

let server;
let chrome;

before(async () => {
  server = await startServer({ headers: { 'content-security-policy': CSP } });
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

async function openEditor(opts = {}, page = null) {
  page ||= await newPage(chrome.browser, opts);
  page.violations = [];
  page.on('console', (m) => { if (/Content Security Policy|Trusted Type/i.test(m.text())) page.violations.push(m.text()); });
  await page.goto(`${server.url}/editor.html`);
  await page.getByRole('status').filter({ hasText: /saved in this browser|not being saved/ }).waitFor();
  return page;
}

/** Presses a control as a keyboard user does: focus it, then Enter (or Space). */
async function press(locator, key = 'Enter') {
  await locator.focus();
  await locator.page().keyboard.press(key);
}

async function step(page, name) {
  await press(page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: new RegExp(name) }));
}

/** The bundle as Publish downloads it: its path. */
async function download(page, name = 'bundle') {
  await step(page, 'Publish');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    press(page.getByRole('button', { name: 'Download bundle.json' })),
  ]);
  const to = path.join(tmp, `${name}.json`);
  await file.saveAs(to);
  return to;
}

/** The texts of the preview's cards (the widget in its shadow root). */
const previewClaims = (page) => page.evaluate(() => {
  const root = document.querySelector('.st-widget').shadowRoot;
  return [...root.querySelectorAll('[data-claim-id] .cc-text, [data-claim-id] blockquote, [data-claim-id] q')].map((e) => e.textContent);
});
const previewText = (page) => page.evaluate(() => document.querySelector('.st-widget').shadowRoot.textContent);

test('a journalist drafts the seed, fixes it, publishes it and finds it again after a reload', { skip: !seedFile && 'no seed article in ../shared/seeds' }, async () => {
  const page = await openEditor();
  const seed = fs.readFileSync(path.join(SEEDS, seedFile), 'utf8');
  await page.getByLabel('Article text').fill(seed);
  await page.getByLabel('Title', { exact: true }).fill('US talks directly with Hamas');
  await page.getByLabel('Publisher').fill('Example News');
  await press(page.getByRole('button', { name: 'Draft', exact: true }));
  await page.getByText(/claims drafted from \d+ paragraphs/).waitFor();
  const drafted = await page.getByRole('button', { name: /^Reject: / }).count();
  assert.ok(drafted >= 10, `${drafted} drafts`);

  // A speaker's role fixed, two speakers merged.
  await step(page, 'Speakers and sources');
  const leavitt = page.getByRole('group', { name: /^Karoline Leavitt/ });
  await leavitt.getByLabel('Role').fill('Press secretary of the White House');
  const member = page.getByRole('group', { name: /^A senior Hamas member/ });
  await member.getByLabel('Merge A senior Hamas member into').selectOption({ label: 'Hamas' });
  await press(member.getByRole('button', { name: 'Merge' }));
  await page.getByRole('group', { name: /^A senior Hamas member/ }).waitFor({ state: 'detached' });

  // One draft rejected, one claim added from a sentence.
  await step(page, 'Check');
  const reject = page.getByRole('button', { name: /^Reject: / }).last();
  const rejected = (await reject.getAttribute('aria-label')).replace(/^Reject: /, '');
  await press(reject);
  await page.getByRole('button', { name: /^Reject: / }).nth(drafted - 2).waitFor();
  assert.equal(await page.getByRole('button', { name: `Reject: ${rejected}`, exact: true }).count(), 0);
  const sentence = page.getByRole('button', { name: /^This is believed to be the first direct dialogue/ });
  await press(sentence);
  await press(page.getByRole('button', { name: 'Add a claim from this sentence' }));
  await page.getByLabel('What was said').waitFor();
  assert.match(await page.getByLabel('What was said').inputValue(), /^This is believed to be the first direct dialogue/);
  // Undo and redo, with the keyboard.
  await page.keyboard.press('Control+Z');
  await page.getByLabel('What was said').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+Shift+Z');
  await page.getByRole('button', { name: /^This is believed to be the first direct dialogue.*Karoline|^This is believed/ }).first().waitFor();

  // The preview shows it all.
  await step(page, 'Preview');
  await page.waitForFunction(() => document.querySelector('.st-widget')?.shadowRoot?.querySelector('[data-claim-id]'));
  const shown = await previewText(page);
  assert.match(shown, /Press secretary of the White House/);
  assert.match(shown, /This is believed to be the first direct dialogue/);
  assert.doesNotMatch(shown, /A senior Hamas member/);
  assert.ok(!shown.includes(rejected.replace(/…$/, '')), 'the rejected draft is not shown');

  // Published: the bundle validates with no problem; the embed is the CLI's.
  const file = await download(page, 'journalist');
  const validate = spawnSync(CLI, ['validate', file], { encoding: 'utf8' });
  assert.equal(validate.status, 0, validate.stderr);
  assert.doesNotMatch(validate.stderr + validate.stdout, /warning|error/);
  await page.getByLabel('Bundle URL (where you will put the file)').fill('https://news.example/b/talks.json');
  await page.getByLabel('Widget files URL').fill('https://cdn.example/cc/');
  const expected = execFileSync(CLI, ['render', file, '--src', 'https://news.example/b/talks.json', '--assets', 'https://cdn.example/cc/'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  await page.waitForFunction((want) => document.getElementById('st-embed').value === want, expected, { timeout: 10000 })
    .catch(async () => assert.equal(await page.locator('#st-embed').inputValue(), expected));

  // A reload brings it back as it was.
  await page.reload();
  await page.getByRole('status').filter({ hasText: 'saved in this browser' }).waitFor();
  await page.getByRole('heading', { name: /^Claims \(/ }).waitFor();
  const again = await download(page, 'journalist-again');
  assert.equal(fs.readFileSync(again, 'utf8'), fs.readFileSync(file, 'utf8'));
  // Opened again from the file: the same bundle, evidence and all.
  await step(page, 'Start');
  await page.getByLabel('Choose files…').setInputFiles(file);
  await page.getByText(/^Opened journalist\.json \(a bundle\)/).waitFor();
  const reopened = await download(page, 'journalist-reopened');
  assert.equal(fs.readFileSync(reopened, 'utf8'), fs.readFileSync(file, 'utf8'));
  assert.match(fs.readFileSync(file, 'utf8'), /"evidence": \{/);
  assert.deepEqual(page.violations, [], 'nothing the CSP refuses');
  assert.deepEqual(page.exceptions, []);
});

test('every format opens through the importers; a broken file is refused and loses nothing', async () => {
  const page = await openEditor();
  const open = async (files, said) => {
    await step(page, 'Start');
    await page.getByLabel('Choose files…').setInputFiles(files);
    await page.getByText(said).first().waitFor();
  };
  await open(path.join(ROOT, 'static/bundles/us-hamas-talks.json'), /^Opened us-hamas-talks\.json \(a bundle\): 17 claims/);
  const csvDir = path.join(tmp, 'csv');
  execFileSync(CLI, ['export', 'csv', path.join(ROOT, 'static/bundles/us-hamas-talks.json'), csvDir], { stdio: 'ignore' });
  await open(fs.readdirSync(csvDir).map((f) => path.join(csvDir, f)), /\(CSV\): 17 claims/);
  // The CSV zip Publish gives opens again.
  await step(page, 'Publish');
  const [zip] = await Promise.all([page.waitForEvent('download'), press(page.getByRole('button', { name: 'Download CSV (zip)' }))]);
  const zipPath = path.join(tmp, 'claims-csv.zip');
  await zip.saveAs(zipPath);
  await open(zipPath, /^Opened claims-csv\.zip \(CSV\): 17 claims/);
  const fixtures = path.join(ROOT, 'tests/fixtures/import');
  await open(path.join(fixtures, 'claimreview/lantern-debate.html'), /lantern-debate\.html \(ClaimReview markup\)/);
  await open(path.join(fixtures, 'claimreview/transit-graph.jsonld'), /transit-graph\.jsonld \(ClaimReview markup\)/);
  await open(path.join(fixtures, 'factcheck-api/search-harbor.json'), /search-harbor\.json \(a Fact Check Tools API response\)/);
  await step(page, 'Check');
  const before = await page.getByRole('heading', { name: /^Claims \(/ }).textContent();
  const broken = path.join(tmp, 'broken.json');
  fs.writeFileSync(broken, '{\n  "version": 1,\n  "claims": [\n}');
  await open(broken, /^broken\.json could not be opened\. Nothing in the editor was changed\./);
  await press(page.getByText(/^\d+ details?$/));
  await page.getByText(/broken\.json: this is not JSON or HTML \(4:1: /).waitFor();
  await step(page, 'Check');
  assert.equal(await page.getByRole('heading', { name: /^Claims \(/ }).textContent(), before);
  assert.deepEqual(page.exceptions, []);
});

// Files opened one after another: each is a draft of its own (a callback made
// at an earlier render once reused a draft's id and one took another's place).
test('every draft opened is kept, listed newest first, and can be deleted', async () => {
  const page = await openEditor();
  const files = ['static/bundles/us-hamas-talks.json', 'tests/fixtures/import/claimreview/lantern-debate.html',
    'tests/fixtures/import/claimreview/transit-graph.jsonld', 'tests/fixtures/import/factcheck-api/search-harbor.json'];
  for (const f of files) {
    await page.getByLabel('Choose files…').setInputFiles(path.join(ROOT, f));
    await page.getByText(new RegExp(`^Opened ${path.basename(f).replace('.', '\\.')}`)).waitFor();
    await step(page, 'Start');
  }
  // The drafts are all listed, newest first, and can be deleted.
  await step(page, 'Start');
  const listed = page.getByRole('list', { name: 'Your drafts in this browser' }).getByRole('listitem');
  // Four files opened: four drafts (the first took the blank one's place).
  await page.waitForFunction(() => document.querySelectorAll('.st-draft').length === 4, null, { timeout: 5000 })
    .catch(async () => assert.fail(`listed: ${await listed.allTextContents()}`));
  const n = await listed.count();
  await press(listed.nth(1).getByRole('button', { name: /^Delete / }));
  await page.waitForFunction((n) => document.querySelectorAll('.st-draft').length === n - 1, n);
});

test('two tabs on one draft never overwrite each other silently', async () => {
  const a = await openEditor();
  await press(a.getByRole('button', { name: 'Start empty' }));
  await a.getByLabel('Title', { exact: true }).waitFor({ state: 'detached' }).catch(() => {});
  await step(a, 'Start');
  await a.getByLabel('Title', { exact: true }).fill('Shared draft');
  await a.getByRole('status').filter({ hasText: 'saved in this browser' }).waitFor();
  const b = await openEditor({}, await a.context().newPage());
  await step(b, 'Start');
  assert.equal(await b.getByLabel('Title', { exact: true }).inputValue(), 'Shared draft');
  // A types: B is told at once, and saves nothing over it.
  await a.getByLabel('Title', { exact: true }).fill('Shared draft, by A');
  await b.getByRole('alert').filter({ hasText: 'changed in another tab' }).waitFor();
  await b.getByLabel('Title', { exact: true }).fill('Shared draft, by B');
  await a.reload();
  await a.getByRole('status').filter({ hasText: 'saved in this browser' }).waitFor();
  await step(a, 'Start');
  await a.waitForFunction(() => document.getElementById('article-title')?.value === 'Shared draft, by A');
  // B keeps its work as a new draft; both are listed.
  await press(b.getByRole('button', { name: 'Keep mine as a new draft' }));
  await b.getByRole('status').filter({ hasText: 'saved in this browser' }).waitFor();
  await step(b, 'Start');
  await b.getByText(/^Shared draft, by B \(copy\)$/).first().waitFor();
  await b.getByRole('list', { name: 'Your drafts in this browser' }).getByText('Shared draft, by A', { exact: true }).waitFor();
});

test('a problem shows next to its field and blocks publishing; the preview switches width, theme and language', async () => {
  const page = await openEditor();
  // A file dropped on the Start step opens as one picked does.
  await page.evaluate(async (text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    document.querySelector('.st-start').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, fs.readFileSync(path.join(ROOT, 'static/bundles/us-hamas-talks.json'), 'utf8'));
  await page.getByText(/^Opened dropped\.json \(a bundle\): 17 claims/).waitFor();
  await press(page.locator('.st-claim-pick').first());
  const date = page.getByLabel(/^Date/);
  await date.fill('2025-02-30');
  // The loader's message, tied to the field for screen readers.
  const said = page.locator(`#${await date.getAttribute('id')}-said`);
  await said.waitFor();
  assert.match(await said.textContent(), /2025-02-30/);
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  assert.match(await date.getAttribute('aria-describedby'), /-said$/);
  await step(page, 'Publish');
  await page.getByRole('alert').filter({ hasText: '1 error must be fixed before publishing' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Download bundle.json' }).isDisabled(), true);
  await step(page, 'Check');
  await page.getByLabel(/^Date/).fill('2025-03-05');
  await step(page, 'Publish');
  await page.getByText('Ready: 17 claims, no problems.').waitFor();
  // The JSON-LD is what `claim-cards export jsonld` writes.
  const [ld] = await Promise.all([page.waitForEvent('download'), press(page.getByRole('button', { name: 'Download JSON-LD' }))]);
  const ldPath = path.join(tmp, 'talks.jsonld');
  await ld.saveAs(ldPath);
  const bundle = await download(page, 'for-jsonld');
  assert.equal(fs.readFileSync(ldPath, 'utf8'), execFileSync(CLI, ['export', 'jsonld', bundle], { encoding: 'utf8' }));
  // The preview's switches.
  await step(page, 'Preview');
  const widget = () => page.evaluate(() => {
    const root = document.querySelector('.st-widget').shadowRoot.querySelector('.cc-root');
    return { theme: root.dataset.theme, lang: root.lang, width: document.querySelector('.st-frame').dataset.width };
  });
  await page.waitForFunction(() => document.querySelector('.st-widget')?.shadowRoot?.querySelector('.cc-root'));
  assert.deepEqual(await widget(), { theme: 'light', lang: 'en', width: 'desktop' });
  await press(page.getByRole('radio', { name: 'Phone' }), 'Space');
  await press(page.getByRole('radio', { name: 'Dark' }), 'Space');
  await press(page.getByRole('radio', { name: 'Tiếng Việt' }), 'Space');
  await page.waitForFunction(() => document.querySelector('.st-widget').shadowRoot.querySelector('.cc-root').lang === 'vi');
  assert.deepEqual(await widget(), { theme: 'dark', lang: 'vi', width: 'phone' });
  const box = await page.locator('.st-widget').boundingBox();
  assert.equal(Math.round(box.width), 360);
  assert.deepEqual(page.exceptions, []);
});

test('pasted or opened HTML is read as text: nothing in it runs, loads or is injected', async () => {
  // A server of its own, without the CSP: what holds is the editor's doing.
  const hits = [];
  const bait = (req, res) => { hits.push(req.url); res.writeHead(200, { 'content-type': 'text/plain' }); res.end(''); };
  const own = await startServer({ routes: { '/bait.png': bait, '/bait.html': bait, '/bait.css': bait, '/bait.js': bait, '/bait.woff2': bait } });
  const html = '<h1>Harbour vote</h1><style>@font-face{font-family:x;src:url(/bait.woff2)}</style>'
    + '<p>“We will build it,” the mayor said on Monday. <img src="/bait.png" onerror="window.__ran=1"></p>'
    + '<iframe src="/bait.html"></iframe><link rel="stylesheet" href="/bait.css"><script src="/bait.js"></script>'
    + '<script>window.__ran=2</script><p>Critics said <b>the plan</b> was <a href="javascript:alert(1)">too costly</a>.</p>';
  const file = path.join(tmp, 'article.html');
  fs.writeFileSync(file, html);
  try {
    const page = await newPage(chrome.browser);
    await page.goto(`${own.url}/editor.html`);
    await page.getByRole('status').filter({ hasText: 'saved in this browser' }).waitFor();
    // Pasted as HTML from a CMS: its paragraphs, as text.
    await page.getByLabel('Article text').focus();
    await page.evaluate((markup) => {
      const data = new DataTransfer();
      data.setData('text/html', markup);
      data.setData('text/plain', 'plain');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
    const pasted = await page.getByLabel('Article text').inputValue();
    assert.equal(pasted, 'Harbour vote\n\n“We will build it,” the mayor said on Monday.\n\nCritics said the plan was too costly.');
    await press(page.getByRole('button', { name: 'Draft', exact: true }));
    await page.getByText(/claims? drafted from 2 paragraphs/).waitFor();
    // Opened as a file: an article to draft, the same.
    await step(page, 'Start');
    await page.getByLabel('Choose files…').setInputFiles(file);
    await page.getByText(/^article\.html is an article/).waitFor();
    assert.match(await page.getByLabel('Article text').inputValue(), /<img src="\/bait\.png"/, 'the markup is text in the box');
    await press(page.getByRole('button', { name: 'Draft', exact: true }));
    await page.getByText(/claims? drafted from 2 paragraphs/).waitFor();
    await step(page, 'Check');
    await page.getByRole('button', { name: /^“We will build it,”/ }).waitFor();
    await step(page, 'Preview');
    await page.waitForFunction(() => document.querySelector('.st-widget')?.shadowRoot?.querySelector('[data-claim-id]'));
    const found = await page.evaluate(() => ({
      ran: window.__ran,
      injected: document.querySelectorAll('img, iframe, script:not([type="module"]), link[href*="bait"]').length
        + document.querySelector('.st-widget').shadowRoot.querySelectorAll('img, iframe, script, a[href^="javascript"]').length,
    }));
    assert.deepEqual(found, { ran: undefined, injected: 0 });
    assert.deepEqual(hits, [], 'nothing of the article was fetched');
    assert.deepEqual(page.exceptions, []);
  } finally {
    await own.close();
  }
});

test('the interface is in Vietnamese when chosen, and axe finds nothing there', async () => {
  const noCsp = await startServer();
  try {
    const page = await newPage(chrome.browser);
    await page.goto(`${noCsp.url}/editor.html`);
    await page.getByRole('status').filter({ hasText: 'saved in this browser' }).waitFor();
    await page.getByLabel('Interface language').selectOption('vi');
    await page.getByRole('heading', { name: 'Trình soạn thẻ phát ngôn' }).waitFor();
    await page.getByRole('heading', { name: 'Dán bài báo' }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Các bước' }).getByRole('button').count(), 5);
    await page.getByLabel('Chọn tệp…').setInputFiles(path.join(ROOT, 'static/bundles/us-hamas-talks.vi.json'));
    await page.getByText(/^Đã mở us-hamas-talks\.vi\.json \(một gói\): 5 phát ngôn\./).waitFor();
    await page.getByRole('heading', { name: 'Phát ngôn (5)' }).waitFor();
    assert.equal(await page.locator('.st').getAttribute('lang'), 'vi');
    assert.deepEqual(await axe(page), []);
  } finally {
    await noCsp.close();
  }
});

test('storage refused is said plainly, and downloading still works', async () => {
  const page = await newPage(chrome.browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { return { open() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } }; } });
  });
  await openEditor({}, page);
  await page.getByRole('alert').filter({ hasText: /This browser is not keeping your work: the browser refuses to keep data for this page/ }).waitFor();
  await page.getByLabel('Choose files…').setInputFiles(path.join(ROOT, 'static/bundles/us-hamas-talks.json'));
  await page.getByText(/^Opened us-hamas-talks\.json/).waitFor();
  const file = await download(page, 'refused');
  assert.equal(spawnSync(CLI, ['validate', file]).status, 0);
});

test('axe finds nothing, light and dark, at 360 and 1280 px; screenshots', async () => {
  const noCsp = await startServer();
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const width of [360, 1280]) {
      for (const colorScheme of ['light', 'dark']) {
        const page = await newPage(chrome.browser, { width, colorScheme });
        await page.goto(`${noCsp.url}/editor.html`);
        await page.getByRole('status').filter({ hasText: /saved in this browser/ }).waitFor();
        await page.getByLabel('Choose files…').setInputFiles(path.join(ROOT, 'static/bundles/us-hamas-talks.json'));
        await page.getByText(/^Opened us-hamas-talks\.json/).waitFor();
        await press(page.locator('.st-claim-pick').first());
        await page.getByLabel('What was said').waitFor();
        for (const name of ['Check', 'Speakers and sources', 'Preview', 'Publish', 'Start']) {
          await step(page, name);
          if (name === 'Preview') await page.waitForFunction(() => document.querySelector('.st-widget')?.shadowRoot?.querySelector('[data-claim-id]'));
          const found = await axe(page);
          assert.deepEqual(found, [], `${name} at ${width} px, ${colorScheme}`);
          if (name !== 'Start') await page.screenshot({ path: path.join(SHOTS, `studio-${name.split(' ')[0].toLowerCase()}-${width}-${colorScheme}.png`) });
        }
        // At 360 px the panes stack; at 1280 px they sit side by side.
        await step(page, 'Check');
        const [l, r] = await page.$$eval('.st-check > .st-pane', (els) => els.map((e) => e.getBoundingClientRect().toJSON()));
        if (width === 360) assert.ok(r.top >= l.bottom, 'stacked'); else assert.ok(Math.abs(r.top - l.top) < 2 && r.left > l.right, 'side by side');
        await page.context().close();
      }
    }
  } finally {
    await noCsp.close();
  }
});
