// The WordPress plugin (target/wordpress/claim-cards-VERSION.zip, made by
// scripts/build-release) in a real WordPress: Debian's wordpress, php and
// mariadb-server (installed by scripts/bootstrap), started here in a
// temporary folder — a database on a socket, PHP's built-in server — and
// torn down after. Nothing system-wide is configured or started.
//
// An editor uploads a bundle to the media library (an author may not), the
// plugin prerenders it with `claim-cards render`; an author writes a post with
// the shortcode and one with the block; both show the cards with JavaScript
// off (prerendered) and on (live); a shortcode asking for another view gets
// the live widget with that view; and an author's hostile shortcode
// attributes never become markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { launch, newPage, ROOT, SHOTS } from './support.mjs';

const VERSION = /^version = "(.*)"$/m.exec(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))[1];
const ZIP = path.join(ROOT, 'target', 'wordpress', `claim-cards-${VERSION}.zip`);
const CLI = path.join(ROOT, 'target', 'debug', 'claim-cards');
const BUNDLE = path.join(ROOT, 'static', 'bundles', 'us-hamas-talks.json');
const WORDPRESS = '/usr/share/wordpress';

let dir;
let db;
let php;
let site;
let made;
let chrome;

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function until(what, check, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    try { if (await check()) return; } catch { /* not yet */ }
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs a PHP script in the site (as WordPress's CLI scripts do) and returns its stdout. */
function wpScript(name, body) {
  const file = path.join(dir, 'wp', name);
  fs.writeFileSync(file, `<?php
$_SERVER['HTTP_HOST'] = ${JSON.stringify(new URL(site).host)};
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
${body}`);
  const run = spawnSync('php', [file], { cwd: path.join(dir, 'wp'), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`php ${name}: exit ${run.status}\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

before(async () => {
  for (const need of [ZIP, CLI, WORDPRESS, '/usr/bin/php', '/usr/sbin/mariadbd', '/usr/bin/mariadb-install-db']) {
    assert.ok(fs.existsSync(need), `${need} (scripts/bootstrap installs Debian's wordpress, php-cli, php-mysql and mariadb-server; scripts/build-release makes the zip)`);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-wp-'));
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];

  // The database: its own data folder and socket, no network.
  const data = path.join(dir, 'db');
  const socket = path.join(dir, 'db.sock');
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal',
    '--skip-test-db', ...asRoot], { stdio: 'pipe' });
  db = spawn('/usr/sbin/mariadbd', ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, '--skip-networking',
    `--pid-file=${path.join(dir, 'db.pid')}`, `--log-error=${path.join(dir, 'db.err')}`, ...asRoot], { stdio: 'ignore' });
  await until('the database', () => {
    execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'CREATE DATABASE IF NOT EXISTS wp'], { stdio: 'pipe' });
    return true;
  });

  // WordPress: Debian's files copied, with this site's own configuration and content folder.
  const port = await freePort();
  site = `http://127.0.0.1:${port}`;
  const wp = path.join(dir, 'wp');
  execFileSync('cp', ['-r', WORDPRESS, wp]);
  fs.rmSync(path.join(wp, 'wp-config.php'), { force: true });
  fs.rmSync(path.join(wp, '.htaccess'), { force: true });
  fs.mkdirSync(path.join(wp, 'wp-content', 'uploads'), { recursive: true });
  // No mail server here: WordPress's notices (the install's, new users') are not sent.
  fs.mkdirSync(path.join(wp, 'wp-content', 'mu-plugins'));
  fs.writeFileSync(path.join(wp, 'wp-content', 'mu-plugins', 'no-mail.php'), "<?php add_filter('pre_wp_mail', '__return_false');\n");
  execFileSync('unzip', ['-q', ZIP, '-d', path.join(wp, 'wp-content', 'plugins')]);
  fs.writeFileSync(path.join(wp, 'wp-config.php'), `<?php
define('DB_NAME', 'wp');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:${socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as $k) define($k, 'claim-cards test ' . $k);
$table_prefix = 'wp_';
define('WP_HOME', '${site}');
define('WP_SITEURL', '${site}');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_CONTENT_URL', '${site}/wp-content');
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '${path.join(dir, 'debug.log')}');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`);
  php = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', wp], { cwd: wp, stdio: 'ignore' });
  await until('PHP', async () => (await fetch(`${site}/readme.html`)).ok);

  wpScript('cc-install.php', `define('WP_INSTALLING', true);
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('A newsroom', 'admin', 'admin@example.org', false, '', 'admin-password');`);

  made = JSON.parse(wpScript('cc-setup.php', `require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
$activated = activate_plugin('claim-cards/claim-cards.php');
if (is_wp_error($activated)) { fwrite(STDERR, $activated->get_error_message()); exit(1); }
switch_theme('twentytwentythree');
update_option('claim_cards_cli', ${JSON.stringify(CLI)});
$editor = wp_insert_user(['user_login' => 'editor', 'user_pass' => 'editor-password', 'user_email' => 'editor@example.org', 'role' => 'editor']);
$author = wp_insert_user(['user_login' => 'author', 'user_pass' => 'author-password', 'user_email' => 'author@example.org', 'role' => 'author']);
$upload = function ($user) {
  wp_set_current_user($user);
  $tmp = wp_tempnam('bundle.json');
  copy(${JSON.stringify(BUNDLE)}, $tmp);
  return media_handle_sideload(['name' => 'us-hamas-talks.json', 'tmp_name' => $tmp], 0);
};
$denied = $upload($author);
$id = $upload($editor);
if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
$url = wp_get_attachment_url($id);
// The posts are the author's: no unfiltered_html, so WordPress filters what they write (kses).
wp_set_current_user($author);
$publish = function ($title, $content) use ($author) {
  return get_permalink(wp_insert_post(['post_title' => $title, 'post_content' => $content, 'post_status' => 'publish', 'post_author' => $author], true));
};
echo json_encode([
  'canUnfiltered' => current_user_can('unfiltered_html'),
  'denied' => is_wp_error($denied) ? $denied->get_error_message() : 'uploaded',
  'url' => $url,
  'prerendered' => (bool) get_post_meta($id, '_claim_cards_html', true),
  'shortcode' => $publish('Shortcode', 'Before. [claim-cards src="' . $url . '"] After.'),
  'block' => $publish('Block', '<!-- wp:paragraph --><p>Before.</p><!-- /wp:paragraph --><!-- wp:claim-cards/widget {"src":"' . $url . '"} /-->'),
  'view' => $publish('View', '[claim-cards src="' . $url . '" speaker="donald-trump" lang="vi"]'),
  'hostile' => $publish('Hostile', '[claim-cards src="' . $url . '" speaker=\\'x" onmouseover="window.__pwned=1\\' lang="en&quot; onclick=&quot;window.__pwned=1" heading-level="2 onfocus=window.__pwned=1 autofocus" onclick="window.__pwned=1" bundle-origins="https://evil.example"]'
    . ' [claim-cards src="javascript:window.__pwned=1"] [claim-cards src="' . $url . '" share-url="javascript:window.__pwned=1"]'),
]);`));
  chrome = await launch();
});

after(async () => {
  await chrome?.close();
  php?.kill();
  db?.kill();
  await new Promise((r) => setTimeout(r, 200));
  // CLAIM_CARDS_KEEP_WP=1 keeps the site (its debug.log, db.err) to look into.
  if (dir && !process.env.CLAIM_CARDS_KEEP_WP) fs.rmSync(dir, { recursive: true, force: true });
});

test('an editor may upload a bundle, an author may not; the upload is prerendered', () => {
  assert.equal(made.canUnfiltered, false);
  assert.match(made.denied, /not allowed/i);
  assert.match(made.url, /\/wp-content\/uploads\/.*\.json$/);
  assert.equal(made.prerendered, true);
});

for (const kind of ['shortcode', 'block']) {
  test(`a post with the ${kind} shows every card with JavaScript off, and the live widget with it on`, async () => {
    const html = await (await fetch(made[kind])).text();
    assert.ok(html.includes('data-cc-prerender'), 'the post carries the prerender');
    assert.ok(/<script type="module" src="[^"]*\/wp-content\/plugins\/claim-cards\/assets\/claim-cards\.js[^"]*"/.test(html), 'the module from the plugin\'s own copy');

    const off = await chrome.browser.newContext({ javaScriptEnabled: false });
    const still = await off.newPage();
    await still.goto(made[kind]);
    assert.equal(await still.locator('claim-cards [data-claim-id]').count(), 17);
    assert.equal(await still.isVisible('claim-cards [data-claim-id] .cc-text >> nth=0'), true);
    await off.close();

    const page = await newPage(chrome.browser);
    await page.goto(made[kind]);
    await page.waitForFunction(() => document.querySelector('claim-cards')?.filters?.total === 17, null, { timeout: 20000 })
      .catch((e) => { throw new Error(`${e.message}\n${page.errors.join('\n')}`); });
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `wordpress-${kind}.png`), fullPage: false });
    // Live: in the theme's narrow column the facets are behind "Filters"; a tick on a speaker filters the cards.
    await page.locator('claim-cards button', { hasText: 'Filters' }).click();
    await page.locator('claim-cards #cc-speaker-donald-trump').check();
    await page.waitForFunction(() => document.querySelector('claim-cards').filters.shown < 17);
    assert.deepEqual(page.errors.filter((e) => !/favicon/.test(e)), []);
    await page.context().close();
  });
}

test('a shortcode with a view gets the live widget showing that view', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(made.view);
  await page.waitForFunction(() => document.querySelector('claim-cards')?.filters);
  const seen = await page.evaluate(() => {
    const el = document.querySelector('claim-cards');
    return { filters: el.filters, lang: el.getAttribute('lang'), origins: el.getAttribute('bundle-origins') };
  });
  assert.deepEqual(seen.filters.speaker, ['donald-trump']);
  assert.ok(seen.filters.shown < 17);
  assert.equal(seen.lang, 'vi');
  assert.equal(seen.origins, 'self');
  await page.context().close();
});

test('an author cannot inject markup or choose the bundle origins through shortcode attributes', async () => {
  const page = await newPage(chrome.browser);
  await page.goto(made.hostile);
  assert.equal(await page.locator('claim-cards').count(), 2, 'the javascript: src gave no widget');
  for (const el of await page.locator('claim-cards').all()) {
    await el.scrollIntoViewIfNeeded();
    await el.evaluate((e) => new Promise((resolve) => (e.filters ? resolve() : e.addEventListener('claimcards:filterchange', resolve, { once: true }))));
  }
  const seen = await page.evaluate(() => {
    const handlers = [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name) || a.name === 'autofocus').map((a) => `${e.tagName}.${a.name}`));
    return {
      handlers,
      elements: [...document.querySelectorAll('claim-cards')].map((e) => Object.fromEntries([...e.attributes].map((a) => [a.name, a.value]))),
      content: document.querySelector('.entry-content, .wp-block-post-content')?.innerHTML ?? '',
    };
  });
  assert.deepEqual(seen.handlers, []);
  for (const attrs of seen.elements) {
    assert.equal(attrs['bundle-origins'], 'self');
    assert.deepEqual(Object.keys(attrs).filter((k) => !k.startsWith('data-') && !['src', 'bundle-origins', 'speaker', 'lang', 'heading-level'].includes(k)), []);
  }
  // The hostile values stayed values.
  assert.equal(seen.elements[0].speaker, 'x" onmouseover="window.__pwned=1');
  // No javascript: link anywhere: not as src (no widget), not as share-url (dropped).
  assert.ok(!seen.content.includes('javascript:'), seen.content);
  // Hover, click and focus everything the widgets hold: nothing runs.
  for (const el of await page.locator('claim-cards').all()) { await el.hover(); await el.click({ position: { x: 5, y: 5 } }); }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.context().close();
});
