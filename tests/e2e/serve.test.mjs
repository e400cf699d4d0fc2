// The README's serve command settles: `scripts/serve` builds once, serves the
// demo, and rebuilds only when a source file changes (it used to rebuild about
// 45 times a minute, each build's cargo dep-info files under target/ starting
// the next: Trunk.toml's [watch] list is the fix).
//
// Trunk 0.21 runs with no cooldown: a change it accepts while a build runs
// starts one more build when that one ends (so a save during a build is never
// lost). A save can reach it as more than one change (truncate, then write),
// so a save may cost a second build; the loop the issue saw costs one every
// ~1.3 s, forever. The test runs trunk with -v, which names the path of every
// change it accepts: none may be a build's own output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './support.mjs';

/** How long a served build must stay alone, by the definition of settled. */
const QUIET_MS = 20_000;
/** A cold debug build of the wasm and the CLI on 2 cores takes a few minutes; this is only a bound. */
const BUILD_LIMIT_MS = 20 * 60_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `check()` is true; rejects after `limit` ms, or at once when `failed()` says why. */
function until(check, limit, failed = () => null) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const why = failed();
      if (why) reject(new Error(why));
      else if (check()) resolve();
      else if (Date.now() - started > limit) reject(new Error(`not within ${limit} ms`));
      else setTimeout(tick, 100);
    };
    tick();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('scripts/serve builds once, settles, rebuilds when a source file is saved, and settles again', { timeout: 2 * BUILD_LIMIT_MS + 5 * 60_000 }, async () => {
  const port = await freePort();
  // Its own dist, so the release build the other e2e tests serve is left alone.
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'claim-cards-serve-'));
  const child = spawn(path.join(ROOT, 'scripts', 'serve'), ['-v', '--dist', dist], {
    cwd: ROOT,
    env: { ...process.env, CLAIM_CARDS_PORT: String(port), NO_COLOR: 'true' },
    detached: true, // its own process group: trunk and the cargo it runs stop together
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let exited = null;
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  child.on('exit', (code, signal) => { exited = `scripts/serve exited (${code ?? signal})`; });
  const started = () => (log.match(/starting build/g) || []).length;
  const finished = () => (log.match(/✅ success|❌ error/g) || []).length;
  // What a failure shows first: the changes trunk accepted (with -v), then the log's end.
  const accepted = () => log.split('\n').filter((l) => l.includes('accepted change in'));
  const tail = () => [...accepted(), '…', ...log.split('\n').filter((l) => !l.includes(' DEBUG ') && !l.includes(' TRACE ')).slice(-25)].join('\n');
  const died = () => exited && `${exited}:\n${tail()}`;
  // Milliseconds since the log last said a build started or finished (builds running count as not quiet).
  let lastActivity = Date.now();
  let lastCount = 0;
  const quietFor = () => {
    const count = started() + finished();
    if (count !== lastCount || started() > finished()) { lastCount = count; lastActivity = Date.now(); }
    return Date.now() - lastActivity;
  };

  const touched = path.join(ROOT, 'src', 'lib.rs');
  const before = fs.statSync(touched);
  try {
    await until(() => finished() >= 1, BUILD_LIMIT_MS, died);
    assert.doesNotMatch(log, /❌ error/, `the first build failed:\n${tail()}`);
    const page = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    assert.match(page, /data-cc-prerender="[0-9a-f]/, 'the served page is the prerendered demo');

    await sleep(QUIET_MS);
    assert.equal(started(), 1, `a build started by itself after the first one:\n${tail()}`);

    // A developer saves a source file (the same bytes: Trunk's watcher takes a
    // write, not a bare change of time): a build follows, then quiet again.
    fs.writeFileSync(touched, fs.readFileSync(touched));
    await until(() => finished() >= 2, BUILD_LIMIT_MS, died);
    assert.doesNotMatch(log, /❌ error/, `the rebuild failed:\n${tail()}`);
    // Settled: a quiet spell of QUIET_MS with no build running, within a bound.
    await until(() => quietFor() >= QUIET_MS, BUILD_LIMIT_MS, died);
    assert.ok(started() <= 3, `builds went on after the one a change asked for:\n${tail()}`);
    const strays = accepted().filter((l) => !l.includes(JSON.stringify(fs.realpathSync(touched))));
    assert.deepEqual(strays, [], `trunk accepted changes the test did not make:\n${tail()}`);
  } finally {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    await until(() => exited, 10_000).catch(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } });
    // The file's bytes never changed: give it back its time, so the next cargo build is not a rebuild.
    fs.utimesSync(touched, before.atime, before.mtime);
    fs.rmSync(dist, { recursive: true, force: true });
  }
});
