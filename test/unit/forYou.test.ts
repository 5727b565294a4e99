/**
 * The "For you" order's window side: training when the kept papers change (in-process here,
 * the same job the worker thread runs), the kept model reused, a damaged one replaced, and
 * what the trees are told on the way.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { FeedStore } from '../../src/core/feed/store';
import { modelPath, trainFromStore, type TrainRequest } from '../../src/core/recs/trainJob';
import type { PositiveDoc } from '../../src/core/recs/recModel';
import { ForYou } from '../../src/ui/recs/forYou';
import { keptSignals } from '../../src/ui/recs/signals';
import { paper } from '../helpers/paper';
import { topicPapers } from '../helpers/topicPapers';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

const quietLog = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
} as unknown as ConstructorParameters<typeof ForYou>[0]['log'];

describe('For you: training when what the reader keeps changes', () => {
  let dir: TempDir;
  let kept: PositiveDoc[];
  let requests: TrainRequest[];
  let changes: number;
  let warnings: string[];

  const make = (wanted = true) =>
    new ForYou({
      root: dir.path,
      signals: async () => kept,
      trainer: async (request) => {
        requests.push(request);
        return trainFromStore(request);
      },
      wanted: () => wanted,
      changed: () => changes++,
      shown: () => topicPapers('diffusion', 30, 3000),
      log: { ...quietLog, warn: (m: string) => warnings.push(m) } as typeof quietLog,
    });

  beforeEach(async () => {
    dir = await makeTempDir();
    const store = new FeedStore(dir.path);
    const shown = [...topicPapers('diffusion', 80), ...topicPapers('robotics', 80), ...topicPapers('proteins', 80)];
    for (let d = 0; d < 4; d++) {
      await store.writeDay({
        source: 'hf-daily',
        day: `2026-11-2${d}`,
        fetchedAt: '2026-11-30T00:00:00Z',
        papers: shown.filter((_, i) => i % 4 === d),
      });
    }
    kept = topicPapers('robotics', 8, 900).map((p) => ({ ...p, kind: 'saved' as const }));
    requests = [];
    changes = 0;
    warnings = [];
  });

  afterEach(() => dir.remove());

  it('trains once from the kept papers and the cached days, then ranks their topic first', async () => {
    const forYou = make();
    await forYou.check();
    assert.equal(requests.length, 1);
    assert.deepEqual(requests[0].sources, ['hf-daily', 'arxiv']);
    assert.ok(forYou.trained());
    assert.equal(forYou.kept(), 8);
    assert.ok(changes > 0);
    const robot = topicPapers('robotics', 1, 5000, 3)[0];
    const other = topicPapers('diffusion', 1, 5000, 3)[0];
    assert.ok(forYou.score(robot) > forYou.score(other));
    assert.match(forYou.reason(robot)?.like ?? '', /\d/);
    forYou.dispose();
  });

  it('does not train again for the same kept papers, in this window or the next', async () => {
    const first = make();
    await first.check();
    await first.check();
    assert.equal(requests.length, 1);
    first.dispose();
    const next = make();
    await next.check();
    assert.equal(requests.length, 1, 'the kept model is read back');
    assert.ok(next.trained());
    next.dispose();
  });

  it('trains again when a paper is saved', async () => {
    const forYou = make();
    await forYou.check();
    const before = forYou.score(topicPapers('proteins', 1, 7000)[0]);
    kept = [...kept, ...topicPapers('proteins', 6, 950).map((p) => ({ ...p, kind: 'saved' as const }))];
    await forYou.check();
    assert.equal(requests.length, 2);
    assert.ok(forYou.score(topicPapers('proteins', 1, 7000)[0]) > before);
    forYou.dispose();
  });

  it('replaces a damaged model file, and says so in the log', async () => {
    const first = make();
    await first.check();
    first.dispose();
    const file = modelPath(dir.path);
    const bytes = await fs.readFile(file);
    bytes[bytes.length - 1] ^= 0xff;
    await fs.writeFile(file, bytes);
    const next = make();
    await next.check();
    assert.equal(requests.length, 2);
    assert.ok(next.trained());
    assert.match(warnings.join('\n'), /cannot be used \(the checksum does not match\)/);
    next.dispose();
  });

  it('learns nothing from four kept papers, and counts them for the view', async () => {
    kept = kept.slice(0, 4);
    const forYou = make();
    await forYou.check();
    assert.equal(requests.length, 0);
    assert.equal(forYou.trained(), false);
    assert.equal(forYou.kept(), 4);
    assert.equal(forYou.reason(paper({ id: kept[0].id, title: kept[0].title, abstract: kept[0].abstract })), undefined);
    forYou.dispose();
  });

  it('trains nothing while another order is in use', async () => {
    const forYou = make(false);
    await forYou.check();
    assert.equal(requests.length, 0);
    assert.equal(forYou.kept(), undefined);
    forYou.dispose();
  });

  it('keeps working when the worker fails: the order stays as it was, and the log says why', async () => {
    const forYou = new ForYou({
      root: dir.path,
      signals: async () => kept,
      trainer: async () => {
        throw new Error('worker crashed');
      },
      wanted: () => true,
      changed: () => changes++,
      shown: () => [],
      log: { ...quietLog, warn: (m: string) => warnings.push(m) } as typeof quietLog,
    });
    await forYou.check();
    assert.equal(forYou.trained(), false);
    assert.match(warnings.join('\n'), /For you: worker crashed/);
    forYou.dispose();
  });
});

describe('For you: the signals', () => {
  it('saved first, then notes (with the note text), then cited entries (with the whole record when held)', async () => {
    const whole = paper({
      id: '2401.1',
      arxivId: '2401.1',
      title: 'Whole',
      abstract: 'full abstract',
      aiKeywords: ['k'],
    });
    const docs = await keptSignals({
      saved: [paper({ id: 's', title: 'Saved' })],
      notes: [paper({ id: '2401.1', title: 'Whole', abstract: 'my note words' })],
      cited: async (max) => {
        assert.ok(max >= 1000);
        return [paper({ id: 'bib:x', arxivId: '2401.1', title: 'Whole' }), paper({ id: 'bib:y', title: 'Only bib' })];
      },
      whole: (id) => (id === '2401.1' ? whole : undefined),
    });
    assert.deepEqual(
      docs.map((d) => [d.kind, d.id, d.abstract]),
      [
        ['saved', 's', ''],
        ['notes', '2401.1', 'full abstract my note words'],
        ['cited', '2401.1', 'full abstract'],
        ['cited', 'bib:y', ''],
      ],
    );
    assert.deepEqual(Object.keys(docs[0]).sort(), ['abstract', 'aiKeywords', 'id', 'kind', 'title']);
  });
});
