import * as assert from 'node:assert/strict';
import type { Paper } from '../../src/core/paper';
import {
  MemoryMemento,
  READING_LIST_KEY,
  READ_STATE_KEY,
  ReadState,
  ReadingList,
  deserialiseReadingList,
  serialiseReadingList,
  type Memento,
} from '../../src/core/tracking/readingList';
import { paper } from '../helpers/paper';

/** A clock that moves one minute per reading. */
function ticking(start = Date.UTC(2025, 0, 1)): () => Date {
  let t = start;
  return () => new Date((t += 60_000));
}

describe('reading list', () => {
  it('saves, tells what is saved, and unsaves', async () => {
    const list = new ReadingList(new MemoryMemento(), { now: ticking() });
    assert.equal(await list.save(paper({ id: '2401.00001' })), true);
    assert.equal(await list.save(paper({ id: '2401.00001' })), false);
    assert.equal(list.size, 1);
    assert.equal(list.has('2401.00001'), true);
    assert.equal(await list.unsave('2401.00001'), true);
    assert.equal(await list.unsave('2401.00001'), false);
    assert.equal(list.has('2401.00001'), false);
    assert.equal(list.size, 0);
  });

  it('survives a round trip through the memento, paper and save date intact', async () => {
    const memento = new MemoryMemento();
    const first = new ReadingList(memento, { now: ticking() });
    const mamba = paper({
      id: '2312.00752',
      title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
      authors: ['Albert Gu', 'Tri Dao'],
      upvotes: 188,
      categories: ['cs.LG', 'cs.AI'],
      feedDay: '2023-12-04',
      published: '2023-12-01T18:01:34.000Z',
    });
    await first.save(mamba);
    await first.save(paper({ id: '1706.03762', authors: ['Ashish Vaswani', 'Łukasz Kaiser'] }));
    await first.unsave('1706.03762');
    await first.save(paper({ id: '2106.09685' }));

    const second = new ReadingList(memento);
    assert.deepEqual(second.problems, []);
    assert.deepEqual(second.list(), first.list());
    assert.deepEqual(second.get('2312.00752')?.paper, mamba);
    assert.equal(second.get('2312.00752')?.savedAt, '2025-01-01T00:01:00.000Z');
    assert.equal(second.has('1706.03762'), false);
  });

  it('keeps the first save date when a saved paper is saved again with newer data', async () => {
    const list = new ReadingList(new MemoryMemento(), { now: ticking() });
    await list.save(paper({ id: 'a', upvotes: 1 }));
    await list.save(paper({ id: 'a', upvotes: 50 }));
    assert.equal(list.get('a')?.paper.upvotes, 50);
    assert.equal(list.get('a')?.savedAt, '2025-01-01T00:01:00.000Z');
  });

  it('sorts by save date, title or paper date', async () => {
    const list = new ReadingList(new MemoryMemento(), { now: ticking() });
    await list.save(paper({ id: 'b', title: 'beta: second', published: '2020-05-01' }));
    await list.save(paper({ id: 'a', title: 'Alpha 10', published: '2024-01-01' }));
    await list.save(paper({ id: 'c', title: 'Alpha 9', feedDay: '2022-02-02' }));
    await list.save(paper({ id: 'd', title: 'Undated' }));
    const order = (sort: 'saved' | 'title' | 'date') => list.list(sort).map((e) => e.paper.id);
    assert.deepEqual(order('saved'), ['d', 'c', 'a', 'b']);
    assert.deepEqual(order('title'), ['c', 'a', 'b', 'd']);
    assert.deepEqual(order('date'), ['a', 'c', 'b', 'd']);
  });

  it('starts empty, reports the problem and keeps the unreadable value aside', async () => {
    for (const corrupt of ['{not json', 42, [1, 2], { version: 1, entries: 'nope' }, { entries: [] }]) {
      const memento = new MemoryMemento({ [READING_LIST_KEY]: corrupt });
      const list = new ReadingList(memento);
      assert.equal(list.size, 0);
      assert.equal(list.problems.length, 1, JSON.stringify(corrupt));
      assert.match(list.problems[0].reason, /not readable/);
      await list.save(paper({ id: 'x' }));
      assert.deepEqual(memento.get(`${READING_LIST_KEY}.unreadable`), corrupt);
      assert.equal(new ReadingList(memento).size, 1);
    }
  });

  it('does not overwrite what a newer LitFeed stored without keeping a copy', async () => {
    const newer = {
      version: 2,
      entries: [{ paper: paper({ id: 'x' }), savedAt: '2025-01-01T00:00:00.000Z', tags: ['t'] }],
    };
    const memento = new MemoryMemento({ [READING_LIST_KEY]: newer });
    const list = new ReadingList(memento);
    assert.equal(list.size, 0);
    assert.match(list.problems[0].reason, /newer LitFeed/);
    await list.save(paper({ id: 'y' }));
    assert.deepEqual(memento.get(`${READING_LIST_KEY}.unreadable`), newer);
  });

  it('drops unreadable entries, keeps the rest and counts what it dropped', () => {
    const good = { paper: paper({ id: 'good' }), savedAt: '2025-01-01T00:00:00.000Z' };
    const { entries, problem } = deserialiseReadingList({
      version: 1,
      entries: [
        good,
        { paper: paper({ id: 'no-date' }) },
        { paper: { ...paper({ id: 'no-title' }), title: '' }, savedAt: '2025-01-01T00:00:00.000Z' },
        { paper: { ...paper({ id: 'bad-authors' }), authors: 'Ada' }, savedAt: '2025-01-01T00:00:00.000Z' },
        { paper: paper({ id: 'bad-date' }), savedAt: 'yesterday' },
        null,
        good,
      ],
    });
    assert.deepEqual(entries, [{ ...good, tags: [] }], 'an entry stored before tags reads with none');
    assert.equal(problem?.dropped, 6);
  });

  it('repairs decoration instead of dropping a saved paper', () => {
    const raw = {
      ...paper({ id: 'fixable' }),
      upvotes: 'many',
      aiKeywords: 'not a list',
      categories: [1, 2],
      links: { pdf: 'https://arxiv.org/pdf/fixable', code: 42 },
      source: 'From A Newer Version!',
    };
    const { entries, problem } = deserialiseReadingList({
      version: 1,
      entries: [{ paper: raw, savedAt: '2025-01-01T00:00:00Z' }],
    });
    assert.equal(problem, undefined);
    const [{ paper: p }] = entries;
    assert.equal('upvotes' in p, false);
    assert.deepEqual(p.aiKeywords, []);
    assert.equal('categories' in p, false);
    assert.deepEqual(p.links, { pdf: 'https://arxiv.org/pdf/fixable' });
    assert.equal(p.source, 'hf-daily');
  });

  it('serialises to plain JSON that reads back the same', () => {
    const entries = [{ paper: paper({ id: 'a', doi: '10.1/x' }), savedAt: '2025-01-01T00:00:00.000Z', tags: [] }];
    const stored = JSON.parse(JSON.stringify(serialiseReadingList(entries)));
    assert.equal(stored.version, 1);
    assert.deepEqual(deserialiseReadingList(stored), { entries });
    assert.deepEqual(deserialiseReadingList(undefined), { entries: [] });
  });

  it('never throws when the memento cannot be read', () => {
    const broken: Memento = {
      get: () => {
        throw new Error('storage is gone');
      },
      update: async () => undefined,
    };
    const list = new ReadingList(broken);
    assert.equal(list.size, 0);
    assert.match(list.problems[0].reason, /storage is gone/);
  });

  it('writes in call order and tells listeners about changes', async () => {
    const writes: unknown[] = [];
    const slow: Memento = {
      get: () => undefined,
      update: (_key, value) => new Promise<void>((resolve) => setTimeout(() => (writes.push(value), resolve()), 5)),
    };
    const list = new ReadingList(slow, { now: ticking() });
    let changes = 0;
    const stop = list.onDidChange(() => changes++);
    await Promise.all([list.save(paper({ id: 'a' })), list.save(paper({ id: 'b' })), list.unsave('a')]);
    stop();
    await list.save(paper({ id: 'c' }));
    assert.equal(changes, 3);
    const last = writes[2] as { entries: { paper: Paper }[] };
    assert.deepEqual(
      last.entries.map((e) => e.paper.id),
      ['b'],
    );
  });
});

describe('read marks', () => {
  it('marks papers read and unread and remembers them', async () => {
    const memento = new MemoryMemento();
    const state = new ReadState(memento);
    assert.equal(await state.markRead('a'), 1);
    assert.equal(await state.markRead(['a', 'b', 'c']), 2);
    assert.equal(await state.markUnread(['b', 'zz']), 1);
    const again = new ReadState(memento);
    assert.deepEqual(
      ['a', 'b', 'c'].map((id) => again.isRead(id)),
      [true, false, true],
    );
    assert.equal(again.size, 2);
  });

  it('forgets the least recently marked papers beyond the cap', async () => {
    const memento = new MemoryMemento();
    const state = new ReadState(memento, { cap: 3 });
    await state.markRead(['a', 'b', 'c']);
    await state.markRead('a');
    await state.markRead('d');
    assert.equal(state.size, 3);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((id) => state.isRead(id)),
      [true, false, true, true],
    );
    assert.equal(new ReadState(memento, { cap: 2 }).isRead('c'), false);
  });

  it('keeps 20,000 ids by default', () => {
    assert.equal(new ReadState(new MemoryMemento()).cap, 20_000);
  });

  it('starts empty on a corrupt value, reports it and keeps it aside', async () => {
    const memento = new MemoryMemento({ [READ_STATE_KEY]: 'garbage' });
    const state = new ReadState(memento);
    assert.equal(state.size, 0);
    assert.equal(state.problems.length, 1);
    await state.markRead('a');
    assert.equal(memento.get(`${READ_STATE_KEY}.unreadable`), 'garbage');
  });

  it('drops ids that are not strings', () => {
    const memento = new MemoryMemento({ [READ_STATE_KEY]: { version: 1, ids: ['a', 3, null, '', 'b'] } });
    const state = new ReadState(memento);
    assert.equal(state.size, 2);
    assert.equal(state.problems[0].dropped, 3);
  });
});
