// @ts-check
/**
 * Issue 14's rows: what the live bibliography costs after an edit in a 200-citation document
 * citing from a 2,000-entry .bib (LaTeX and pandoc Markdown), and what reading that .bib
 * costs, in total and as the longest event-loop block. The work runs in citationsChild.js, a
 * fresh process, over the core functions the editor features call, bundled here.
 */
'use strict';

const path = require('node:path');
const esbuild = require('esbuild');
const { goalRow } = require('./goalRow');

/** The core the editor features run after an edit (src/ui/refs/*), and nothing else. */
const REFS_ENTRY = `
export { indexBib, entryFor } from './src/core/refs/bibIndex';
export { scanCitations, keyAt } from './src/core/refs/citationScan';
export { entrySummary, authorYear } from './src/core/refs/entrySummary';
export { lineStarts, lineIndex } from './src/core/textLines';
`;
/** The .bib reader's own bundle, built as esbuild.js builds it (bibIndex loads it from beside itself). */
const VERBATIM_ENTRY = 'node_modules/@retorquere/bibtex-parser/dist/esm/verbatim.js';
const GOAL_MS = 50;
const KIB = 1024;

/**
 * Sizes: the issue's document and .bib; the smoke run's are a tenth of them.
 * @param {boolean} smoke
 */
const sizes = (smoke) =>
  smoke
    ? { entries: 200, citations: 20, bytes: 10_000, edits: 5, reads: 1 }
    : { entries: 2000, citations: 200, bytes: 100_000, edits: 60, reads: 7 };

/**
 * @typedef {{ id: string, measure: string, value: number, unit: string, baseline: number, baselineLabel: string,
 *   ratio: number, goal: string, pass: boolean, info?: boolean, details?: object }} Row
 * @param {{ root: string, work: string, smoke: boolean, runChild: (args: string[]) => any }} options
 * @returns {Promise<Row[]>}
 */
async function citationRows({ root, work, smoke, runChild }) {
  const dir = path.join(work, 'refs');
  const bundle = path.join(dir, 'refs.js');
  const common = { bundle: true, platform: /** @type {const} */ ('node'), format: /** @type {const} */ ('cjs') };
  await esbuild.build({
    ...common,
    stdin: { contents: REFS_ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'bench-refs.ts' },
    outfile: bundle,
    target: 'node20',
    logLevel: 'silent',
  });
  await esbuild.build({
    ...common,
    entryPoints: [path.join(root, VERBATIM_ENTRY)],
    outfile: path.join(dir, 'bibtex-verbatim.js'),
    target: 'node18',
    logLevel: 'silent',
  });
  const s = sizes(smoke);
  const r = runChild([
    path.join(__dirname, 'citationsChild.js'),
    bundle,
    String(s.entries),
    String(s.citations),
    String(s.bytes),
    String(s.edits),
    String(s.reads),
  ]);
  const bib = r.bib;
  const bibLabel = `${bib.entries.toLocaleString('en')}-entry .bib`;
  /** @type {Row[]} */
  const rows = [];
  for (const [id, name, e] of /** @type {const} */ ([
    ['citationsLatex', 'LaTeX', r.latex],
    ['citationsPandoc', 'Markdown (pandoc)', r.pandoc],
  ])) {
    rows.push(
      goalRow({
        id,
        measure: `14.1 after an edit: diagnostics + hover, ${name}, ${e.citations} citations, ${bibLabel} (p95)`,
        ms: e.p95,
        goalMs: GOAL_MS,
        goalPrefix: 'p95',
        details: e,
      }),
    );
  }
  rows.push({
    id: 'bibRead',
    measure: `14.2 reading the ${bibLabel} (${(bib.bytes / KIB / KIB).toFixed(1)} MiB): indexBib, total (median)`,
    value: bib.ms,
    unit: 'ms',
    baseline: bib.firstReadMs,
    baselineLabel: 'first read, loads the reader',
    ratio: bib.ms / bib.firstReadMs,
    goal: 'a figure (info)',
    pass: true,
    info: true,
    details: bib,
  });
  rows.push(
    goalRow({
      id: 'bibBlock',
      measure: `14.2 longest event-loop block, reading the ${bibLabel}`,
      ms: bib.blockMs,
      goalMs: GOAL_MS,
      details: bib,
    }),
  );
  return rows;
}

/**
 * The lines printed under the table for these rows.
 * @param {Record<string, any>} d the rows' details by id
 */
function citationNotes(d) {
  const edit = (/** @type {string} */ id, /** @type {string} */ name) => {
    const e = d[id];
    return `  ${name} (${e.keys} keys, ${(e.bytes / KIB).toFixed(0)} KiB): p50 ${e.p50.toFixed(1)} ms, p95 ${e.p95.toFixed(1)} ms, max ${e.max.toFixed(1)} ms over ${e.edits} edits (CPU time p50 ${e.cpuP50.toFixed(1)}, p95 ${e.cpuP95.toFixed(1)} ms; medians: scan ${e.scanMs.toFixed(2)} + keys and diagnostics ${e.resolveMs.toFixed(2)} + hover ${e.hoverMs.toFixed(2)} ms); first edit of the process ${e.firstMs.toFixed(1)} ms; ${e.missing} missing and ${e.caseDiffers} case-differing keys found\n`;
  };
  const b = d.bibRead;
  return (
    'citations after an edit (.bib already read; scan + every key looked up + diagnostics + one hover):\n' +
    edit('citationsLatex', 'LaTeX') +
    edit('citationsPandoc', 'Markdown') +
    `reading the .bib: ${b.ms.toFixed(0)} ms in ${b.slices} slices (first read ${b.firstReadMs.toFixed(0)} ms, block ${b.firstReadBlockMs.toFixed(1)} ms); ` +
    `longest block: slice ${b.sliceMaxMs.toFixed(1)} (CPU time ${b.sliceCpuMaxMs.toFixed(1)}) / monitorEventLoopDelay ${b.eldMaxMs.toFixed(1)} / setInterval gap ${b.gapMaxMs.toFixed(1)} ms, medians; worst read ${b.worstBlockMs.toFixed(1)} ms; ${b.issues} issues in the file\n`
  );
}

module.exports = { citationRows, citationNotes };
