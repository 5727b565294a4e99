// @ts-check
/**
 * One timed start-up of the bundled extension: argv = <bundle> <storageDir> <extensionDir>.
 * The clock starts just before the bundle is required (the extension host is already up)
 * and stops when the feed tree's first getChildren() has returned the day groups.
 * Prints one JSON line.
 */
'use strict';

const { performance } = require('node:perf_hooks');
const { install } = require('./vscodeStub');

async function main() {
  const [bundle, storageDir, extensionDir] = process.argv.slice(2);
  const { context } = install({ storageDir, extensionDir });
  const cpu = process.cpuUsage();
  const start = performance.now();
  const extension = require(bundle);
  const loaded = performance.now();
  const api = await extension.activate(context);
  const groups = api.tree.getChildren();
  const end = performance.now();
  const used = process.cpuUsage(cpu);
  const papers = groups.reduce((n, g) => n + (g.kind === 'day' ? g.group.papers.length : 0), 0);
  process.stdout.write(`${JSON.stringify({ ms: end - start, cpuMs: (used.user + used.system) / 1000, requireMs: loaded - start, activateMs: end - loaded, groups: groups.length, papers, state: api.state().source })}\n`);
  // Timers the extension started (auto-refresh) would keep the process alive.
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
