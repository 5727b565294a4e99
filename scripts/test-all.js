#!/usr/bin/env node
// @ts-check
// The one test command (`npm test`): type-check, lint, unit tests, the integration suite
// inside code-server and the e2e suite in Chromium, then exactly one closing line
//   tests: N passed, M failed
// summing all of them. Type-check and lint count as one test each. A suite that dies
// before reporting its counts counts as one failure, never as nothing.
//
// Usage: node scripts/test-all.js [--skip unit,integration,e2e,...] [--only ...]
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const node = process.execPath;

/** @param {string} name */
function listArg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : undefined;
}
const only = listArg('--only');
const skip = listArg('--skip') ?? [];
/** @param {string} id */
const wanted = (id) => (only ? only.includes(id) : !skip.includes(id));

/**
 * Runs a command with its output passed through, and returns the exit code and the
 * counts line if it printed one.
 * @param {string} cmd @param {string[]} args
 * @returns {Promise<{ code: number, counts?: { passed: number, failed: number } }>}
 */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    /** @type {{ passed: number, failed: number } | undefined} */
    let counts;
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        // The integration runner's own line wins over the extension host's mocha line.
        const m = /^(?:\s*\[ext-host\]\s*)?LITFEED-(MOCHA|SUITE) (\{.*\})\s*$/.exec(line);
        if (m && (m[1] === 'SUITE' || !line.includes('[ext-host]'))) {
          const parsed = JSON.parse(m[2]);
          counts = { passed: Number(parsed.passed) || 0, failed: Number(parsed.failed) || 0 };
        }
      }
    });
    child.on('error', (e) => {
      console.error(`${cmd}: ${e.message}`);
      resolve({ code: 1 });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), counts }));
  });
}

/** @type {{ id: string, title: string, counted: 'single' | 'suite' | 'none', cmd: string, args: string[] }[]} */
const steps = [
  // First, so a fresh machine has real `bibtex` for the unit suite and code-server for the rest.
  {
    id: 'install',
    title: 'code-server + chromium + bibtex (cached)',
    counted: 'none',
    cmd: node,
    args: ['scripts/vscode-server/install.js', '--with-test-tools'],
  },
  // One tsc run both type-checks and emits out/ for the suites: a separate `tsc --noEmit` would
  // check every file twice. It emits even when a file has a type error, so the suites still run.
  {
    id: 'types',
    title: 'type-check + compile tests (tsc)',
    counted: 'single',
    cmd: node,
    args: [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', root],
  },
  { id: 'lint', title: 'lint (eslint)', counted: 'single', cmd: 'npm', args: ['run', '--silent', 'lint'] },
  {
    id: 'unit',
    title: 'unit tests',
    counted: 'suite',
    cmd: node,
    args: ['scripts/mocha-count.js', 'out/test/unit', '.test.js', '10000'],
  },
  {
    id: 'package',
    title: 'build + package litfeed.vsix',
    counted: 'none',
    cmd: 'npm',
    args: ['run', '--silent', 'package'],
  },
  {
    id: 'integration',
    title: 'integration tests in code-server',
    counted: 'suite',
    cmd: node,
    args: ['out/scripts/vscode-server/runIntegration.js'],
  },
  {
    id: 'e2e',
    title: 'e2e tests in code-server + chromium',
    counted: 'suite',
    cmd: node,
    args: ['scripts/mocha-count.js', 'out/test/e2e', '.e2e.js', '120000', '--require', 'out/test/e2e/e2eSupport.js'],
  },
];

async function main() {
  let passed = 0;
  let failed = 0;
  /** @type {string[]} */
  const summary = [];
  for (const step of steps) {
    // Helper steps run whenever a suite that needs them runs.
    const needed =
      wanted(step.id) ||
      (step.id === 'types' && ['unit', 'integration', 'e2e'].some(wanted)) ||
      (step.id === 'package' && ['integration', 'e2e'].some(wanted)) ||
      (step.id === 'install' && ['unit', 'integration', 'e2e'].some(wanted));
    if (!needed) continue;
    const started = Date.now();
    console.log(`\n=== ${step.title} ===`);
    // e2e must never test a .vsix left over from an earlier build.
    if (step.id === 'package') fs.rmSync(path.join(root, 'litfeed.vsix'), { force: true });
    const { code, counts } = await run(step.cmd, step.args);
    // Run only to compile for a suite: its type errors are reported, not counted.
    const counted = step.id === 'types' && !wanted('types') ? 'none' : step.counted;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    let p = 0;
    let f = 0;
    if (counted === 'single') {
      if (code === 0) p = 1;
      else f = 1;
    } else if (counted === 'suite') {
      p = counts?.passed ?? 0;
      f = counts?.failed ?? 0;
      if (code !== 0 && f === 0) f = 1; // died, or failed without saying which test
      if (code === 0 && p === 0) f = Math.max(f, 1); // a suite that ran nothing proves nothing
    } else if (code !== 0) {
      console.log(`(${step.title} failed with exit ${code}; the suites that need it will fail)`);
    }
    passed += p;
    failed += f;
    summary.push(
      `${step.title.padEnd(40)} ${counted === 'none' ? (code === 0 ? 'ok' : `exit ${code}`) : `${p} passed, ${f} failed`}  (${secs} s)`,
    );
  }
  console.log('\n=== summary ===');
  for (const line of summary) console.log(line);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('tests: 0 passed, 1 failed');
  process.exitCode = 1;
});
