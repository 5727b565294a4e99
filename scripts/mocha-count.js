#!/usr/bin/env node
// @ts-check
// Runs mocha over compiled test files with the spec reporter and then prints one
// machine-readable line, `LITFEED-MOCHA {"passed":N,"failed":M}`, for scripts/test-all.js.
// Pending (skipped) tests count as failures: nothing in this project is skipped.
//
// Usage: node scripts/mocha-count.js <dir> <file suffix> [timeout ms] [--require <module>]
// A required module's `mochaHooks` export become root hooks, as with mocha's own --require.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
// mocha 12 exposes the class as a named (and default) export.
const mochaModule =
  /** @type {{ Mocha?: typeof import('mocha'), default?: typeof import('mocha') } & typeof import('mocha')} */ (
    require('mocha')
  );
const Mocha = mochaModule.Mocha ?? mochaModule.default ?? mochaModule;

/** @param {string} dir @param {string} suffix @returns {string[]} */
function find(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? find(path.join(dir, e.name), suffix) : e.name.endsWith(suffix) ? [path.join(dir, e.name)] : [],
    )
    .sort();
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--require');
  const required = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const [dir, suffix, timeout] = args;
  if (!dir || !suffix) throw new Error('usage: mocha-count.js <dir> <suffix> [timeout ms] [--require <module>]');
  const rootHooks = required ? require(path.resolve(required)).mochaHooks : undefined;
  const files = find(path.resolve(dir), suffix);
  if (files.length === 0) throw new Error(`no *${suffix} files under ${dir} (did tsc run?)`);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: Number(timeout ?? 10000),
    forbidOnly: true,
    forbidPending: true,
    ...(rootHooks ? { rootHooks } : {}),
  });
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  const counts = await new Promise((resolve) => {
    const runner = mocha.run(() =>
      resolve({
        passed: runner.stats?.passes ?? 0,
        failed: (runner.stats?.failures ?? 0) + (runner.stats?.pending ?? 0),
      }),
    );
  });
  console.log(`LITFEED-MOCHA ${JSON.stringify(counts)}`);
  process.exitCode = counts.failed > 0 || counts.passed === 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  console.log(`LITFEED-MOCHA ${JSON.stringify({ passed: 0, failed: 1 })}`);
  process.exitCode = 1;
});
