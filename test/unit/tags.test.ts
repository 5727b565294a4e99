import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryMemento, READING_LIST_KEY, ReadingList } from '../../src/core/tracking/readingList';
import {
  MAX_TAG_LENGTH,
  applyTagPick,
  commonTags,
  decodeTags,
  deleteTagAcross,
  filterByTag,
  groupByTag,
  normaliseTag,
  parseTagInput,
  renameTagAcross,
  sameTag,
  spellAsExisting,
  tagCounts,
  tagFileStem,
} from '../../src/core/tracking/tags';
import { paper } from '../helpers/paper';

const entry = (id: string, tags: string[]) => ({ id, tags });
const ids = (entries: { id: string }[]) => entries.map((e) => e.id);

describe('tags: names', () => {
  it('trims, reads any run of white space or control characters as one space, and composes accents', () => {
    assert.equal(normaliseTag('  deep   learning\t\n'), 'deep learning');
    assert.equal(normaliseTag('a\u0000b'), 'a b');
    assert.equal(normaliseTag('cafe\u0301'), 'café');
  });

  it('keeps quotes, #, emoji and other scripts as they are', () => {
    for (const name of ['"quoted" tag', "it's", '#to-read', 'C++', '機械学習', 'Ωmega 🚀', '<b>&amp;</b>']) {
      assert.equal(normaliseTag(name), name);
    }
  });

  it('is no tag when empty, only spaces, holding a comma, or not a string', () => {
    for (const bad of ['', '   ', '\n\t', 'a,b', ',', 42, null, undefined, ['x'], { tag: 'x' }]) {
      assert.equal(normaliseTag(bad), undefined, JSON.stringify(bad));
    }
  });

  it(`caps a long name at ${MAX_TAG_LENGTH} characters without splitting an emoji or leaving a space at the end`, () => {
    assert.equal(normaliseTag('x'.repeat(500)), 'x'.repeat(MAX_TAG_LENGTH));
    const emoji = normaliseTag('🚀'.repeat(100));
    assert.equal([...(emoji ?? '')].length, MAX_TAG_LENGTH);
    assert.ok(emoji?.startsWith('🚀') && !/[\uD800-\uDBFF]$/.test(emoji), 'no half surrogate pair');
    assert.equal(normaliseTag(`${'a'.repeat(MAX_TAG_LENGTH - 1)} tail`), 'a'.repeat(MAX_TAG_LENGTH - 1));
  });

  it('gives a name that normalises to itself, bounded, with no comma or outer space (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (raw) => {
        const tag = normaliseTag(raw);
        if (tag === undefined) return;
        assert.equal(normaliseTag(tag), tag);
        assert.ok([...tag].length <= MAX_TAG_LENGTH);
        assert.ok(!tag.includes(','));
        assert.equal(tag, tag.trim());
        assert.notEqual(tag, '');
      }),
    );
  });

  it('treats names differing only in case as one tag', () => {
    assert.ok(sameTag('ML', 'ml'));
    assert.ok(sameTag('Ärger', 'ärger'));
    assert.ok(!sameTag('ml', 'ml2'));
  });

  it('reads what is typed in the pick as tags separated by commas, each once', () => {
    assert.deepEqual(parseTagInput(' vision, RL ,, rl,  '), ['vision', 'RL']);
    assert.deepEqual(parseTagInput('   '), []);
  });

  it('spells a tag as the list already spells it', () => {
    assert.deepEqual(spellAsExisting(['ml', 'New', 'ML'], ['ML', 'vision']), ['ML', 'New']);
  });

  it('names an export file after the tag, safely', () => {
    assert.equal(tagFileStem('Deep Learning'), 'deep-learning');
    assert.equal(tagFileStem('#to/read: "now"'), 'to-read-now');
    assert.equal(tagFileStem('機械学習'), '機械学習');
    assert.equal(tagFileStem('???'), 'tag');
  });
});

describe('tags: stored values', () => {
  it('keeps the strings of a stored list and drops (and counts) the rest', () => {
    assert.deepEqual(decodeTags(['a', 1, null, 'A', ' ', 'b,c', { x: 1 }, 'b']), { tags: ['a', 'b'], dropped: 5 });
    assert.deepEqual(decodeTags('a'), { tags: [], dropped: 1 });
    assert.deepEqual(decodeTags(undefined), { tags: [], dropped: 0 });
    assert.deepEqual(decodeTags([]), { tags: [], dropped: 0 });
  });
});

describe('tags: across papers', () => {
  const list = [
    entry('a', ['ML', 'vision']),
    entry('b', ['rl']),
    entry('c', []),
    entry('d', ['Vision', 'ml']),
    entry('e', []),
  ];

  it('counts every tag once, A to Z ignoring case, in the first spelling', () => {
    assert.deepEqual(tagCounts(list), [
      { tag: 'ML', count: 2 },
      { tag: 'rl', count: 1 },
      { tag: 'vision', count: 2 },
    ]);
  });

  it('groups by tag: a paper under each of its tags, the untagged last', () => {
    const groups = groupByTag(list);
    assert.deepEqual(
      groups.map((g) => [g.tag, ids(g.entries)]),
      [
        ['ML', ['a', 'd']],
        ['rl', ['b']],
        ['vision', ['a', 'd']],
        [undefined, ['c', 'e']],
      ],
    );
    assert.deepEqual(
      groupByTag([entry('a', ['x'])]).map((g) => g.tag),
      ['x'],
      'no untagged group when every paper has a tag',
    );
    assert.deepEqual(groupByTag([]), []);
  });

  it('filters by a tag, whatever its case', () => {
    assert.deepEqual(ids(filterByTag(list, 'VISION')), ['a', 'd']);
    assert.deepEqual(ids(filterByTag(list, 'nothing')), []);
  });

  it('renames a tag on every paper that has it, and only those', () => {
    const { entries, changed, to } = renameTagAcross(list, 'vision', 'Computer Vision');
    assert.equal(changed, 2);
    assert.equal(to, 'Computer Vision');
    assert.deepEqual(
      entries.map((e) => e.tags),
      [['ML', 'Computer Vision'], ['rl'], [], ['Computer Vision', 'ml'], []],
    );
    assert.equal(entries[1], list[1], 'a paper without the tag is the same object');
  });

  it('merges a tag renamed onto an existing one, in the existing spelling, once per paper', () => {
    const { entries, changed, to } = renameTagAcross(list, 'vision', 'ml');
    assert.equal(to, 'ML');
    assert.equal(changed, 2);
    assert.deepEqual(
      entries.map((e) => e.tags),
      [['ML'], ['rl'], [], ['ML'], []],
    );
    assert.deepEqual(tagCounts(entries), [
      { tag: 'ML', count: 2 },
      { tag: 'rl', count: 1 },
    ]);
  });

  it('respells a tag renamed to itself in other case', () => {
    const { entries, changed } = renameTagAcross(list, 'ml', 'Ml');
    assert.equal(changed, 2);
    assert.deepEqual(entries[0].tags, ['Ml', 'vision']);
    assert.deepEqual(entries[3].tags, ['Vision', 'Ml']);
  });

  it('renames nothing to a name that is no tag', () => {
    for (const bad of ['', '  ', 'a,b']) {
      const { entries, changed, to } = renameTagAcross(list, 'ml', bad);
      assert.equal(changed, 0);
      assert.equal(to, undefined);
      assert.deepEqual(entries, list);
    }
  });

  it('deletes a tag from every paper, counting them', () => {
    const { entries, changed } = deleteTagAcross(list, 'ML');
    assert.equal(changed, 2);
    assert.deepEqual(
      entries.map((e) => e.tags),
      [['vision'], ['rl'], [], ['Vision'], []],
    );
    assert.equal(deleteTagAcross(list, 'none').changed, 0);
  });

  it('tags several papers at once: picked tags added, common ones unpicked removed, partial ones left', () => {
    const tags = [
      ['a', 'b', 'x'],
      ['a', 'b'],
    ];
    const common = commonTags(tags);
    assert.deepEqual(common, ['a', 'b']);
    // Kept `a`, unpicked `b`, added `new`; `x` was on one paper only and stays there.
    assert.deepEqual(
      tags.map((t) => applyTagPick(t, ['a', 'new'], common)),
      [
        ['a', 'x', 'new'],
        ['a', 'new'],
      ],
    );
    assert.deepEqual(commonTags([]), []);
  });
});

describe('tags: on the reading list', () => {
  const ticking = () => {
    let t = Date.UTC(2025, 0, 1);
    return () => new Date((t += 60_000));
  };

  it('sets exactly the given tags, saving an unsaved paper first, and leaves an untagged unsaved one alone', async () => {
    const list = new ReadingList(new MemoryMemento(), { now: ticking() });
    assert.equal(await list.setTags([{ paper: paper({ id: 'x' }), tags: [] }]), 0);
    assert.equal(list.has('x'), false, 'no tags, not saved');
    assert.equal(await list.setTags([{ paper: paper({ id: 'x' }), tags: [' to read ', 'ML', 'ml'] }]), 1);
    assert.equal(list.has('x'), true);
    assert.deepEqual(list.tagsOf('x'), ['to read', 'ML']);
    await list.setTags([{ paper: paper({ id: 'y' }), tags: ['ml', 'rl'] }]);
    assert.deepEqual(list.tagsOf('y'), ['ML', 'rl'], 'spelt as the list spells it');
    assert.equal(await list.setTags([{ paper: paper({ id: 'y' }), tags: ['rl', 'ML'] }]), 1, 'order counts');
    assert.equal(await list.setTags([{ paper: paper({ id: 'y' }), tags: ['rl', 'ML'] }]), 0, 'nothing new');
    await list.setTags([{ paper: paper({ id: 'x' }), tags: [] }]);
    assert.deepEqual(list.tagsOf('x'), []);
    assert.equal(list.has('x'), true, 'untagging keeps the paper saved');
    assert.deepEqual(list.allTags(), [
      { tag: 'ML', count: 1 },
      { tag: 'rl', count: 1 },
    ]);
  });

  it('keeps a saved paper\u2019s tags when it is saved again with a newer record, and forgets them when unsaved', async () => {
    const list = new ReadingList(new MemoryMemento());
    await list.setTags([{ paper: paper({ id: 'x', upvotes: 1 }), tags: ['keep'] }]);
    await list.save(paper({ id: 'x', upvotes: 9 }));
    assert.deepEqual(list.tagsOf('x'), ['keep']);
    assert.equal(list.get('x')?.paper.upvotes, 9);
    await list.unsave('x');
    await list.save(paper({ id: 'x' }));
    assert.deepEqual(list.tagsOf('x'), []);
  });

  it('stores tags in the synced entries, only where a paper has some, and reads them back', async () => {
    const memento = new MemoryMemento();
    const list = new ReadingList(memento);
    await list.setTags([{ paper: paper({ id: 'x' }), tags: ['"q" #1', '機械学習'] }]);
    await list.save(paper({ id: 'y' }));
    const stored = memento.get<{ version: number; entries: Record<string, unknown>[] }>(READING_LIST_KEY);
    assert.equal(stored?.version, 1, 'the format an older LitFeed still reads');
    assert.deepEqual(stored?.entries.find((e) => (e.paper as { id: string }).id === 'x')?.tags, ['"q" #1', '機械学習']);
    assert.equal('tags' in (stored?.entries.find((e) => (e.paper as { id: string }).id === 'y') ?? {}), false);
    const again = new ReadingList(memento);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.tagsOf('x'), ['"q" #1', '機械学習']);
  });

  it('reads a list stored before tags with no tags and no problem', () => {
    const memento = new MemoryMemento({
      [READING_LIST_KEY]: { version: 1, entries: [{ paper: paper({ id: 'old' }), savedAt: '2024-01-01T00:00:00Z' }] },
    });
    const list = new ReadingList(memento);
    assert.deepEqual(list.problems, []);
    assert.deepEqual(list.tagsOf('old'), []);
    assert.deepEqual(list.allTags(), []);
  });

  it('drops stored tags of the wrong type, keeps the papers and the good tags, reports it and keeps the value aside', async () => {
    const raw = {
      version: 1,
      entries: [
        { paper: paper({ id: 'a' }), savedAt: '2024-01-01T00:00:00Z', tags: ['good', 7, null, '', 'a,b'] },
        { paper: paper({ id: 'b' }), savedAt: '2024-01-01T00:00:00Z', tags: 'not a list' },
        { paper: paper({ id: 'c' }), savedAt: '2024-01-01T00:00:00Z', tags: ['Good'] },
      ],
    };
    const memento = new MemoryMemento({ [READING_LIST_KEY]: raw });
    const list = new ReadingList(memento);
    assert.equal(list.size, 3);
    assert.deepEqual(list.tagsOf('a'), ['good']);
    assert.deepEqual(list.tagsOf('b'), []);
    assert.deepEqual(list.tagsOf('c'), ['good'], 'one spelling across the list');
    assert.equal(list.problems.length, 1);
    assert.match(list.problems[0].reason, /5 unreadable tags were dropped/);
    assert.equal(list.problems[0].dropped, undefined, 'no paper was dropped');
    await list.setTags([{ paper: paper({ id: 'b' }), tags: ['new'] }]);
    assert.deepEqual(memento.get(`${READING_LIST_KEY}.unreadable`), raw);
  });

  it('starts empty on a corrupt value and still tags, keeping the corrupt value aside', async () => {
    const memento = new MemoryMemento({ [READING_LIST_KEY]: { version: 1, entries: { tags: ['x'] } } });
    const list = new ReadingList(memento);
    assert.equal(list.size, 0);
    assert.equal(list.problems.length, 1);
    await list.setTags([{ paper: paper({ id: 'a' }), tags: ['x'] }]);
    assert.deepEqual(new ReadingList(memento).tagsOf('a'), ['x']);
    assert.deepEqual(memento.get(`${READING_LIST_KEY}.unreadable`), { version: 1, entries: { tags: ['x'] } });
  });

  it('renames and deletes a tag on every paper, and the change is stored', async () => {
    const memento = new MemoryMemento();
    const list = new ReadingList(memento);
    await list.setTags([
      { paper: paper({ id: 'a' }), tags: ['ml', 'vision'] },
      { paper: paper({ id: 'b' }), tags: ['vision'] },
      { paper: paper({ id: 'c' }), tags: ['rl'] },
    ]);
    assert.deepEqual(await list.renameTag('vision', 'ML'), { changed: 2, to: 'ml' });
    assert.deepEqual(list.tagsOf('a'), ['ml']);
    assert.deepEqual(list.tagsOf('b'), ['ml']);
    assert.equal(await list.deleteTag('ML'), 2);
    const again = new ReadingList(memento);
    assert.deepEqual(again.tagsOf('a'), []);
    assert.deepEqual(again.tagsOf('b'), []);
    assert.deepEqual(again.tagsOf('c'), ['rl']);
    assert.equal(again.size, 3, 'deleting a tag keeps its papers');
    assert.deepEqual(await list.renameTag('none', 'x'), { changed: 0, to: 'x' });
    assert.equal(await list.deleteTag('none'), 0);
  });

  it('adds up the changes of two windows on one stored list instead of the later one undoing the earlier', async () => {
    const memento = new MemoryMemento();
    const first = new ReadingList(memento);
    await first.setTags([
      { paper: paper({ id: 'a' }), tags: ['shared'] },
      { paper: paper({ id: 'b' }), tags: ['shared'] },
    ]);
    // The second window read the list before the first changed it again.
    const second = new ReadingList(memento);
    await first.setTags([{ paper: paper({ id: 'a' }), tags: ['shared', 'from-first'] }]);
    await first.unsave('b');
    await second.setTags([{ paper: paper({ id: 'c' }), tags: ['from-second'] }]);
    await second.renameTag('shared', 'Common');
    const merged = new ReadingList(memento);
    assert.equal(merged.has('b'), false, 'the first window\u2019s unsave stands');
    assert.deepEqual(merged.tagsOf('a'), ['Common', 'from-first']);
    assert.deepEqual(merged.tagsOf('c'), ['from-second']);
    // The first window catches up on reload and tells its listeners.
    let told = 0;
    first.onDidChange(() => told++);
    assert.equal(first.reload(), true);
    assert.equal(told, 1);
    assert.deepEqual(first.tagsOf('a'), ['Common', 'from-first']);
    assert.equal(first.reload(), false, 'nothing new the second time');
  });

  it('does not reload its own write as someone else\u2019s, and keeps its list when another writer stores garbage', async () => {
    const memento = new MemoryMemento();
    const list = new ReadingList(memento);
    await list.setTags([{ paper: paper({ id: 'a' }), tags: ['x'] }]);
    assert.equal(list.reload(), false);
    await memento.update(READING_LIST_KEY, 'garbage');
    assert.equal(list.reload(), false);
    assert.deepEqual(list.tagsOf('a'), ['x']);
    await list.setTags([{ paper: paper({ id: 'b' }), tags: ['y'] }]);
    assert.deepEqual(memento.get(`${READING_LIST_KEY}.unreadable`), 'garbage');
    assert.deepEqual(new ReadingList(memento).allTags(), [
      { tag: 'x', count: 1 },
      { tag: 'y', count: 1 },
    ]);
  });
});
