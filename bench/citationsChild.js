// @ts-check
/**
 * The live bibliography's costs (issue 14) in a fresh process: argv = <refs bundle> <entries>
 * <citations> <document bytes> <edits> <bib reads>. The bundle exports the core functions the
 * editor features call (see `refsEntry` in run.js); it has the .bib reader's own bundle beside
 * it, as the extension's does. The .bib and both documents come from bibCorpus.js (seeded).
 *
 * Reading the .bib: `indexBib` as the extension calls it, timed whole, while three things
 * watch the event loop: `perf_hooks.monitorEventLoopDelay` at its finest resolution (its
 * max), a `setInterval` every 5 ms (the longest gap between two callbacks, less the 5 ms),
 * and the reader's own pauses (`indexBib`'s `pause` option, still a `setImmediate` as by
 * default), which give the longest synchronous slice exactly, in wall-clock time and in the
 * process's CPU time (on a loaded machine the first includes time the process was not
 * running). The first read of the process also loads the reader; it is reported apart.
 *
 * An edit: the document's text changes (a word typed at a place in its prose, a different
 * place each time, so no scan is reused), then the work the extension does for it with the
 * .bib already indexed: `scanCitations` over the whole text; for each cited key its range in
 * lines and characters and `find` (exact key, then ignoring case); a diagnostic for each
 * missing, case-differing or broken entry; then one hover: `keyAt`, `find`, `entrySummary`,
 * `authorYear` and the abstract's preview. Prints one JSON line.
 */
'use strict';

const { performance } = require('node:perf_hooks');
const { watchEventLoop, TICK_MS } = require('./eventLoop');
const { generateBib, generateDocument } = require('./bibCorpus');

const [bundle, entriesArg, citationsArg, bytesArg, editsArg, readsArg] = process.argv.slice(2);
const refs = require(bundle);
const ENTRIES = Number(entriesArg);
const CITATIONS = Number(citationsArg);
const BYTES = Number(bytesArg);
const EDITS = Number(editsArg);
const READS = Number(readsArg);
const WARMUP = Math.min(5, EDITS);
/** As the hover shows it (src/ui/refs/citeHover.ts). */
const ABSTRACT_PREVIEW = 320;
const TYPED = [' quickly', ' (see below)', ' again', 'x', ' — and'];

/** CPU time of the whole process (GC threads included) from a `process.cpuUsage()` delta. */
const cpuMs = (/** @type {NodeJS.CpuUsage} */ used) => (used.user + used.system) / 1000;
const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** @param {number[]} xs @param {number} q */
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

/** One `indexBib`, timed, with the event loop watched three ways. */
async function readBib(/** @type {string} */ text) {
  const stopWatching = watchEventLoop();
  let sliceStart = performance.now();
  let sliceCpu = process.cpuUsage();
  let sliceMaxMs = 0;
  let sliceCpuMaxMs = 0;
  let slices = 1;
  const endSlice = () => {
    sliceMaxMs = Math.max(sliceMaxMs, performance.now() - sliceStart);
    sliceCpuMaxMs = Math.max(sliceCpuMaxMs, cpuMs(process.cpuUsage(sliceCpu)));
  };
  const pause = () => {
    endSlice();
    slices++;
    return new Promise((resolve) => setImmediate(resolve)).then(() => {
      sliceStart = performance.now();
      sliceCpu = process.cpuUsage();
    });
  };
  const start = performance.now();
  const index = await refs.indexBib(text, { pause });
  const end = performance.now();
  endSlice();
  // Let the samplers see the end of the last slice.
  await new Promise((resolve) => setTimeout(resolve, 2 * TICK_MS));
  const { eldMaxMs, gapMaxMs } = stopWatching();
  return {
    index,
    ms: end - start,
    sliceMaxMs,
    sliceCpuMaxMs,
    slices,
    eldMaxMs,
    gapMaxMs,
    blockMs: Math.max(eldMaxMs, gapMaxMs, sliceMaxMs),
  };
}

/**
 * `DocBibliography.find` over one file (src/ui/refs/bibliographies.ts).
 * @param {any} index @param {string} key
 */
function find(index, key) {
  const entry = index.byKey.get(key);
  if (entry) return { entry, exact: true };
  const other = refs.entryFor(index, key);
  return other ? { entry: other, exact: false } : undefined;
}

/** The work one edit costs; returns its phases in ms and what it found. */
function afterEdit(
  /** @type {any} */ index,
  /** @type {string} */ text,
  /** @type {any} */ syntax,
  /** @type {number} */ pick,
) {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const keys = refs.scanCitations(text, syntax);
  const t1 = performance.now();
  // VS Code's `positionAt`: the line starts of the text, then a binary search per offset.
  const lines = refs.lineStarts(text);
  const position = (/** @type {number} */ offset) => {
    const line = refs.lineIndex(lines, offset);
    return { line, character: offset - lines[line] };
  };
  const diagnostics = [];
  for (const cited of keys) {
    const range = { start: position(cited.start), end: position(cited.end) };
    const found = find(index, cited.key);
    if (!found) diagnostics.push({ range, message: `No bibliography entry for "${cited.key}".`, code: 'missing-key' });
    else if (!found.exact)
      diagnostics.push({
        range,
        message: `"${cited.key}" differs in case from the entry "${found.entry.key}"; biber and pandoc will not find it.`,
        code: 'key-case',
      });
    else if (found.entry.broken !== undefined)
      diagnostics.push({ range, message: `The entry "${cited.key}" does not parse: ${found.entry.broken}` });
  }
  const t2 = performance.now();
  // The hover is over a key that has an entry (a missing key's hover shows nothing).
  let n = pick % keys.length;
  for (let tries = 0; tries < keys.length && !find(index, keys[n].key); tries++) n = (n + 1) % keys.length;
  const cited = refs.keyAt(keys, (keys[n].start + keys[n].end) >> 1);
  const found = cited && find(index, cited.key);
  let hover = '';
  if (found && found.entry.broken === undefined) {
    const summary = refs.entrySummary(found.entry);
    const abstract = (summary.abstract ?? '').replace(/\s+/g, ' ').trim();
    const preview = abstract.length > ABSTRACT_PREVIEW ? `${abstract.slice(0, ABSTRACT_PREVIEW).trimEnd()}…` : abstract;
    hover = [
      summary.title,
      summary.authors.slice(0, 6).join(', '),
      summary.year,
      summary.venue,
      preview,
      refs.authorYear(summary),
    ].join('\n');
  }
  const t3 = performance.now();
  const used = cpuMs(process.cpuUsage(cpu));
  return {
    ms: t3 - t0,
    cpuMs: used,
    scanMs: t1 - t0,
    resolveMs: t2 - t1,
    hoverMs: t3 - t2,
    keys: keys.length,
    diagnostics,
    hover,
  };
}

/** `EDITS` edits of one document (after `WARMUP` untimed ones, the first of which is reported). */
function edits(/** @type {any} */ index, /** @type {'latex' | 'pandoc'} */ syntax, /** @type {string[]} */ bibKeys) {
  const doc = generateDocument({ syntax, keys: bibKeys, citations: CITATIONS, bytes: BYTES });
  /** @type {ReturnType<typeof afterEdit>[]} */
  const timed = [];
  let firstMs = 0;
  for (let i = 0; i < WARMUP + EDITS; i++) {
    const at = doc.editAt[(i * 7919) % doc.editAt.length];
    const text = doc.text.slice(0, at) + TYPED[i % TYPED.length] + doc.text.slice(at);
    const r = afterEdit(index, text, syntax, i * 31);
    if (r.hover === '') throw new Error(`${syntax}: the hover found nothing`);
    if (i === 0) firstMs = r.ms;
    if (i >= WARMUP) timed.push(r);
  }
  const last = timed[timed.length - 1];
  const codes = last.diagnostics.map((d) => d.code ?? 'broken');
  return {
    bytes: doc.text.length,
    citations: doc.citations,
    keys: last.keys,
    missing: codes.filter((c) => c === 'missing-key').length,
    caseDiffers: codes.filter((c) => c === 'key-case').length,
    edits: timed.length,
    firstMs,
    p50: median(timed.map((r) => r.ms)),
    p95: quantile(
      timed.map((r) => r.ms),
      0.95,
    ),
    max: Math.max(...timed.map((r) => r.ms)),
    cpuP50: median(timed.map((r) => r.cpuMs)),
    cpuP95: quantile(
      timed.map((r) => r.cpuMs),
      0.95,
    ),
    scanMs: median(timed.map((r) => r.scanMs)),
    resolveMs: median(timed.map((r) => r.resolveMs)),
    hoverMs: median(timed.map((r) => r.hoverMs)),
  };
}

async function main() {
  const bib = generateBib({ entries: ENTRIES });
  const reads = [];
  for (let i = 0; i < READS + 1; i++) reads.push(await readBib(bib.text));
  const [first, ...later] = reads;
  const { index } = first;
  if (index.entries.length !== ENTRIES) throw new Error(`indexBib read ${index.entries.length} of ${ENTRIES} entries`);
  const worst = later.reduce((a, b) => (b.blockMs > a.blockMs ? b : a));
  const bibRow = {
    bytes: bib.text.length,
    entries: index.entries.length,
    issues: index.issues.length,
    reads: later.length,
    ms: median(later.map((r) => r.ms)),
    blockMs: median(later.map((r) => r.blockMs)),
    sliceMaxMs: median(later.map((r) => r.sliceMaxMs)),
    sliceCpuMaxMs: median(later.map((r) => r.sliceCpuMaxMs)),
    eldMaxMs: median(later.map((r) => r.eldMaxMs)),
    gapMaxMs: median(later.map((r) => r.gapMaxMs)),
    worstBlockMs: worst.blockMs,
    slices: first.slices,
    firstReadMs: first.ms,
    firstReadBlockMs: first.blockMs,
  };
  const latex = edits(index, 'latex', bib.keys);
  const pandoc = edits(index, 'pandoc', bib.keys);
  process.stdout.write(`${JSON.stringify({ bib: bibRow, latex, pandoc })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
