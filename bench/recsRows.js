// @ts-check
/**
 * Issue 17's rows: what the "For you" model costs. Training on the 10k corpus (≤ 300 ms),
 * scoring a day with a model read from its file (≤ 5 ms), and the longest event-loop block
 * on the window's side while it trains in its worker thread and then scores (≤ 50 ms). The
 * work runs in recsChild.js, fresh processes, over the core's recs modules bundled here.
 */
'use strict';

const path = require('node:path');
const esbuild = require('esbuild');
const { goalRow } = require('./goalRow');

/** What the extension calls to train and to score, and the store the pool is read from. */
const RECS_ENTRY = `
export { trainModel, scorePaper } from './src/core/recs/recModel';
export { encodeModel, decodeModel } from './src/core/recs/modelFile';
export { modelPath } from './src/core/recs/trainJob';
export { workerTrainer } from './src/core/recs/workerTrain';
export { ForYou } from './src/ui/recs/forYou';
export { FeedStore } from './src/core/feed/store';
`;
const TRAIN_GOAL_MS = 300;
const SCORE_GOAL_MS = 5;
const BLOCK_GOAL_MS = 50;
/** About what a reader keeps in the first weeks: what "For you" trains on when it starts to count. */
const POSITIVES = 30;

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * @typedef {{ id: string, measure: string, value: number, unit: string, baseline: number, baselineLabel: string,
 *   ratio: number, goal: string, pass: boolean, info?: boolean, details?: object }} Row
 * @param {{ root: string, work: string, smoke: boolean, storeDir: string, fs: typeof import('node:fs'),
 *   runChild: (args: string[]) => any }} options `storeDir`: a store written with the 10k corpus
 *   (the smoke run's is smaller); copied first, since training writes its model into the store.
 * @returns {Promise<Row[]>}
 */
async function recsRows({ root, work, smoke, storeDir, fs, runChild }) {
  const dir = path.join(work, 'recs-bench');
  const bundle = path.join(dir, 'recs.js');
  const worker = path.join(dir, 'recs-worker.js');
  const common = {
    bundle: true,
    platform: /** @type {const} */ ('node'),
    format: /** @type {const} */ ('cjs'),
    target: 'node20',
    logLevel: /** @type {const} */ ('silent'),
  };
  await esbuild.build({
    ...common,
    stdin: { contents: RECS_ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'bench-recs.ts' },
    outfile: bundle,
  });
  await esbuild.build({ ...common, entryPoints: [path.join(root, 'src/core/recs/trainWorker.ts')], outfile: worker });
  const store = path.join(dir, 'storage');
  fs.cpSync(storeDir, store, { recursive: true });

  const runs = smoke ? 1 : 7;
  const blockRuns = smoke ? 1 : 3;
  const child = (/** @type {string} */ mode) =>
    runChild([
      '--expose-gc',
      path.join(__dirname, 'recsChild.js'),
      bundle,
      worker,
      store,
      mode,
      String(runs),
      String(POSITIVES),
    ]);
  const t = child('time');
  const blocks = Array.from({ length: blockRuns }, () => child('block'));
  const b = {
    runs: blockRuns,
    blockMs: median(blocks.map((x) => x.blockMs)),
    worstBlockMs: Math.max(...blocks.map((x) => x.blockMs)),
    eldMaxMs: median(blocks.map((x) => x.eldMaxMs)),
    gapMaxMs: median(blocks.map((x) => x.gapMaxMs)),
    trainedMs: median(blocks.map((x) => x.trainedMs)),
    sortScoresMs: median(blocks.map((x) => x.sortScoresMs)),
  };
  const papers = t.pool.toLocaleString('en');
  return [
    goalRow({
      id: 'recsTrain',
      measure: `17.1 For you: training on ${papers} papers, ${t.positives} kept (median of ${t.runs}, after a warm-up)`,
      ms: t.trainMs,
      goalMs: TRAIN_GOAL_MS,
      details: t,
    }),
    goalRow({
      id: 'recsScore',
      measure: `17.2 For you: scoring a day (${t.day} papers) with the model read from its file (median of ${t.passes})`,
      ms: t.scoreMs,
      goalMs: SCORE_GOAL_MS,
      details: t,
    }),
    goalRow({
      id: 'recsBlock',
      measure: `17.3 longest event-loop block, the window's side: training ${papers} papers in the worker + loading the model + scoring a day (median of ${b.runs})`,
      ms: b.blockMs,
      goalMs: BLOCK_GOAL_MS,
      details: b,
    }),
  ];
}

/**
 * The lines printed under the table for these rows.
 * @param {Record<string, any>} d the rows' details by id
 */
function recsNotes(d) {
  const t = d.recsTrain;
  const b = d.recsBlock;
  return (
    `For you: training ${t.pool} papers with ${t.positives} kept and ${t.negatives} passed over: median ${t.trainMs.toFixed(0)} ms (CPU time ${t.trainCpuMs.toFixed(0)} ms, GC threads included), max ${t.trainMaxMs.toFixed(0)} ms over ${t.runs} runs, first run of the process ${t.firstMs.toFixed(0)} ms; ` +
    `model file ${(t.modelBytes / 1024 / 1024).toFixed(2)} MiB, read + decoded in ${t.decodeMs.toFixed(1)} ms; scoring ${t.day} papers ${t.scoreMs.toFixed(2)} ms (${(t.perPaperMs * 1000).toFixed(1)} µs a paper; first pass ${t.firstScoreMs.toFixed(2)} ms)\n` +
    `  the window's side (ui/recs/forYou.ts): ${b.trainedMs.toFixed(0)} ms from the check to the model in use (training in the worker, the answer decoded, the day scored in slices), then the sort's ${t.day} scores ${b.sortScoresMs.toFixed(2)} ms (ready); ` +
    `block: monitorEventLoopDelay ${b.eldMaxMs.toFixed(1)} / setInterval gap ${b.gapMaxMs.toFixed(1)} ms (medians), worst run ${b.worstBlockMs.toFixed(1)} ms\n`
  );
}

module.exports = { recsRows, recsNotes };
