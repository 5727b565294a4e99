// @ts-check
/**
 * Issue 15's row 6b: LitFeed's first screen in a real window against a minimal extension that
 * reads, parses and shows the same rows (bench/realHost/minimal), both in code-server driven by
 * Chromium; realHostChild.js does the work and says how. Runs only where the code-server
 * harness is installed (`npm run harness:install`); elsewhere the row is a "skipped" note that
 * never fails the bench.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const GOAL = 1.2;

/**
 * @typedef {{ id: string, measure: string, value: number, unit: string, baseline: number, baselineLabel: string,
 *   ratio: number, goal: string, pass: boolean, info?: boolean, skipped?: string, details?: object }} Row
 */

/** Whether code-server and Chromium are where scripts/vscode-server/install.js puts them. */
function harnessStatus(/** @type {string} */ root) {
  const install = require(path.join(root, 'scripts/vscode-server/install.js'));
  const versions = require(path.join(root, 'scripts/vscode-server/versions.json'));
  const layout = install.layout();
  // The installer writes its marker last: without it the install is missing or half done.
  if (!fs.existsSync(layout.marker))
    return `code-server harness not installed (${layout.dir}; npm run harness:install)`;
  if (!fs.existsSync(versions.chromium)) return `code-server harness not installed (${versions.chromium} missing)`;
  return undefined;
}

/**
 * @param {{ root: string, work: string, storageDir: string, papers: number, smoke: boolean, noBuild: boolean,
 *   runs: number, quiet: boolean, log: (s: string) => void }} o
 * @returns {Row}
 */
function realHostRow(o) {
  const measure = `6b. first screen in code-server, ${o.papers} cached papers (activation → first paper row)`;
  const goal = `≤ ${GOAL}×`;
  /** @param {string} why @returns {Row} */
  const skipped = (why) => ({
    id: 'realHost',
    measure,
    value: 0,
    unit: 'ms',
    baseline: 0,
    baselineLabel: 'minimal extension',
    ratio: 0,
    goal,
    pass: true,
    info: true,
    skipped: `skipped: ${why}`,
  });
  // The unit suite's smoke run checks that the bench runs; starting code-server there would
  // only add a minute and a window to every `npm test`.
  if (o.smoke) return skipped('not measured in the smoke run (npm run bench measures it)');
  const missing = harnessStatus(o.root);
  if (missing) return skipped(missing);
  // A fresh package of the build being measured; the smoke run, which leaves dist/ alone, and
  // --no-build take the e2e suite's litfeed.vsix as it is.
  let litfeedVsix;
  if (o.smoke || o.noBuild) {
    litfeedVsix = path.join(o.root, 'litfeed.vsix');
    if (!fs.existsSync(litfeedVsix)) return skipped('litfeed.vsix not built (npm run package)');
  }
  const options = {
    root: o.root,
    work: o.work,
    storageDir: o.storageDir,
    litfeedVsix,
    runs: o.runs,
    warmup: o.smoke ? 0 : 1,
  };
  const r = spawnSync(process.execPath, [path.join(__dirname, 'realHostChild.js'), JSON.stringify(options)], {
    cwd: o.root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', o.quiet ? 'pipe' : 'inherit'],
  });
  if (r.status !== 0) {
    // Installed but broken: a failed row, not a crashed bench.
    const why = `${r.stderr ?? ''}`.trim().split('\n').slice(-5).join(' | ') || `exit ${r.status}`;
    o.log(`6b failed: ${why}`);
    return {
      ...skipped(`failed: ${why}`),
      value: NaN,
      ratio: NaN,
      pass: false,
      info: false,
      skipped: undefined,
      details: { error: why },
    };
  }
  const d = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  const fromActivation = d.litfeed.fromActivationMs !== undefined && d.minimal.fromActivationMs !== undefined;
  // The measure starts at the activation; where the log did not say when, the click.
  const value = fromActivation ? d.litfeed.fromActivationMs : d.litfeed.ms;
  const baseline = fromActivation ? d.minimal.fromActivationMs : d.minimal.ms;
  return {
    id: 'realHost',
    measure: fromActivation ? measure : measure.replace('activation →', 'click →'),
    value,
    unit: 'ms',
    baseline,
    baselineLabel: `minimal extension, same ${d.files} files, same rows`,
    ratio: value / baseline,
    goal,
    // Both must have shown the same rows, or the comparison means nothing.
    pass: value / baseline <= GOAL && d.sameRows,
    details: {
      runs: d.runs,
      warmup: d.warmup,
      papersShown: d.papers,
      files: d.files,
      litfeed: d.litfeed,
      minimal: d.minimal,
      clickRatio: d.litfeed.ms / d.minimal.ms,
      sameRows: d.sameRows,
      rowsCompared: d.rowsCompared,
      firstRows: d.firstRows,
      packaged: litfeedVsix ? 'litfeed.vsix as it is' : 'packaged from this build',
    },
  };
}

module.exports = { realHostRow, harnessStatus };
