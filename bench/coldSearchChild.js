// @ts-check
/**
 * The first search of a fresh process over a cache already on disk (issue 15, goals 1–3):
 * argv = <core bundle> <storageDir> <query> [<expected paper id>]. Run with --expose-gc.
 *
 * Timed, on one clock: requiring the core bundle, then `new FeedStore`, `new PaperLibrary`,
 * `ensureLoaded()` and one `search(query, 50)`, up to the answer. The only thing left out is
 * the pair of garbage collections between the require and the store that fix the memory
 * baseline (they are not work the extension does).
 *
 * While the cache is loaded, indexed and searched, two samplers watch the event loop:
 * `perf_hooks.monitorEventLoopDelay` at its finest resolution (its max), and a plain
 * `setInterval` every 5 ms recording the longest gap between two of its callbacks, less the
 * 5 ms it asked for. They stop only once the process has gone quiet after the answer (two
 * 50 ms windows in a row with under 20 % of a core busy, at most 10 s), so a block that ends
 * with the search, or work the library goes on with after answering (indexing the rest in
 * the background, writing an index), is seen too; how long that took is reported (tailMs).
 * The require is one synchronous block of its own, before the samplers start; it is reported
 * beside them (requireMs).
 *
 * Memory: V8's used heap plus array buffers after two garbage collections, once after the
 * require (the baseline) and once after the first search and the quiet that follows; the row
 * is the difference, what the library holds. Prints one JSON line.
 */
'use strict';

const { performance } = require('node:perf_hooks');
const { watchEventLoop } = require('./eventLoop');

const [bundle, storageDir, query, expected] = process.argv.slice(2);
const SOURCES = ['hf-daily', 'hf-search', 'arxiv'];

const gc = /** @type {() => void} */ (global.gc);
if (typeof gc !== 'function') throw new Error('run with --expose-gc');
const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const QUIET_WINDOW_MS = 50;
const QUIET_SHARE = 0.2;
const QUIET_LIMIT_MS = 10_000;
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the process (all its threads) has been nearly idle for two windows running. */
async function settle() {
  const start = performance.now();
  let quiet = 0;
  while (quiet < 2 && performance.now() - start < QUIET_LIMIT_MS) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await sleep(QUIET_WINDOW_MS);
    const used = process.cpuUsage(cpu);
    const busy = (used.user + used.system) / 1000 / (performance.now() - t);
    quiet = busy < QUIET_SHARE ? quiet + 1 : 0;
  }
  // The quiet windows themselves are not work.
  return Math.max(0, performance.now() - start - 2 * QUIET_WINDOW_MS);
}

async function main() {
  const t0 = performance.now();
  const core = require(bundle);
  const requireMs = performance.now() - t0;
  gc();
  gc();
  const before = memory();

  const stop = watchEventLoop();
  const start = performance.now();
  const store = new core.FeedStore(storageDir);
  const library = new core.PaperLibrary(store, SOURCES, core.silentLogger);
  await library.ensureLoaded();
  const loaded = performance.now();
  const hits = await library.search(query, 50);
  const end = performance.now();
  const tailMs = await settle();
  const { eldMaxMs, gapMaxMs } = stop();

  gc();
  gc();
  const after = memory();
  const papers = library.paperCount();
  library.dispose();
  const m = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({
      ms: requireMs + (end - start),
      requireMs,
      loadMs: loaded - start,
      searchMs: end - loaded,
      tailMs,
      eldMaxMs,
      gapMaxMs,
      blockMs: Math.max(eldMaxMs, gapMaxMs),
      heapBytes: after - before,
      heapUsedAfter: m.heapUsed,
      arrayBuffersAfter: m.arrayBuffers,
      rssAfter: m.rss,
      papers,
      hits: hits.length,
      top1: expected ? hits[0]?.paper.id === expected : undefined,
    })}\n`,
  );
  // Whatever the library still does after answering (writing an index it built, say) may
  // finish; a process kept alive by something else is ended after a while.
  setTimeout(() => process.exit(0), 30_000).unref();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
