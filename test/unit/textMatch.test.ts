import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { camelParts, editDistanceWithin, foldText, words, wordSpans } from '../../src/core/search/textMatch';

/** Textbook optimal-string-alignment distance, for comparison. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

describe('text matching helpers', () => {
  it('folds case and accents', () => {
    assert.equal(foldText('Müller'), 'muller');
    assert.equal(foldText('Schölkopf, Rätsch & Dollár'), 'scholkopf, ratsch & dollar');
    assert.equal(foldText('Søren Łukasz Đorđe'), 'soren lukasz dorde');
    assert.equal(foldText('ÉCOLE'), 'ecole');
    assert.equal(foldText('Straße'), 'straße');
  });

  it('reads decomposed input as its composed form', () => {
    assert.equal(foldText('Mu\u0308ller'), 'muller');
  });

  it('keeps the length of the NFC text, so offsets carry over', () => {
    assert.equal(foldText('İstanbul').length, 'İstanbul'.length);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        assert.equal(foldText(s).length, s.normalize('NFC').length);
      }),
    );
  });

  it('splits words on anything but letters, marks and digits', () => {
    assert.deepEqual(words('FlashAttention-2: fast (IO-aware) 16x16'), [
      'FlashAttention',
      '2',
      'fast',
      'IO',
      'aware',
      '16x16',
    ]);
    assert.deepEqual(words('Трансформер и 注意力'), ['Трансформер', 'и', '注意力']);
    assert.deepEqual(wordSpans('a-bc'), [
      { word: 'a', start: 0, end: 1 },
      { word: 'bc', start: 2, end: 4 },
    ]);
  });

  it('splits camel-case words into parts long enough to be words', () => {
    assert.deepEqual(camelParts('FlashAttention'), ['Flash', 'Attention']);
    assert.deepEqual(camelParts('DeepSeekMath'), ['Deep', 'Seek', 'Math']);
    assert.deepEqual(camelParts('LLaMA'), []);
    assert.deepEqual(camelParts('MoE'), []);
    assert.deepEqual(camelParts('attention'), []);
  });

  it('computes the edit distance with swaps, stopping past the bound', () => {
    assert.equal(editDistanceWithin('attention', 'atention', 2), 1);
    assert.equal(editDistanceWithin('modeling', 'modelign', 2), 1);
    assert.equal(editDistanceWithin('kitten', 'sitting', 3), 3);
    assert.equal(editDistanceWithin('kitten', 'sitting', 2), 3);
    assert.equal(editDistanceWithin('kitten', 'sitting', 1), 2);
    assert.equal(editDistanceWithin('a', 'abcdef', 2), 3);
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }),
        fc.string({ maxLength: 8 }),
        fc.integer({ min: 0, max: 4 }),
        (a, b, max) => {
          assert.equal(editDistanceWithin(a, b, max), Math.min(osa(a, b), max + 1));
        },
      ),
    );
  });
});
