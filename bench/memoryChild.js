// @ts-check
/**
 * Heap held by the paper library once it has opened a cache's persisted index (built before,
 * by the bench): argv = <core bundle> <storageDir>. Run with --expose-gc. "Heap" is V8's used
 * heap plus array buffers (the index is read into array buffers, outside the V8 heap). The
 * papers' JSON, the baseline, is measured afterwards from the day files. Prints one JSON line.
 */
'use strict';

const core = require(process.argv[2]);
const storageDir = process.argv[3];

const gc = /** @type {() => void} */ (global.gc);
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

async function main() {
  const store = new core.FeedStore(storageDir);
  gc();
  gc();
  const before = used();
  const library = new core.PaperLibrary(store, ['hf-daily', 'hf-search', 'arxiv'], core.silentLogger);
  await library.whenCurrent();
  gc();
  gc();
  const after = used();
  const count = library.paperCount();
  library.dispose();
  const days = await store.readDays('hf-daily', await store.listDays('hf-daily'));
  const papers = days.days.flatMap((d) => d.papers.map((p) => (p.feedDay ? p : { ...p, feedDay: d.day })));
  const jsonBytes = Buffer.byteLength(JSON.stringify(papers));
  process.stdout.write(`${JSON.stringify({ heapBytes: after - before, jsonBytes, papers: count })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
