#!/usr/bin/env node
// @ts-check
/**
 * `npm run bench`: the six costs of issue 8, each as a ratio to a floor or baseline measured
 * in the same run (shared machines are noisy; absolute times are not comparable between runs).
 *
 *   node bench/run.js [--json] [--smoke] [--runs N] [--no-build]
 *
 * --json   one JSON document on stdout instead of the table
 * --smoke  tiny corpora and few repetitions, for the unit suite: checks the bench runs, not
 *          the goals (pass/fail is still computed, but means nothing at that size)
 * --runs   child-process repetitions for activation and its floor (default 9; medians)
 * --no-build  measure dist/extension.js as it is instead of building it first
 *
 * See docs/performance.md for the method.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const esbuild = require('esbuild');
const Fuse = require('fuse.js');
const { generateFeed, makeQueries } = require('./corpus');

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const asJson = argv.includes('--json');
const smoke = argv.includes('--smoke');
const noBuild = argv.includes('--no-build');
const runsArg = argv.indexOf('--runs');
const runs = runsArg >= 0 ? Math.max(1, Number(argv[runsArg + 1]) || 1) : smoke ? 1 : 9;

/** Corpus sizes: papers per day × days. The 10k corpus is the first 10k papers of the 100k. */
const SIZES = smoke ? { perDay: 10, small: 2, mid: 5, large: 12 } : { perDay: 100, small: 10, mid: 100, large: 1000 };
/** Queries timed against the naive baseline (it rebuilds a 100k-record Fuse per query). */
const NAIVE_QUERIES = smoke ? 3 : 20;
/** Records the naive baseline runs over, and misspelled titles it answers for the quality row. */
const NAIVE_SLICE = smoke ? 60 : 500;
const NAIVE_QUALITY = smoke ? 3 : 20;
const KIB = 1024;
const FRAME_MS = 16;
const BUNDLE_LIMIT = 200 * KIB;

const t0 = performance.now();
const log = (/** @type {string} */ s) => {
  if (!asJson) process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${s}\n`);
};

/** @param {number[]} xs @param {number} q */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** @param {string[]} args @returns {any} */
function runChild(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`child ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line);
}

/** @param {string} file @param {number} n */
const isoDay = (file, n) => new Date(Date.parse(`${file}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The days of the current ISO week up to today: what the feed view shows first (range "week"). */
function currentWeekDays(today) {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return Array.from({ length: weekday + 1 }, (_, i) => isoDay(today, i - weekday));
}

async function main() {
  const started = performance.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'litfeed-bench-'));
  try {
    return await measure(work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    log(`(bench took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

/** @param {string} work */
async function measure(work) {
  // --- builds ---------------------------------------------------------------------------
  let bundle = path.join(root, 'dist', 'extension.js');
  if (smoke) {
    bundle = path.join(work, 'dist', 'extension.js');
    await esbuild.build({
      entryPoints: [path.join(root, 'src/extension.ts')],
      outfile: bundle,
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode'],
      logLevel: 'silent',
    });
  } else if (!noBuild) {
    log('building dist/ (node esbuild.js --production) …');
    const b = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: root, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stdout}${b.stderr}`);
  }
  const coreBundle = path.join(work, 'core.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'src/core/index.ts')],
    outfile: coreBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  const core = require(coreBundle);

  // --- corpora --------------------------------------------------------------------------
  const today = core.todayIso();
  log(`generating ${SIZES.perDay * SIZES.large} papers …`);
  const feed = generateFeed({ days: SIZES.large, perDay: SIZES.perDay, today });
  /** @type {{ day: string, papers: any[] }[]} */
  const parsedDays = feed.days.map(({ day, items }) => ({ day, papers: core.parseDailyPapers(items).papers }));
  const allPapers = parsedDays.flatMap((d) => d.papers);
  const corpus = (/** @type {number} */ days) => allPapers.slice(0, days * SIZES.perDay);

  /** Writes the newest `days` days with FeedStore, in the layout the extension reads. */
  const writeCache = async (/** @type {string} */ dir, /** @type {number} */ days) => {
    const store = new core.FeedStore(dir);
    const fetchedAt = new Date().toISOString();
    for (const d of parsedDays.slice(0, days))
      await store.writeDay({ source: 'hf-daily', day: d.day, fetchedAt, papers: d.papers });
    return store;
  };
  log('writing the caches …');
  const dir10k = path.join(work, 'storage-10k');
  const dir100k = path.join(work, 'storage-100k');
  const store10k = await writeCache(dir10k, SIZES.mid);
  const store100k = await writeCache(dir100k, SIZES.large);
  const allQueries = makeQueries(corpus(SIZES.mid));
  // The smoke run keeps every tenth query: all kinds, a tenth of the time.
  const queries = smoke ? allQueries.filter((_, i) => i % 10 === 0) : allQueries;

  /** @type {Row[]} */
  const rows = [];

  // --- 1. activation --------------------------------------------------------------------
  log(`1. activation (${runs} runs each) …`);
  const weekFiles = currentWeekDays(today)
    .map((d) => store10k.dayFile('hf-daily', d))
    .filter((f) => fs.existsSync(f));
  const act = [];
  const floor = [];
  const floorCpu = [];
  const floorAsync = [];
  /** @type {any} */
  let lastAct;
  for (let i = 0; i < runs + 1; i++) {
    // Alternating, so drift in machine load hits both alike; the first pair warms the disk cache.
    const a = runChild([path.join(__dirname, 'activationChild.js'), bundle, dir10k, root]);
    const f = runChild([path.join(__dirname, 'floorChild.js'), ...weekFiles]);
    const fa = runChild([path.join(__dirname, 'floorChild.js'), '--async', ...weekFiles]);
    if (a.papers !== f.papers || fa.papers !== f.papers)
      throw new Error(`activation showed ${a.papers} papers, the floors read ${f.papers} and ${fa.papers}`);
    if (i === 0) continue;
    act.push(a);
    floor.push(f.ms);
    floorAsync.push(fa.ms);
    floorCpu.push(f.cpuMs);
    lastAct = a;
  }
  const actMs = median(act.map((a) => a.ms));
  const floorMs = median(floor);
  rows.push(
    row({
      id: 'activation',
      measure: `1. activation, ${SIZES.perDay * SIZES.mid} cached papers → first tree children`,
      value: actMs,
      unit: 'ms',
      baseline: floorMs,
      baselineLabel: `read+parse ${weekFiles.length} day files`,
      ratio: actMs / floorMs,
      goal: '≤ 1.3×',
      pass: actMs / floorMs <= 1.3,
      details: {
        runs,
        requireMs: median(act.map((a) => a.requireMs)),
        activateMs: median(act.map((a) => a.activateMs)),
        cpuMs: median(act.map((a) => a.cpuMs)),
        floorCpuMs: median(floorCpu),
        floorAsyncMs: median(floorAsync),
        treeItemsMs: median(act.map((a) => a.itemsMs)),
        dayGroups: lastAct.groups,
        papersShown: lastAct.papers,
        files: weekFiles.length,
      },
    }),
  );

  // --- 2. search per keystroke at 10k ---------------------------------------------------
  log('2. search per keystroke …');
  /** @param {any} library */
  const timeQueries = (library, list = queries) => {
    for (const { q } of list) library.search(q, 50);
    return list.map(({ q }) => {
      const t = performance.now();
      library.search(q, 50);
      return performance.now() - t;
    });
  };
  /** @param {any} store */
  const loadLibrary = async (store) => {
    const library = new core.PaperLibrary(store, ['hf-daily', 'hf-search', 'arxiv'], core.silentLogger);
    await library.ensureLoaded();
    return library;
  };
  const lib10k = await loadLibrary(store10k);
  const t10k = timeQueries(lib10k);
  const p95 = quantile(t10k, 0.95);
  const lib1k = new core.PaperLibrary(store10k, [], core.silentLogger);
  lib1k.add(corpus(SIZES.small));
  const t1k = timeQueries(lib1k);
  rows.push(
    row({
      id: 'search10k',
      measure: `2. search per keystroke, ${lib10k.size} papers, ${queries.length} queries (p95)`,
      value: p95,
      unit: 'ms',
      baseline: FRAME_MS,
      baselineLabel: 'one frame',
      ratio: p95 / FRAME_MS,
      goal: `p95 ≤ ${FRAME_MS} ms`,
      pass: p95 <= FRAME_MS,
      details: {
        p50: quantile(t10k, 0.5),
        p95,
        max: Math.max(...t10k),
        queries: queries.length,
        at1k: { papers: lib1k.size, p50: quantile(t1k, 0.5), p95: quantile(t1k, 0.95) },
      },
    }),
  );

  // --- 3. search at 100k vs naive fuse.js -----------------------------------------------
  log('3. search at 100k against naive fuse.js …');
  const lib100k = await loadLibrary(store100k);
  const t100k = timeQueries(lib100k);
  const subset = Array.from(
    { length: NAIVE_QUERIES },
    (_, i) => queries[Math.floor((i * queries.length) / NAIVE_QUERIES)],
  );
  const oursSubset = timeQueries(lib100k, subset);
  // The naive baseline scores every record with bitap for every query: tens of seconds per
  // query at 10k papers, minutes at 100k. It runs on a slice (the misspelled queries' papers
  // plus the newest others) and its time is scaled to the full size, since both its index
  // build and its scan are linear in the records; the scaling is checked on half the slice.
  const misspelled = queries.filter((q) => q.target);
  const records = lib100k.all();
  const byId = new Map(records.map((p) => [p.id, p]));
  const qualitySet = misspelled.slice(0, NAIVE_QUALITY);
  const sliceIds = new Set(qualitySet.map((q) => q.target));
  for (const p of records) {
    if (sliceIds.size >= NAIVE_SLICE) break;
    sliceIds.add(p.id);
  }
  const slice = [...sliceIds].map((id) => byId.get(id));
  const NAIVE_KEYS = ['title', 'authors', 'aiKeywords', 'abstract'];
  const naiveTime = (/** @type {any[]} */ recs, /** @type {string} */ q) => {
    const t = performance.now();
    new Fuse(recs, { keys: NAIVE_KEYS }).search(q);
    return performance.now() - t;
  };
  const naiveSlice = subset.map(({ q }) => naiveTime(slice, q));
  const naiveHalf = subset.slice(0, 4).map(({ q }) => naiveTime(slice.slice(0, slice.length >> 1), q));
  const linearity = median(naiveSlice.slice(0, 4)) / median(naiveHalf);
  const scale = records.length / slice.length;
  const oursMed = median(oursSubset);
  const naiveMed = median(naiveSlice) * scale;
  rows.push(
    row({
      id: 'search100k',
      measure: `3. search, ${lib100k.size} papers, ${subset.length} queries (median) vs naive fuse.js`,
      value: oursMed,
      unit: 'ms',
      baseline: naiveMed,
      baselineLabel: `new Fuse + search; ${slice.length} records × ${scale.toFixed(0)}`,
      ratio: naiveMed / oursMed,
      goal: '≥ 10× faster',
      pass: naiveMed / oursMed >= 10,
      details: {
        oursAll200: { p50: quantile(t100k, 0.5), p95: quantile(t100k, 0.95) },
        naiveQueries: subset.length,
        naiveSliceRecords: slice.length,
        naiveSliceMedian: median(naiveSlice),
        scale,
        linearityDoubling: linearity,
      },
    }),
  );
  // Top-1: ours over all 100k papers, the baseline over the slice only (fewer near-misses to
  // beat, so the comparison favours the baseline). Building the Fuse index per query changes
  // the time, not the answer, so its answers come from one index over the slice.
  const naiveFuse = new Fuse(slice, { keys: NAIVE_KEYS });
  const naiveTop1 = qualitySet.filter(
    ({ q, target }) => naiveFuse.search(q, { limit: 1 })[0]?.item.id === target,
  ).length;
  const oursTop1 = misspelled.filter(({ q, target }) => lib100k.search(q, 50)[0]?.paper.id === target).length;
  const oursQuality = (100 * oursTop1) / misspelled.length;
  const naiveQuality = (100 * naiveTop1) / qualitySet.length;
  rows.push(
    row({
      id: 'quality100k',
      measure: `3. top-1 on misspelled titles (ours: ${misspelled.length} over ${lib100k.size} papers)`,
      value: oursQuality,
      unit: '%',
      baseline: naiveQuality,
      baselineLabel: `naive fuse.js: ${qualitySet.length} over ${slice.length}`,
      // Percentage points apart would read better, but the column holds ratios; 0 % is floored at 1 %.
      ratio: oursQuality / Math.max(1, naiveQuality),
      goal: '≥ naive',
      pass: oursQuality >= naiveQuality,
      details: {
        ours: oursTop1,
        oursOf: misspelled.length,
        naive: naiveTop1,
        naiveOf: qualitySet.length,
        naiveRecords: slice.length,
      },
    }),
  );

  // --- 4. parsing one day's feed --------------------------------------------------------
  log("4. parsing one day's feed …");
  const payload = JSON.stringify(feed.days[0].items);
  const payloadFile = path.join(work, 'daily-papers.json');
  fs.writeFileSync(payloadFile, payload);
  const parsed = runChild([path.join(__dirname, 'parseChild.js'), coreBundle, payloadFile, String(smoke ? 5 : 60)]);
  const parseMs = parsed.parseMs;
  const jsonMs = parsed.jsonMs;
  rows.push(
    row({
      id: 'parse',
      measure: `4. parse one day (${feed.days[0].items.length} papers, ${(payload.length / KIB).toFixed(0)} KiB)`,
      value: parseMs,
      unit: 'ms',
      baseline: jsonMs,
      baselineLabel: 'JSON.parse alone',
      ratio: parseMs / jsonMs,
      goal: '≤ 2×',
      pass: parseMs / jsonMs <= 2,
      details: parsed,
    }),
  );

  // --- 5. memory ------------------------------------------------------------------------
  log('5. memory …');
  const mem = runChild(['--expose-gc', path.join(__dirname, 'memoryChild.js'), coreBundle, dir100k]);
  rows.push(
    row({
      id: 'memory',
      measure: `5. heap after loading ${mem.papers} papers into the library`,
      value: mem.heapBytes / KIB / KIB,
      unit: 'MiB',
      baseline: mem.jsonBytes / KIB / KIB,
      baselineLabel: 'their JSON',
      ratio: mem.heapBytes / mem.jsonBytes,
      goal: '≤ 2×',
      pass: mem.heapBytes / mem.jsonBytes <= 2,
      details: mem,
    }),
  );

  // --- 6. bundle size -------------------------------------------------------------------
  const size = fs.statSync(bundle).size;
  rows.push(
    row({
      id: 'bundle',
      measure: `6. ${smoke ? 'extension bundle (smoke build)' : 'dist/extension.js'}, minified`,
      value: size / KIB,
      unit: 'KiB',
      baseline: BUNDLE_LIMIT / KIB,
      baselineLabel: 'limit',
      ratio: size / BUNDLE_LIMIT,
      goal: '≤ 200 KiB',
      pass: size <= BUNDLE_LIMIT,
      details: { bytes: size },
    }),
  );

  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / KIB ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  return {
    date: new Date().toISOString(),
    smoke,
    machine,
    corpus: { papers: allPapers.length, queries: queries.length },
    rows,
  };
}

/**
 * @typedef {{ id: string, measure: string, value: number, unit: string, baseline: number, baselineLabel: string,
 *   ratio: number, goal: string, pass: boolean, details?: object }} Row
 * @param {Row} r @returns {Row}
 */
function row(r) {
  return r;
}

/** @param {number} v @param {string} unit */
function fmt(v, unit) {
  if (!Number.isFinite(v)) return String(v);
  const digits = unit === '%' || v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`;
}

/** @param {{ rows: Row[], machine: object }} result */
function table(result) {
  const head = ['measure', 'value', 'floor / baseline', 'ratio', 'goal', 'result'];
  const body = result.rows.map((r) => [
    r.measure,
    fmt(r.value, r.unit),
    `${fmt(r.baseline, r.unit)} (${r.baselineLabel})`,
    `${r.ratio.toFixed(2)}×`,
    r.goal,
    r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (/** @type {string[]} */ cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' │ ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...body.map(line)].join('\n');
}

main()
  .then((result) => {
    if (asJson) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      const m = result.machine;
      process.stdout.write(
        `LitFeed bench — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}${result.smoke ? ' (smoke run)' : ''}\n\n`,
      );
      process.stdout.write(`${table(result)}\n`);
      const d = Object.fromEntries(result.rows.map((r) => [r.id, /** @type {any} */ (r.details)]));
      process.stdout.write(
        `\nactivation: require ${d.activation.requireMs.toFixed(1)} ms + activate ${d.activation.activateMs.toFixed(1)} ms; CPU time ${d.activation.cpuMs.toFixed(1)} ms vs ${d.activation.floorCpuMs.toFixed(1)} ms for the floor; ${d.activation.dayGroups} day groups, ${d.activation.papersShown} papers; then their tree items ${d.activation.treeItemsMs.toFixed(1)} ms (not in the ratio)\n` +
          `floor read asynchronously (fs/promises, all files at once): ${d.activation.floorAsyncMs.toFixed(1)} ms (${(d.activation.floorAsyncMs / result.rows[0].baseline).toFixed(2)}× the floor)\n` +
          `search p50: ${d.search10k.p50.toFixed(2)} ms at ${result.corpus.papers >= 100000 ? '10k' : 'mid size'}, ${d.search10k.at1k.p50.toFixed(2)} ms (p95 ${d.search10k.at1k.p95.toFixed(2)}) at ${d.search10k.at1k.papers} papers, ` +
          `${d.search100k.oursAll200.p50.toFixed(2)} ms (p95 ${d.search100k.oursAll200.p95.toFixed(2)}) at the largest size over all ${result.corpus.queries} queries\n`,
      );
    }
    if (!smoke && result.rows.some((r) => !r.pass)) process.exitCode = 1;
  })
  .catch((err) => {
    console.error(err);
    process.exitCode = 2;
  });
