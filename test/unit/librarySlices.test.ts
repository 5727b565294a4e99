/**
 * Loading and indexing share the event loop in slices of bounded work. Time here is a fake
 * clock that the work itself moves forward, so the tests say how the work is cut up without
 * timing anything.
 */
import * as assert from 'node:assert/strict';
import { FeedStore } from '../../src/core/feed/store';
import type { Paper } from '../../src/core/paper';
import { PaperIndex } from '../../src/core/search/paperIndex';
import { TimeSlicer } from '../../src/core/timeSlice';
import { inOrderReadingAhead } from '../../src/core/feed/readAhead';
import { makeTempDir, type TempDir } from './helpers/tmpdir';
import { writeTwoSourceCache } from './helpers/twoSourceCache';
import { paper } from '../helpers/paper';

/** A fake clock and a yield that records how much fake time each slice used. */
function fakeLoop() {
  const loop = {
    t: 0,
    sliceStart: 0,
    slices: [] as number[],
    now: () => loop.t,
    yieldToLoop: async () => {
      loop.slices.push(loop.t - loop.sliceStart);
      await Promise.resolve();
      loop.sliceStart = loop.t;
    },
  };
  return loop;
}

const TOPICS = ['sparse attention', 'diffusion transformers', 'gaussian splatting', 'reward models', 'world models'];

function corpus(count: number, prefix = 'p'): Paper[] {
  return Array.from({ length: count }, (_, i) =>
    paper({
      id: `${prefix}${i}`,
      title: `${TOPICS[i % TOPICS.length]} study ${i}`,
      authors: [`Author ${i % 17}`, `Writer ${i % 5}`],
      abstract: `We study ${TOPICS[(i * 3) % TOPICS.length]} at scale number ${i}.`,
      aiKeywords: [TOPICS[(i + 2) % TOPICS.length]],
      feedDay: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
    }),
  );
}

/** Copies of `papers` whose indexing moves the fake clock on by `cost(i)` ms each. */
function costly(papers: Paper[], loop: { t: number }, cost: (i: number) => number): Paper[] {
  return papers.map((p, i) => {
    const copy = { ...p };
    Object.defineProperty(copy, 'abstract', {
      enumerable: true,
      get() {
        loop.t += cost(i);
        return p.abstract;
      },
    });
    return copy;
  });
}

const QUERIES = ['sprase atention', 'diffusion', 'author 3', 'gausian splatting study 12', 'wor'];
const ids = (hits: { paper: Paper }[]) => hits.map((h) => h.paper.id);

describe('time slices: TimeSlicer', () => {
  it('gives the loop one turn for every task waiting on a used-up slice, then a fresh budget', async () => {
    const loop = fakeLoop();
    const slicer = new TimeSlicer({ sliceMs: 10, now: loop.now, yieldToLoop: loop.yieldToLoop });
    assert.equal(slicer.due(), false);
    loop.t = 10;
    assert.equal(slicer.due(), true);
    await Promise.all([slicer.pace(), slicer.pace(), slicer.pace()]);
    assert.equal(loop.slices.length, 1, 'waiters share one turn');
    assert.equal(slicer.due(), false);
    await slicer.pace();
    assert.equal(loop.slices.length, 1, 'nothing to give back within the budget');
    assert.throws(() => new TimeSlicer({ sliceMs: 0 }), RangeError);
  });
});

describe('time slices: inOrderReadingAhead', () => {
  it('runs at most `ahead` jobs at once and hands their results out in order', async () => {
    let running = 0;
    let most = 0;
    const job = async (i: number) => {
      most = Math.max(most, ++running);
      // Later jobs finish first: the order must come from the list, not from completion.
      await new Promise((resolve) => setTimeout(resolve, 10 - i));
      running--;
      return i;
    };
    const got: number[] = [];
    for await (const i of inOrderReadingAhead(10, job, 3)) got.push(i);
    assert.deepEqual(got, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(most, 3);
  });
});

describe('time slices: PaperIndex.addInBatches', () => {
  const papers = corpus(400);
  const whole = new PaperIndex(papers);

  it('never works past the budget between two turns of the loop, for papers of any cost', async () => {
    const loop = fakeLoop();
    // Most papers cost 1 ms, every seventh 6 ms: the budget is time, not a count.
    const cost = (i: number) => (i % 7 === 0 ? 6 : 1);
    const live = new PaperIndex();
    await live.addInBatches(costly(papers, loop, cost), {
      sliceMs: 20,
      now: loop.now,
      yieldToLoop: loop.yieldToLoop,
    });
    assert.ok(loop.slices.length >= Math.floor(loop.t / 26), `${loop.slices.length} slices for ${loop.t} ms`);
    // A slice ends at the first paper that finds the budget used: at most one paper over it.
    for (const ms of loop.slices) assert.ok(ms < 20 + 6, `a slice of ${ms} ms`);
    assert.deepEqual(
      live.papers().map((p) => p.id),
      whole.papers().map((p) => p.id),
    );
    for (const q of QUERIES) assert.deepEqual(ids(live.search(q, 10)), ids(whole.search(q, 10)), q);
  });

  it('caps the papers per slice when asked, and stops once aborted', async () => {
    const loop = fakeLoop();
    const live = new PaperIndex();
    await live.addInBatches(papers, { maxBatch: 50, now: loop.now, yieldToLoop: loop.yieldToLoop });
    assert.equal(loop.slices.length, papers.length / 50 - 1, 'no turn after the last batch');

    const controller = new AbortController();
    const stopped = new PaperIndex();
    let turns = 0;
    await stopped.addInBatches(papers, {
      maxBatch: 100,
      signal: controller.signal,
      // A clock that stands still: only the cap ends a slice, however busy the machine.
      now: () => 0,
      yieldToLoop: async () => {
        if (++turns === 2) controller.abort();
      },
    });
    assert.equal(stopped.size, 200);
  });
});

describe('time slices: FeedStore.readDays', () => {
  let tmp: TempDir;
  let store: FeedStore;
  const byDay = new Map<string, Paper[]>();

  before(async () => {
    tmp = await makeTempDir();
    store = await FeedStore.open(tmp.path);
    for (const [key, papers] of await writeTwoSourceCache(store, corpus(300))) byDay.set(key, papers);
  });
  after(() => tmp.remove());

  it('reads days in the order asked, pacing each parse, and reports a bad day name to the caller', async () => {
    const loop = fakeLoop();
    const days = (await store.listDays('hf-daily')).reverse();
    const { days: read } = await store.readDays('hf-daily', days, {
      sliceMs: 2,
      now: () => ++loop.t,
      yieldToLoop: loop.yieldToLoop,
    });
    assert.deepEqual(
      read.map((d) => d.day),
      days,
    );
    assert.ok(loop.slices.length >= days.length / 2, 'a parse waits for a fresh slice once the budget is used');
    await assert.rejects(store.readDays('hf-daily', [...days, 'not-a-day', ...days]), /not a feed day/);
  });
});
