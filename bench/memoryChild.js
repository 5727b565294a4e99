// @ts-check
/**
 * Heap held by the paper library after it has loaded a cache: argv = <core bundle> <storageDir>.
 * Run with --expose-gc. "Heap" is V8's used heap plus array buffers (the search index keeps
 * its postings in typed arrays, which live outside the V8 heap). Prints one JSON line.
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
  await library.ensureLoaded();
  gc();
  gc();
  const after = used();
  const papers = library.all();
  const jsonBytes = Buffer.byteLength(JSON.stringify(papers));
  process.stdout.write(
    `${JSON.stringify({ heapBytes: after - before, jsonBytes, papers: papers.length, index: library.size })}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
