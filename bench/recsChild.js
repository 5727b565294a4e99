// @ts-check
/**
 * The "For you" model's costs (issue 17) in a fresh process:
 * argv = <recs bundle> <worker script> <store root> <mode> <runs> <positives>.
 *
 * The pool is the store's cached papers (the bench's generated 10k corpus, written with
 * FeedStore); the kept papers are `positives` of them, evenly spaced, as a reader's saved
 * papers of the last months would be.
 *
 * mode `time`: `trainModel` on the main thread, one warm-up run (reported apart, as
 * `firstMs`) then `runs` runs, median; then the model encoded and written as training
 * writes it, read back and decoded, and `scorePaper` over the newest day's papers: the
 * first pass, then the median of 30.
 * mode `block`: the window's side of "For you" (ui/recs/forYou.ts, as the extension runs it),
 * the event loop watched throughout (the interval sampler and monitorEventLoopDelay,
 * bench/eventLoop.js): the kept model read and checked, training in the worker thread, the
 * answer decoded and the newest day scored before the trees sort by it. A fresh process each
 * time, so the code runs for the first time, as it does in the window.
 * Prints one JSON line.
 */
'use strict';

const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const { watchEventLoop, TICK_MS } = require('./eventLoop');

const [bundle, workerScript, storeRoot, mode, runsArg, positivesArg] = process.argv.slice(2);
const recs = require(bundle);
const RUNS = Math.max(1, Number(runsArg) || 1);
const POSITIVES = Number(positivesArg) || 30;
const SCORE_PASSES = 30;
const MAX_POOL = 10_000;

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** @param {any} p */
const doc = (p) => ({ id: p.id, title: p.title, abstract: p.abstract, aiKeywords: p.aiKeywords });

async function readCache() {
  const store = new recs.FeedStore(storeRoot);
  const days = await store.listDays('hf-daily');
  days.sort((/** @type {string} */ a, /** @type {string} */ b) => (a < b ? 1 : -1));
  /** @type {any[][]} */
  const papers = [];
  let n = 0;
  for (const day of days) {
    if (n >= MAX_POOL) break;
    const { day: cached } = await store.readDay('hf-daily', day);
    papers.push(cached?.papers ?? []);
    n += papers[papers.length - 1].length;
  }
  const pool = papers.flat().slice(0, MAX_POOL);
  const step = Math.max(1, Math.floor(pool.length / POSITIVES));
  const positives = pool
    .filter((_, i) => i % step === 0)
    .slice(0, POSITIVES)
    .map((p) => ({ ...doc(p), kind: 'saved' }));
  return { pool: pool.map(doc), positives, newestDay: papers[0].map(doc) };
}

/** @param {any} model @param {any[]} day */
function scoreDay(model, day) {
  const t = performance.now();
  let sink = 0;
  for (const p of day) sink += recs.scorePaper(model, p);
  if (!Number.isFinite(sink)) throw new Error('a score is not a number');
  return performance.now() - t;
}

async function time() {
  const { pool, positives, newestDay } = await readCache();
  const input = { pool, positives, signature: 'bench', seed: 1 };
  let t = performance.now();
  let model = recs.trainModel(input);
  const firstMs = performance.now() - t;
  const train = [];
  const trainCpu = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    const cpu = process.cpuUsage();
    model = recs.trainModel(input);
    train.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    trainCpu.push((used.user + used.system) / 1000);
  }
  const file = recs.modelPath(storeRoot);
  fs.mkdirSync(require('node:path').dirname(file), { recursive: true });
  fs.writeFileSync(file, recs.encodeModel(model));
  t = performance.now();
  const bytes = fs.readFileSync(file);
  const loaded = recs.decodeModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const decodeMs = performance.now() - t;
  const firstScoreMs = scoreDay(loaded, newestDay);
  const passes = Array.from({ length: SCORE_PASSES }, () => scoreDay(loaded, newestDay));
  const scoreMs = median(passes);
  return {
    pool: pool.length,
    positives: model.positives.length,
    negatives: model.negatives,
    runs: RUNS,
    trainMs: median(train),
    trainMaxMs: Math.max(...train),
    trainCpuMs: median(trainCpu),
    firstMs,
    modelBytes: bytes.byteLength,
    decodeMs,
    day: newestDay.length,
    scoreMs,
    perPaperMs: scoreMs / newestDay.length,
    firstScoreMs,
    passes: SCORE_PASSES,
  };
}

async function block() {
  const { positives, newestDay } = await readCache();
  // The pool read to pick the kept papers is the setup's garbage, not the window's: collected
  // before the watch starts (the child runs with --expose-gc).
  if (typeof global.gc === 'function') global.gc();
  /** @type {string[]} */
  const warnings = [];
  const forYou = new recs.ForYou({
    root: storeRoot,
    signals: async () => positives,
    trainer: recs.workerTrainer(workerScript),
    wanted: () => true,
    changed: () => undefined,
    shown: () => newestDay,
    log: { info: () => undefined, warn: (/** @type {string} */ m) => warnings.push(m), error: () => undefined },
  });
  // A model kept by an earlier run of the same signals would be used as it is: this row is the
  // path that trains. (Reading a kept model and checking it is part of row 17.2's decode.)
  fs.rmSync(recs.modelPath(storeRoot), { force: true });
  const stop = watchEventLoop();
  const t = performance.now();
  // The window's whole path: no kept model, training in the worker, the answer decoded, the
  // shown day scored in slices; then the tree's sort, which finds every score ready.
  await forYou.check();
  const trainedMs = performance.now() - t;
  if (!forYou.trained()) throw new Error(`For you did not train: ${warnings.join('; ')}`);
  const s = performance.now();
  let sink = 0;
  for (const p of newestDay) sink += forYou.score(p);
  if (!Number.isFinite(sink)) throw new Error('a score is not a number');
  const sortScoresMs = performance.now() - s;
  // Let the samplers see the end of the last synchronous stretch.
  await new Promise((resolve) => setTimeout(resolve, 2 * TICK_MS));
  const { eldMaxMs, gapMaxMs } = stop();
  forYou.dispose();
  return {
    trainedMs,
    sortScoresMs,
    eldMaxMs,
    gapMaxMs,
    blockMs: Math.max(eldMaxMs, gapMaxMs),
  };
}

(mode === 'block' ? block() : time()).then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
