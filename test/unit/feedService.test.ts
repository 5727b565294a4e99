import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { FeedService, FeedStore, type FeedRange, type FetchedRange } from '../../src/core';
import { paper } from '../helpers/paper';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

const TODAY = '2026-11-25'; // a Wednesday: the ISO week has three past days
const WEEK: FeedRange = { kind: 'week', anchor: TODAY };
const SAMPLE = [paper({ id: 'sample-1', feedDay: '2026-01-01' })];

describe('FeedService', () => {
  let tmp: TempDir;
  let store: FeedStore;
  let fetchImpl: (range: FeedRange, signal?: AbortSignal) => Promise<FetchedRange>;
  let fetchCalls = 0;
  let service: FeedService;
  let warnings: string[];

  beforeEach(async () => {
    tmp = await makeTempDir();
    store = await FeedStore.open(tmp.path);
    fetchCalls = 0;
    warnings = [];
    fetchImpl = async () => ({ papers: [], skipped: 0, truncated: false });
    service = new FeedService({
      store,
      source: 'hf-daily',
      fetchRange: (range, signal) => {
        fetchCalls++;
        return fetchImpl(range, signal);
      },
      loadSample: async () => SAMPLE,
      today: () => TODAY,
      log: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
      retentionDays: () => 30,
    });
  });
  afterEach(() => tmp.remove());

  it('shows the bundled sample when nothing was ever cached', async () => {
    const snap = await service.snapshot(WEEK);
    assert.equal(snap.origin, 'sample');
    assert.deepEqual(
      snap.papers.map((p) => p.id),
      ['sample-1'],
    );
    assert.deepEqual(snap.missingDays, ['2026-11-23', '2026-11-24', '2026-11-25']);
  });

  it('caches a refresh day by day, including days with no papers, and shows it', async () => {
    fetchImpl = async () => ({
      papers: [
        paper({ id: 'p1', feedDay: '2026-11-23' }),
        paper({ id: 'p2', feedDay: '2026-11-25' }),
        paper({ id: 'p3', feedDay: '2026-11-25' }),
      ],
      skipped: 1,
      truncated: false,
    });
    const outcome = await service.refresh(WEEK);
    assert.deepEqual(outcome, { ok: true, papers: 3, skipped: 1, days: 3, truncated: false });
    assert.deepEqual(await store.listDays('hf-daily'), ['2026-11-25', '2026-11-24', '2026-11-23']);
    assert.equal((await store.readDay('hf-daily', '2026-11-24')).day?.papers.length, 0);
    const snap = await service.snapshot(WEEK);
    assert.equal(snap.origin, 'cache');
    assert.deepEqual(
      snap.papers.map((p) => p.id),
      ['p2', 'p3', 'p1'],
    );
    assert.deepEqual(snap.missingDays, []);
    assert.ok(snap.fetchedAt);
  });

  it('leaves out papers listed outside the range instead of writing days it did not fetch', async () => {
    fetchImpl = async () => ({
      papers: [
        paper({ id: 'in', feedDay: '2026-11-24' }),
        paper({ id: 'out', feedDay: '2026-10-01' }),
        paper({ id: 'none' }),
      ],
      skipped: 0,
      truncated: false,
    });
    const outcome = await service.refresh(WEEK);
    assert.ok(outcome.ok && outcome.papers === 1);
    assert.deepEqual(await store.listDays('hf-daily'), ['2026-11-25', '2026-11-24', '2026-11-23']);
  });

  it('files undated papers of a one-day range under that day', async () => {
    fetchImpl = async () => ({ papers: [paper({ id: 'x' })], skipped: 0, truncated: false });
    await service.refresh({ kind: 'day', anchor: '2026-11-24' });
    assert.equal((await store.readDay('hf-daily', '2026-11-24')).day?.papers[0].feedDay, '2026-11-24');
  });

  it('a failed refresh says what failed and keeps the cache as it was', async () => {
    fetchImpl = async () => ({ papers: [paper({ id: 'kept', feedDay: '2026-11-24' })], skipped: 0, truncated: false });
    await service.refresh(WEEK);
    fetchImpl = async () => {
      throw new Error('huggingface.co answered 503 Service Unavailable after 3 attempts');
    };
    const outcome = await service.refresh(WEEK);
    assert.deepEqual(outcome, {
      ok: false,
      error: 'huggingface.co answered 503 Service Unavailable after 3 attempts',
      cancelled: false,
    });
    const snap = await service.snapshot(WEEK);
    assert.equal(snap.origin, 'cache');
    assert.deepEqual(
      snap.papers.map((p) => p.id),
      ['kept'],
    );
  });

  it('says a cancelled refresh was cancelled', async () => {
    const abort = new AbortController();
    fetchImpl = (_range, signal) =>
      new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const pending = service.refresh(WEEK, abort.signal);
    abort.abort();
    assert.deepEqual(await pending, { ok: false, error: 'aborted', cancelled: true });
  });

  it('five refreshes pressed at once share one fetch', async () => {
    let release!: () => void;
    fetchImpl = () =>
      new Promise(
        (resolve) =>
          (release = () =>
            resolve({ papers: [paper({ id: 'p', feedDay: '2026-11-25' })], skipped: 0, truncated: false })),
      );
    const all = Promise.all([1, 2, 3, 4, 5].map(() => service.refresh(WEEK)));
    assert.equal(service.isRefreshing(WEEK), true);
    await new Promise((r) => setImmediate(r));
    release();
    const outcomes = await all;
    assert.equal(fetchCalls, 1);
    assert.ok(outcomes.every((o) => o === outcomes[0]));
    assert.equal(service.isRefreshing(WEEK), false);
    fetchImpl = async () => ({ papers: [], skipped: 0, truncated: false });
    await service.refresh(WEEK);
    assert.equal(fetchCalls, 2, 'a later refresh fetches again');
  });

  it('shows an empty range, not the sample, once anything is cached', async () => {
    fetchImpl = async () => ({ papers: [paper({ id: 'p', feedDay: '2026-11-25' })], skipped: 0, truncated: false });
    await service.refresh(WEEK);
    const earlier = await service.snapshot({ kind: 'week', anchor: '2026-11-11' });
    assert.equal(earlier.origin, 'empty');
    assert.deepEqual(earlier.papers, []);
  });

  it('sets a corrupt cached day aside, reports it, and still shows the other days', async () => {
    fetchImpl = async () => ({
      papers: [paper({ id: 'a', feedDay: '2026-11-23' }), paper({ id: 'b', feedDay: '2026-11-24' })],
      skipped: 0,
      truncated: false,
    });
    await service.refresh(WEEK);
    await writeFile(store.dayFile('hf-daily', '2026-11-23'), '{"schema":1,"papers":[{"id":');
    const snap = await service.snapshot(WEEK);
    assert.equal(snap.problems.length, 1);
    assert.deepEqual(
      snap.papers.map((p) => p.id),
      ['b'],
    );
    assert.deepEqual(snap.missingDays, ['2026-11-23']);
    assert.ok(warnings.some((w) => w.includes('2026-11-23')));
  });

  it('reports a cache that cannot be written as a failed refresh', async () => {
    fetchImpl = async () => ({ papers: [paper({ id: 'a', feedDay: '2026-11-23' })], skipped: 0, truncated: false });
    // A file where the source directory should be makes every write fail.
    await service.refresh(WEEK);
    const { rm, mkdir } = await import('node:fs/promises');
    const dir = store.dayFile('hf-daily', '2026-11-23').replace(/\/[^/]+$/, '');
    await rm(dir, { recursive: true });
    await mkdir(dir.replace(/\/[^/]+$/, ''), { recursive: true });
    await writeFile(dir, 'not a directory');
    const outcome = await service.refresh(WEEK);
    assert.equal(outcome.ok, false);
    assert.match(!outcome.ok ? outcome.error : '', /could not write the cache/);
  });
});
