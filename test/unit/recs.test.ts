import * as assert from 'assert';
import { countCorpus, featureWords, termCounts, FEATURE_COUNT } from '../../src/core/recs/features';
import {
  MAX_POSITIVES,
  distinctPositives,
  explain,
  isTrained,
  scorePaper,
  signalSignature,
  trainModel,
  type PositiveDoc,
} from '../../src/core/recs/recModel';
import { ModelFileError, decodeModel, encodeModel } from '../../src/core/recs/modelFile';
import type { Paper } from '../../src/core/paper';
import { paper } from '../helpers/paper';
import { topicPapers } from '../helpers/topicPapers';

const kept = (papers: Paper[], kind: PositiveDoc['kind'] = 'saved'): PositiveDoc[] =>
  papers.map((p) => ({ ...p, kind }));

describe('For you: features', () => {
  it('folds case and accents, drops stop words, numbers and one-letter words', () => {
    assert.deepStrictEqual(featureWords('The Müller GPT4 of 2024 a 3D Transformer-based x', 50), [
      'muller',
      'gpt4',
      'transformer',
      'based',
    ]);
  });

  it('caps the words read from one field', () => {
    assert.strictEqual(featureWords('alpha '.repeat(10_000), 600).length, 600);
  });

  it('counts words and word pairs, the title twice', () => {
    const counts = termCounts({ title: 'sparse attention', abstract: 'sparse attention', aiKeywords: [] });
    // sparse, attention, "sparse attention": each three times (title twice, abstract once).
    assert.strictEqual(counts.index.length, 3);
    assert.deepStrictEqual([...counts.count], [3, 3, 3]);
    assert.ok([...counts.index].every((b) => b < FEATURE_COUNT));
    assert.deepStrictEqual(
      [...counts.index],
      [...counts.index].sort((a, b) => a - b),
    );
  });

  it('reads text in any script without failing', () => {
    assert.deepStrictEqual(featureWords('深層学習による画像生成 Ærø', 10).length, 2);
    const counts = termCounts({ title: '', abstract: 'Обучение нейронных сетей', aiKeywords: ['ключ'] });
    // Three words and two pairs in the abstract, one word in the keyword.
    assert.strictEqual(counts.index.length, 3 + 2 + 1);
  });
});

describe('For you: counting a corpus', () => {
  const papers = [...topicPapers('diffusion', 6), ...topicPapers('robotics', 6)];

  it('counts every paper into the frequencies and keeps the counts of the papers asked for, in that order', () => {
    const { documentFrequency, kept: counted } = countCorpus(papers, [7, 2]);
    const each = papers.map((p) => termCounts(p));
    const expected = new Uint32Array(FEATURE_COUNT);
    for (const terms of each) for (const b of terms.index) expected[b]++;
    assert.deepStrictEqual(documentFrequency, expected);
    assert.deepStrictEqual(
      counted.map((t) => [[...t.index], [...t.count]]),
      [7, 2].map((i) => [[...each[i].index], [...each[i].count]]),
    );
  });

  it('leaves nothing behind for the next paper counted', () => {
    countCorpus(papers, []);
    const alone = termCounts({ title: 'sparse attention', abstract: '', aiKeywords: [] });
    assert.deepStrictEqual([...alone.count], [2, 2, 2]);
  });
});

describe('For you: the model', () => {
  const pool = [...topicPapers('diffusion', 150), ...topicPapers('proteins', 150), ...topicPapers('robotics', 150)];
  const saved = kept(topicPapers('proteins', 12, 1000));
  const model = trainModel({ pool, positives: saved, signature: signalSignature(saved) });

  it('ranks unseen papers of the kept topic above the others', () => {
    const unseen = [
      ...topicPapers('diffusion', 20, 5000, 2),
      ...topicPapers('proteins', 20, 5000, 2),
      ...topicPapers('robotics', 20, 5000, 2),
    ];
    const top = unseen
      .map((p) => ({ p, s: scorePaper(model, p) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 20);
    const proteins = top.filter(({ p }) => p.id.startsWith('proteins')).length;
    assert.ok(proteins >= 18, `${proteins} of the top 20 are about proteins`);
    assert.ok(isTrained(model));
  });

  it('is the same model for the same signals (seeded)', () => {
    const again = trainModel({ pool, positives: saved, signature: 'x' });
    const probe = topicPapers('robotics', 1, 9000)[0];
    assert.strictEqual(scorePaper(again, probe), scorePaper(model, probe));
  });

  it('says why: the kept paper it is most like, and words of the topic', () => {
    const probe = saved[3];
    const twin = paper({ id: 'twin', title: probe.title, abstract: probe.abstract });
    const reason = explain(model, twin);
    assert.strictEqual(reason.like?.id, probe.id);
    assert.ok(reason.like.similarity > 0.5);
    assert.ok(reason.words.length > 0 && reason.words.length <= 3);
    const vocabulary = /protein|folding|residue|structure|binding|enzyme|sequence|molecule|docking|amino/;
    assert.ok(
      reason.words.every((w) => vocabulary.test(w)),
      reason.words.join(', '),
    );
  });

  it('never names a paper as like itself', () => {
    const reason = explain(model, saved[0]);
    assert.notStrictEqual(reason.like?.id, saved[0].id);
  });

  it('learns nothing from fewer than five kept papers', () => {
    const few = kept(topicPapers('proteins', 4, 2000));
    const small = trainModel({ pool, positives: few, signature: 'few' });
    assert.strictEqual(isTrained(small), false);
    assert.strictEqual(scorePaper(small, pool[0]), scorePaper(small, pool[200]));
  });

  it('trains on empty abstracts and text in other scripts', () => {
    const odd = [
      paper({ id: 'a', title: 'Only a title', abstract: '' }),
      paper({ id: 'b', title: '拡散モデル', abstract: '拡散モデルによる画像生成' }),
      paper({ id: 'c', title: '', abstract: '' }),
      ...topicPapers('retrieval', 5),
    ];
    const m = trainModel({ pool: odd, positives: kept(odd), signature: 'odd' });
    assert.ok(Number.isFinite(scorePaper(m, odd[1])));
    assert.ok(Number.isFinite(scorePaper(m, paper({ title: '', abstract: '' }))));
  });
});

describe('For you: signals', () => {
  it('counts a paper once, however many ways it was kept', () => {
    const a = { ...paper({ id: '2401.00001', arxivId: '2401.00001', title: 'Flash Attention Two Revisited' }) };
    const docs: PositiveDoc[] = [
      { ...a, kind: 'saved' },
      { ...a, id: 'bib:dao2024', kind: 'cited' },
      { ...a, id: 'doi:10.1/x', arxivId: undefined, title: 'Flash attention two, revisited', kind: 'cited' },
      { ...paper({ id: 'other', title: 'Something else entirely here' }), kind: 'notes' },
    ];
    assert.deepStrictEqual(
      distinctPositives(docs).map((d) => d.kind),
      ['saved', 'notes'],
    );
  });

  it('caps a 10,000-entry bibliography', () => {
    const many = kept(
      Array.from({ length: 10_000 }, (_, i) => paper({ id: `bib:k${i}`, title: `Entry number ${i} of many` })),
      'cited',
    );
    assert.strictEqual(distinctPositives(many).length, MAX_POSITIVES);
  });

  it('names a set of signals the same in any order, and differently when one changes', () => {
    const docs = kept(topicPapers('robotics', 3));
    assert.strictEqual(signalSignature(docs), signalSignature([...docs].reverse()));
    assert.notStrictEqual(signalSignature(docs), signalSignature(docs.slice(1)));
    assert.notStrictEqual(signalSignature(docs), signalSignature([{ ...docs[0], kind: 'cited' }, ...docs.slice(1)]));
  });
});

describe('For you: the model file', () => {
  const pool = [...topicPapers('diffusion', 60), ...topicPapers('retrieval', 60)];
  const saved = kept(topicPapers('retrieval', 6, 500));
  const model = trainModel({ pool, positives: saved, signature: 'sig', now: new Date('2026-12-01T00:00:00Z') });

  it('reads back what was written', () => {
    const back = decodeModel(encodeModel(model));
    assert.strictEqual(back.signature, 'sig');
    assert.strictEqual(back.trainedAt, '2026-12-01T00:00:00.000Z');
    assert.deepStrictEqual(
      back.positives.map((p) => [p.id, p.title, p.kind]),
      model.positives.map((p) => [p.id, p.title, p.kind]),
    );
    for (const probe of pool.slice(0, 10)) assert.strictEqual(scorePaper(back, probe), scorePaper(model, probe));
    assert.deepStrictEqual(explain(back, pool[70]), explain(model, pool[70]));
  });

  it('reads a file that starts at an odd offset of a larger buffer', () => {
    const bytes = encodeModel(model);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    assert.strictEqual(decodeModel(padded.subarray(3)).signature, 'sig');
  });

  it('refuses a damaged, cut or foreign file', () => {
    const bytes = encodeModel(model);
    const flipped = bytes.slice();
    flipped[bytes.length - 5] ^= 0x40;
    assert.throws(() => decodeModel(flipped), ModelFileError);
    assert.throws(() => decodeModel(bytes.subarray(0, bytes.length - 8)), ModelFileError);
    assert.throws(() => decodeModel(new TextEncoder().encode('{"not":"a model"} and some more')), ModelFileError);
    const otherVersion = bytes.slice();
    new DataView(otherVersion.buffer).setUint32(4, 999, true);
    assert.throws(() => decodeModel(otherVersion), /model format 999/);
  });
});
