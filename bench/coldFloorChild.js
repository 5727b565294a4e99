// @ts-check
/**
 * The floor under row 15.1: what any fresh process answering a query with LitFeed's search
 * pays before it has looked at the cache at all. argv = <core bundle> <day file> <query>.
 *
 * Timed, on one clock: requiring the core bundle, reading and parsing one day file (100
 * papers), indexing them in memory (`new PaperIndex`) and one `search(query, 50)` — the same
 * two stages (word index, fuse.js over the candidates) as the library's search, over 100
 * papers instead of a cache. Code that runs for the first time in a process runs slowly
 * (interpreted, then compiled); this is that cost, with almost no data. Prints one JSON line.
 */
'use strict';

const { performance } = require('node:perf_hooks');
const fs = require('node:fs/promises');

const [bundle, dayFile, query] = process.argv.slice(2);

async function main() {
  const t0 = performance.now();
  const core = require(bundle);
  const required = performance.now();
  const day = JSON.parse(await fs.readFile(dayFile, 'utf8'));
  const index = new core.PaperIndex(day.papers);
  const hits = index.search(query, 50);
  const end = performance.now();
  process.stdout.write(`${JSON.stringify({ ms: end - t0, requireMs: required - t0, hits: hits.length })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
