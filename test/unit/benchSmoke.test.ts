import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** The bench is a script of the repo, not of out/: climb from out/test/unit to the root. */
const repoRoot = path.resolve(__dirname, '../../..');

interface BenchRow {
  id: string;
  measure: string;
  value: number;
  baseline: number;
  ratio: number;
  goal: string;
  pass: boolean;
  /** Why a row was not measured here (the real-host row, without the code-server harness). */
  skipped?: string;
  details?: Record<string, unknown>;
}

function runBench(args: string[]): Promise<{ rows: BenchRow[]; smoke: boolean }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bench/run.js'), ...args],
      { cwd: repoRoot, maxBuffer: 8 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`bench failed: ${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as { rows: BenchRow[]; smoke: boolean });
      },
    );
  });
}

// A smoke run only: tiny corpora, no timing thresholds (those belong to `npm run bench`).
describe('bench smoke run', function () {
  // Where the code-server harness is installed, the smoke run also opens two code-server
  // windows (row 6b): about a minute more on a busy two-core machine.
  this.timeout(120_000);

  it('measures all six goals of the benchmark, each with numbers', async () => {
    const result = await runBench(['--smoke', '--json']);
    assert.equal(result.smoke, true);
    const ids = result.rows.map((r) => r.id);
    for (const id of ['activation', 'search10k', 'search100k', 'parse', 'memory', 'bundle']) {
      assert.ok(ids.includes(id), `row ${id} is missing from ${ids.join(', ')}`);
    }
    for (const row of result.rows) {
      // The six goals are times, sizes and ratios: positive numbers. Extra rows (top-1 quality
      // in %) may be 0.
      const main = ['activation', 'search10k', 'search100k', 'parse', 'memory', 'bundle'].includes(row.id);
      for (const key of ['value', 'baseline', 'ratio'] as const) {
        const v = row[key];
        assert.ok(typeof v === 'number' && Number.isFinite(v) && (main ? v > 0 : v >= 0), `${row.id}.${key} is ${v}`);
      }
      assert.equal(typeof row.pass, 'boolean');
      assert.ok(row.goal.length > 0 && row.measure.length > 0);
    }
    // Beside the activation floor: the same files read asynchronously, for comparison.
    const activation = result.rows.find((r) => r.id === 'activation') as BenchRow;
    const floorAsync = activation.details?.floorAsyncMs;
    assert.ok(typeof floorAsync === 'number' && floorAsync > 0, `floorAsyncMs is ${String(floorAsync)}`);
    const items = activation.details?.treeItemsMs;
    assert.ok(typeof items === 'number' && items > 0, `treeItemsMs is ${String(items)}`);
    // The bundle row is a size, not a timing: the one figure a smoke run can hold to its goal.
    const bundle = result.rows.find((r) => r.id === 'bundle') as BenchRow;
    assert.ok(bundle.value > 10 && bundle.value < 1024, `bundle size ${bundle.value} KiB`);

    // Issue 14's rows: timings with numbers, and counts that say the work done was the real one.
    for (const id of ['citationsLatex', 'citationsPandoc', 'bibRead', 'bibBlock']) {
      const row = result.rows.find((r) => r.id === id);
      assert.ok(row, `row ${id} is missing from ${ids.join(', ')}`);
      assert.ok(row.value > 0 && row.baseline > 0, `${id}: ${row.value} against ${row.baseline}`);
    }
    for (const id of ['citationsLatex', 'citationsPandoc']) {
      const d = (result.rows.find((r) => r.id === id) as BenchRow).details ?? {};
      for (const key of ['p50', 'p95', 'scanMs', 'resolveMs', 'hoverMs', 'firstMs'] as const) {
        assert.ok(typeof d[key] === 'number' && Number.isFinite(d[key]), `${id}.${key} is ${String(d[key])}`);
      }
      // Every citation found (one to three keys each), and the generated missing and
      // case-differing keys reported as such.
      assert.ok(typeof d.citations === 'number' && d.citations > 0, `${id}.citations is ${String(d.citations)}`);
      assert.ok(typeof d.keys === 'number' && d.keys >= d.citations, `${id}: ${String(d.keys)} keys`);
      assert.ok(typeof d.missing === 'number' && d.missing >= 1, `${id}.missing is ${String(d.missing)}`);
      assert.ok(
        typeof d.caseDiffers === 'number' && d.caseDiffers >= 1,
        `${id}.caseDiffers is ${String(d.caseDiffers)}`,
      );
    }

    // Issue 17's rows: the For you model's costs, with the work done the real one (a trained
    // model scoring a day, the worker's answer waited for).
    for (const id of ['recsTrain', 'recsScore', 'recsBlock']) {
      const row = result.rows.find((r) => r.id === id);
      assert.ok(row, `row ${id} is missing from ${ids.join(', ')}`);
      assert.ok(row.value > 0 && row.baseline > 0, `${id}: ${row.value} against ${row.baseline}`);
    }
    const recs = (result.rows.find((r) => r.id === 'recsTrain') as BenchRow).details ?? {};
    assert.ok(typeof recs.positives === 'number' && recs.positives >= 5, `${String(recs.positives)} kept papers`);
    assert.ok(typeof recs.day === 'number' && recs.day > 0, `a day of ${String(recs.day)} papers scored`);
    const recsBlock = (result.rows.find((r) => r.id === 'recsBlock') as BenchRow).details ?? {};
    // The child throws unless For you trained; the time to train and the sort's scores are reported.
    assert.ok(
      typeof recsBlock.trainedMs === 'number' && recsBlock.trainedMs > 0,
      `trained in ${String(recsBlock.trainedMs)} ms`,
    );
    assert.ok(typeof recsBlock.sortScoresMs === 'number' && Number.isFinite(recsBlock.sortScoresMs));

    // Row 6b, the first screen in code-server, is measured by the full run only (it starts
    // code-server); here it must still be there, saying why it was not measured.
    const realHost = result.rows.find((r) => r.id === 'realHost');
    assert.ok(realHost, `row realHost is missing from ${ids.join(', ')}`);
    assert.match(realHost.skipped ?? '', /^skipped: not measured in the smoke run/);
    assert.equal(realHost.pass, true, 'a skipped row never fails the bench');

    const bib = (result.rows.find((r) => r.id === 'bibBlock') as BenchRow).details ?? {};
    assert.equal(bib.issues, 0, 'the generated .bib reads without issues');
    assert.ok(typeof bib.entries === 'number' && bib.entries > 0, `the .bib has ${String(bib.entries)} entries`);
    for (const key of ['ms', 'sliceMaxMs', 'eldMaxMs', 'gapMaxMs', 'firstReadMs'] as const) {
      assert.ok(typeof bib[key] === 'number' && Number.isFinite(bib[key]), `bibBlock.${key} is ${String(bib[key])}`);
    }
  });
});
