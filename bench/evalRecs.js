#!/usr/bin/env node
// @ts-check
/**
 * `npm run eval:recs`: an offline evaluation of the "For you" order (issue 17), against the
 * upvote order and a random order measured in the same run. Not part of `npm test`: it
 * reports how well the model ranks, which no threshold in a unit test should decide.
 *
 *   node bench/evalRecs.js [--json] [--smoke] [--users N] [--topic-share P] [--atom DIR]
 *
 * Generated corpus (always): bench/corpus.js with topics. Simulated readers, each interested
 * in two or three topics, keep some of their topics' papers of the older days; the model
 * trained on those (the older days' other papers are the ones shown and not kept) ranks each
 * of the newest days, where every paper of the reader's topics is relevant.
 * --atom DIR: real papers too, every *.xml / *.atom under DIR read with the extension's arXiv
 * parser, each paper's primary category standing for a reader's interest.
 * --topic-share P: how much of a generated paper's vocabulary its topic gives (default 0.5;
 * lower is harder: at 0 a topic is a label the words do not show).
 * --smoke: a tiny corpus and few readers, for the unit suite (checks the evaluation runs and
 * that the model ranks at all; the figures mean little at that size).
 *
 * See docs/recommendations.md, "Evaluation", for the protocol and the figures.
 */
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const esbuild = require('esbuild');
const { generateFeed, rng, TOPICS } = require('./corpus');

const root = path.resolve(__dirname, '..');
const K = 10;
/** The goal of issue 17: For you's precision@10 at least this many times the upvote order's. */
const GOAL_RATIO = 3;
/** A category of the Atom files is evaluated when it has at least this many papers. */
const MIN_CATEGORY = 10;
/** Random splits per category of the Atom files (few papers: one split would be luck). */
const ATOM_SPLITS = 10;

/** Only what the evaluation calls: the model, and the two parsers the extension reads feeds with. */
const ENTRY = `
export { trainModel, scorePaper, MIN_POSITIVES } from './src/core/recs/recModel';
export { parseDailyPapers } from './src/core/sources/huggingfaceParse';
export { parseArxivFeed } from './src/core/sources/arxivParse';
`;

/**
 * Sizes of the generated corpus: days of 100 papers, the newest `testDays` ranked (a week of
 * the feed's working days), the `trainDays` before them shown to the reader.
 * @param {boolean} smoke
 */
const sizes = (smoke) =>
  smoke
    ? { users: 4, perDay: 40, trainDays: 8, testDays: 2, positives: [12, 20], topicShare: 0.5 }
    : { users: 20, perDay: 100, trainDays: 30, testDays: 5, positives: [20, 40], topicShare: 0.5 };

/** Builds the core's bundle into `dir`, with the XML parser beside it where the parser looks for it. */
async function buildCore(/** @type {string} */ dir) {
  const common = {
    bundle: true,
    platform: /** @type {const} */ ('node'),
    format: /** @type {const} */ ('cjs'),
    target: 'node20',
    logLevel: /** @type {const} */ ('silent'),
  };
  const bundle = path.join(dir, 'recs-eval.js');
  await esbuild.build({
    ...common,
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'bench-recs-eval.ts' },
    outfile: bundle,
  });
  await esbuild.build({ ...common, entryPoints: ['fast-xml-parser'], outfile: path.join(dir, 'xml-parser.js') });
  return require(bundle);
}

// --- metrics ------------------------------------------------------------------------------

/** Relevant papers among the first K. @param {string[]} ranked @param {Set<string>} relevant */
function precisionAtK(ranked, relevant) {
  let hits = 0;
  for (const id of ranked.slice(0, K)) if (relevant.has(id)) hits++;
  return hits / K;
}

/**
 * nDCG@K with binary gains: the discounted hits over those of the best order (every relevant
 * paper first). A list without relevant papers says nothing and is left out by the caller.
 * @param {string[]} ranked @param {Set<string>} relevant
 */
function ndcgAtK(ranked, relevant) {
  let dcg = 0;
  ranked.slice(0, K).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(K, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal > 0 ? dcg / ideal : 0;
}

/** @template T @param {T[]} list @param {() => number} next @returns {T[]} a shuffled copy */
function shuffled(list, next) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** @param {number[]} xs */
const mean = (xs) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * The three orders of one list, scored. `baseline` sorts by upvotes (or date), ties kept in
 * the list's order, as the feed's sort does.
 * @param {any} core @param {any} model @param {any[]} papers
 * @param {Set<string>} relevant @param {(a: any, b: any) => number} baseline @param {() => number} next
 */
function rankAll(core, model, papers, relevant, baseline, next) {
  const scores = new Map(papers.map((p) => [p.id, core.scorePaper(model, p)]));
  const ids = {
    forYou: [...papers].sort(
      (a, b) => /** @type {number} */ (scores.get(b.id)) - /** @type {number} */ (scores.get(a.id)),
    ),
    baseline: [...papers].sort(baseline),
    random: shuffled(papers, next),
  };
  /** @type {Record<string, { p: number, ndcg: number }>} */
  const out = {};
  for (const [order, list] of Object.entries(ids)) {
    const ranked = list.map((p) => p.id);
    out[order] = { p: precisionAtK(ranked, relevant), ndcg: ndcgAtK(ranked, relevant) };
  }
  return out;
}

/**
 * Averages the lists' figures per order, with each order's ratio to the baseline's precision@10.
 * @param {Record<string, { p: number, ndcg: number }>[]} lists @param {Record<string, string>} labels
 */
function summarise(lists, labels) {
  const rows = Object.entries(labels).map(([key, order]) => ({
    order,
    key,
    precision: mean(lists.map((l) => l[key].p)),
    ndcg: mean(lists.map((l) => l[key].ndcg)),
    ratio: 0,
  }));
  const base = rows.find((r) => r.key === 'baseline')?.precision ?? NaN;
  for (const r of rows) r.ratio = r.precision / base;
  return rows;
}

// --- the generated corpus -----------------------------------------------------------------

/** @param {any} core @param {ReturnType<typeof sizes>} s */
function evaluateGenerated(core, s) {
  const feed = generateFeed({
    seed: 17,
    days: s.testDays + s.trainDays,
    perDay: s.perDay,
    today: '2026-03-13',
    topics: true,
    topicShare: s.topicShare,
  });
  /** @type {Map<string, string>} */
  const topicOf = new Map();
  const days = feed.days.map(({ items }) => {
    for (const item of items) topicOf.set(item.paper.id, item.topic);
    return core.parseDailyPapers(items).papers;
  });
  const testDays = days.slice(0, s.testDays);
  const older = days.slice(s.testDays).flat();
  const byTopic = (/** @type {Set<string>} */ topics) => older.filter((p) => topics.has(String(topicOf.get(p.id))));

  /** @type {Record<string, { p: number, ndcg: number }>[]} */
  const lists = [];
  const trainMs = [];
  const relevantShare = [];
  for (let u = 0; u < s.users; u++) {
    const r = rng(1000 + u);
    const topics = new Set(
      shuffled(
        TOPICS.map((t) => t.name),
        r.next,
      ).slice(0, r.between(2, 3)),
    );
    const kept = shuffled(byTopic(topics), r.next).slice(0, r.between(s.positives[0], s.positives[1]));
    const t = performance.now();
    const model = core.trainModel({
      pool: older,
      positives: kept.map((p) => ({ ...p, kind: 'saved' })),
      signature: `user-${u}`,
      seed: u + 1,
    });
    trainMs.push(performance.now() - t);
    for (const day of testDays) {
      const relevant = new Set(day.filter((p) => topics.has(String(topicOf.get(p.id)))).map((p) => p.id));
      if (relevant.size === 0) continue;
      relevantShare.push(relevant.size / day.length);
      lists.push(rankAll(core, model, day, relevant, (a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0), r.next));
    }
  }
  const rows = summarise(lists, { forYou: 'For you', baseline: 'upvotes', random: 'random' });
  const forYou = rows[0];
  return {
    corpus: {
      topics: TOPICS.length,
      users: s.users,
      trainPapers: older.length,
      testDays: testDays.length,
      perDay: s.perDay,
      topicShare: s.topicShare,
      lists: lists.length,
      relevantShare: mean(relevantShare),
    },
    rows,
    goal: { ratio: GOAL_RATIO, measured: forYou.ratio, pass: forYou.ratio >= GOAL_RATIO },
    trainMs: { median: median(trainMs), max: Math.max(...trainMs), pool: older.length },
  };
}

// --- real papers from arXiv Atom files ----------------------------------------------------

/** @param {string} dir @returns {string[]} */
function atomFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(xml|atom)$/i.test(e.name))
    .map((e) => path.join(e.parentPath ?? dir, e.name))
    .sort();
}

/** @param {any} core @param {string} dir */
function evaluateAtom(core, dir) {
  /** @type {Map<string, any>} */
  const papers = new Map();
  const files = atomFiles(dir);
  /** @type {string[]} */
  const unread = [];
  for (const file of files) {
    try {
      for (const p of core.parseArxivFeed(fs.readFileSync(file, 'utf8')).papers) papers.set(p.id, p);
    } catch (err) {
      // arXiv's error feed (a refused query) is an Atom file too; it holds no papers.
      unread.push(`${path.basename(file)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const all = [...papers.values()].filter((p) => p.categories?.length);
  /** @type {Map<string, any[]>} */
  const byCategory = new Map();
  for (const p of all) byCategory.set(p.categories[0], [...(byCategory.get(p.categories[0]) ?? []), p]);
  const categories = [...byCategory.entries()]
    .filter(([, ps]) => ps.length >= Math.max(MIN_CATEGORY, 2 * core.MIN_POSITIVES))
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));

  // arXiv has no upvotes: the baseline is the date order, newest first, as the arXiv view sorts.
  const byDate = (/** @type {any} */ a, /** @type {any} */ b) => (b.published ?? '').localeCompare(a.published ?? '');
  /** @type {Record<string, { p: number, ndcg: number }>[]} */
  const lists = [];
  const perCategory = [];
  for (const [category, members] of categories) {
    const others = all.filter((p) => p.categories[0] !== category);
    const catLists = [];
    for (let split = 0; split < ATOM_SPLITS; split++) {
      const r = rng(5000 + split);
      // Half the category kept, half held out to be found; the other categories split alike,
      // so no paper is both a negative in training and a paper ranked.
      const cat = shuffled(members, r.next);
      const kept = cat.slice(0, cat.length >> 1);
      const heldOut = cat.slice(cat.length >> 1);
      const rest = shuffled(others, r.next);
      const shown = rest.slice(0, rest.length >> 1);
      const ranked = [...heldOut, ...rest.slice(rest.length >> 1)];
      const model = core.trainModel({
        pool: [...kept, ...shown],
        positives: kept.map((p) => ({ ...p, kind: 'saved' })),
        signature: `${category}-${split}`,
        seed: split + 1,
      });
      const relevant = new Set(heldOut.map((p) => p.id));
      const scored = rankAll(core, model, ranked, relevant, byDate, r.next);
      catLists.push(scored);
      lists.push(scored);
    }
    perCategory.push({
      category,
      papers: members.length,
      ranked: members.length - (members.length >> 1) + (others.length - (others.length >> 1)),
      rows: summarise(catLists, { forYou: 'For you', baseline: 'date', random: 'random' }),
    });
  }
  return {
    corpus: {
      dir,
      files: files.length,
      papers: all.length,
      unread,
      categories: categories.map(([c, ps]) => `${c} (${ps.length})`),
      splits: ATOM_SPLITS,
    },
    rows: lists.length > 0 ? summarise(lists, { forYou: 'For you', baseline: 'date', random: 'random' }) : [],
    perCategory,
  };
}

// --- output -------------------------------------------------------------------------------

/** @param {{ order: string, precision: number, ndcg: number, ratio: number }[]} rows @param {string} base */
function table(rows, base) {
  const head = ['order', `precision@${K}`, `nDCG@${K}`, `ratio to ${base} (precision)`];
  const body = rows.map((r) => [r.order, r.precision.toFixed(3), r.ndcg.toFixed(3), `${r.ratio.toFixed(2)}×`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (/** @type {string[]} */ cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' │ ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...body.map(line)].join('\n');
}

/** @param {any} result */
function report(result) {
  const g = result.generated;
  const c = g.corpus;
  let out =
    `"For you" evaluation${result.smoke ? ' (smoke run)' : ''}\n\n` +
    `Generated corpus: ${c.topics} topics (a paper's methods, tasks and domains ${Math.round(100 * c.topicShare)} % from its topic), ${c.users} readers of 2–3 topics each, trained on ${c.trainPapers} papers of ` +
    `the older days, ranking ${c.testDays} newest days of ${c.perDay} papers (${c.lists} reader-days; ` +
    `${(100 * c.relevantShare).toFixed(1)} % of a day relevant on average)\n\n` +
    `${table(g.rows, 'upvotes')}\n\n` +
    `goal: For you precision@${K} ≥ ${g.goal.ratio}× the upvote order's — measured ${g.goal.measured.toFixed(2)}× — ` +
    `${g.goal.pass ? 'PASS' : 'FAIL'}\n` +
    `training: median ${g.trainMs.median.toFixed(0)} ms, max ${g.trainMs.max.toFixed(0)} ms per reader ` +
    `(pool of ${g.trainMs.pool} papers)\n`;
  const a = result.atom;
  if (a) {
    out +=
      `\narXiv Atom files: ${a.corpus.papers} distinct papers from ${a.corpus.files} files under ${a.corpus.dir}` +
      `${a.corpus.unread.length ? ` (${a.corpus.unread.length} without papers: ${a.corpus.unread.join('; ')})` : ''}\n` +
      `categories with ≥ ${MIN_CATEGORY} papers: ${a.corpus.categories.join(', ') || 'none'}; ` +
      `${a.corpus.splits} random splits each (half the category kept, half held out to find)\n` +
      `baseline: date order, newest first (arXiv has no upvotes)\n\n`;
    out += a.rows.length > 0 ? `${table(a.rows, 'date')}\n\n` : 'no category has enough papers to evaluate\n';
    for (const pc of a.perCategory) {
      const [f, b, r] = pc.rows;
      out += `  ${pc.category}: ${pc.papers} papers, ${pc.ranked} ranked per split — precision@${K} For you ${f.precision.toFixed(2)}, date ${b.precision.toFixed(2)}, random ${r.precision.toFixed(2)}; nDCG@${K} ${f.ndcg.toFixed(2)} / ${b.ndcg.toFixed(2)} / ${r.ndcg.toFixed(2)}\n`;
    }
  }
  return out;
}

async function main() {
  const argv = process.argv.slice(2);
  const smoke = argv.includes('--smoke');
  const asJson = argv.includes('--json');
  const atomArg = argv.indexOf('--atom');
  const atomDir = atomArg >= 0 ? argv[atomArg + 1] : undefined;
  if (atomArg >= 0 && !atomDir) throw new Error('--atom needs a directory');
  const usersArg = argv.indexOf('--users');
  const s = sizes(smoke);
  if (usersArg >= 0) s.users = Math.max(1, Number(argv[usersArg + 1]) || 1);
  const shareArg = argv.indexOf('--topic-share');
  if (shareArg >= 0) s.topicShare = Math.min(1, Math.max(0, Number(argv[shareArg + 1]) || 0));

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'litfeed-eval-recs-'));
  try {
    const core = await buildCore(work);
    const generated = evaluateGenerated(core, s);
    const atom = atomDir ? evaluateAtom(core, path.resolve(atomDir)) : undefined;
    const result = { date: new Date().toISOString(), smoke, k: K, generated, ...(atom ? { atom } : {}) };
    process.stdout.write(asJson ? `${JSON.stringify(result, null, 2)}\n` : report(result));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// A missed goal is a figure to report, not a failure of the script: only a crash exits non-zero.
main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});
