// @ts-check
/**
 * What bench/realHostChild.js needs around a code-server window: the harness's helpers bundled
 * for plain Node, the extensions packaged, and the window's extension host found, watched until
 * idle, ended, and its log read for when an extension was activated.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const IDLE_TIMEOUT_MS = 60_000;
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** code-server's and Chromium's helpers from scripts/vscode-server, bundled for plain Node. */
/** @param {string} root @param {string} work */
async function buildHarness(root, work) {
  const esbuild = require('esbuild');
  const outfile = path.join(work, 'realHost', 'harness.js');
  const playwright = require.resolve('playwright-core', { paths: [root] });
  await esbuild.build({
    stdin: {
      contents:
        "module.exports = { ...require('./scripts/vscode-server/codeServer.ts'), ...require('./scripts/vscode-server/browser.ts') };",
      resolveDir: root,
      loader: 'js',
      sourcefile: 'harness.js',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    // codeServer.ts finds the repo (and install.js) from its own folder.
    define: { __dirname: JSON.stringify(path.join(root, 'scripts', 'vscode-server')) },
    plugins: [
      {
        name: 'playwright-from-the-repo',
        setup(b) {
          b.onResolve({ filter: /^playwright-core$/ }, () => ({ path: playwright, external: true }));
        },
      },
    ],
  });
  return require(outfile);
}

/** @param {string} root @param {string} cwd @param {string} out @param {string[]} extra */
function vscePackage(root, cwd, out, extra = []) {
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(
    process.execPath,
    [
      vsce,
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--no-rewrite-relative-links',
      ...extra,
      '-o',
      out,
    ],
    { cwd, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`vsce package in ${cwd} failed: ${r.stdout}${r.stderr}`);
  return out;
}

/** CPU time (clock ticks) a process has used. */
function cpuTicks(/** @type {number} */ pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return NaN;
  }
}

/** Waits until the window's extension host has used at most 20 ms of CPU in each of two half-seconds. */
/**
 * @typedef {{ extensionHostPids(server: { pid: number }): number[] }} Harness
 */
async function hostIdle(/** @type {Harness} */ harness, /** @type {{ pid: number }} */ server) {
  const deadline = Date.now() + IDLE_TIMEOUT_MS;
  let quiet = 0;
  let hosts = harness.extensionHostPids(server);
  let last = hosts.map(cpuTicks);
  while (Date.now() < deadline) {
    await sleep(500);
    const now = harness.extensionHostPids(server);
    const ticks = now.map(cpuTicks);
    const same = now.length > 0 && now.length === hosts.length && now.every((p, i) => p === hosts[i]);
    const busy = !same || ticks.some((t, i) => !(t - last[i] <= 2));
    quiet = busy ? 0 : quiet + 1;
    hosts = now;
    last = ticks;
    if (quiet >= 2) return true;
  }
  return false;
}

/** Ends every extension host of `server` and waits until none is left. */
async function endHosts(/** @type {Harness} */ harness, /** @type {{ pid: number }} */ server) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const pids = harness.extensionHostPids(server);
    if (pids.length === 0) return;
    if (Date.now() > deadline) throw new Error(`extension hosts ${pids.join(', ')} did not end`);
    // A closed tab does not always say goodbye: code-server then keeps the window's extension
    // host for a reconnect that never comes.
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await sleep(200);
  }
}

/** The activation of `id` as the newest extension host log of the profile records it (ms since the epoch). */
function activationLogged(/** @type {string} */ userDataDir, /** @type {string} */ id, /** @type {number} */ since) {
  const logs = path.join(userDataDir, 'logs');
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost\d*\.log$/.test(e.name)) files.push(p);
    }
  };
  if (fs.existsSync(logs)) walk(logs);
  let found;
  const pattern = new RegExp(
    `^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) .*_doActivateExtension ${id.replace(/\./g, '\\.')}[,\\s]`,
    'i',
  );
  for (const file of files) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const m = pattern.exec(line);
      if (!m) continue;
      // The log writes local time.
      const at = new Date(`${m[1]}T${m[2]}`).getTime();
      if (at >= since - 1000 && (found === undefined || at > found)) found = at;
    }
  }
  return found;
}

module.exports = { buildHarness, vscePackage, hostIdle, endHosts, activationLogged };
