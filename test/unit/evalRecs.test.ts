import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** The evaluation is a script of the repo, not of out/: climb from out/test/unit to the root. */
const repoRoot = path.resolve(__dirname, '../../..');

interface OrderRow {
  order: string;
  precision: number;
  ndcg: number;
  ratio: number;
}

interface EvalResult {
  smoke: boolean;
  k: number;
  generated: {
    corpus: { users: number; lists: number; relevantShare: number };
    rows: OrderRow[];
    goal: { ratio: number; measured: number; pass: boolean };
    trainMs: { median: number; max: number; pool: number };
  };
}

function runEval(args: string[]): Promise<EvalResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bench/evalRecs.js'), ...args],
      { cwd: repoRoot, maxBuffer: 8 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`eval:recs failed: ${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as EvalResult);
      },
    );
  });
}

// The smoke run only: a tiny corpus; the 3× goal belongs to `npm run eval:recs`.
describe('eval:recs smoke run', function () {
  this.timeout(120_000);

  it('reports precision@10 and nDCG@10 for For you, upvotes and random, and For you ranks better than chance', async () => {
    const result = await runEval(['--smoke', '--json']);
    assert.equal(result.smoke, true);
    assert.equal(result.k, 10);
    const g = result.generated;
    assert.deepEqual(
      g.rows.map((r) => r.order),
      ['For you', 'upvotes', 'random'],
    );
    for (const r of g.rows) {
      for (const key of ['precision', 'ndcg', 'ratio'] as const) {
        assert.ok(Number.isFinite(r[key]) && r[key] >= 0, `${r.order}.${key} is ${r[key]}`);
      }
      assert.ok(r.precision <= 1 && r.ndcg <= 1, `${r.order}: ${r.precision}, ${r.ndcg}`);
    }
    const [forYou, upvotes, random] = g.rows;
    assert.equal(upvotes.ratio, 1, 'the ratios are to the upvote order');
    assert.ok(g.corpus.lists > 0 && g.corpus.relevantShare > 0 && g.corpus.relevantShare < 1);
    // A model that learned nothing ranks like chance; this one must find the reader's topics.
    assert.ok(
      forYou.precision > random.precision + 0.1,
      `For you ${forYou.precision} against random ${random.precision}`,
    );
    assert.ok(forYou.ndcg > random.ndcg, `nDCG: For you ${forYou.ndcg} against random ${random.ndcg}`);
    assert.equal(g.goal.ratio, 3);
    assert.equal(typeof g.goal.pass, 'boolean');
    assert.ok(g.trainMs.median > 0 && g.trainMs.pool > 0);
  });
});
