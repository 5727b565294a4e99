import * as assert from 'node:assert/strict';
import { nearKeys, nearMissBound } from '../../src/core/refs/nearMiss';
import { editDistanceWithin } from '../../src/core/search/textMatch';
import { prng } from './helpers/prng';

/** Optimal string alignment distance, the whole table, no bound: what the fast one must agree with. */
function referenceDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([]);
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        d[i][j] = i + j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

describe('nearKeys', () => {
  const library = ['vaswani2017', 'devlin2019bert', 'smith2020b', 'Vaswani2017', 'brown2020language', 'smith2021'];

  it('finds a swap of two neighbouring letters', () => {
    assert.deepEqual(nearKeys('vaswnai2017', library), ['vaswani2017', 'Vaswani2017']);
  });

  it('puts keys that differ only in case first', () => {
    assert.deepEqual(nearKeys('vaswani2017', ['vaswanj2017', 'Vaswani2017', 'VASWANI2017']), [
      'Vaswani2017',
      'VASWANI2017',
      'vaswanj2017',
    ]);
  });

  it('finds a different clash letter', () => {
    assert.deepEqual(nearKeys('smith2020a', library), ['smith2020b', 'smith2021']);
  });

  it('orders by distance, ties in the order given', () => {
    const keys = ['lecun2015dx', 'lecun2015de', 'lecun2015deeq', 'lecun2015depe', 'lecun2015'];
    assert.deepEqual(nearKeys('lecun2015deep', keys), ['lecun2015deeq', 'lecun2015depe', 'lecun2015de', 'lecun2015dx']);
  });

  it('returns nothing when nothing is close', () => {
    assert.deepEqual(nearKeys('goodfellow2014generative', library), []);
    assert.deepEqual(nearKeys('ab', ['xy', 'abcd']), []);
  });

  it('never returns the key itself, returns duplicates once and honours the limit', () => {
    assert.deepEqual(nearKeys('smith2020', ['smith2020', 'smith2021', 'smith2021', 'smith2022']), [
      'smith2021',
      'smith2022',
    ]);
    const many = Array.from({ length: 20 }, (_, i) => `key${String.fromCharCode(97 + i)}`);
    assert.equal(nearKeys('keyz', many).length, 5);
    assert.deepEqual(nearKeys('keyz', many, 2), ['keya', 'keyb']);
    assert.deepEqual(nearKeys('keyz', many, 0), []);
  });

  it('allows one edit per four characters, between one and three', () => {
    assert.deepEqual(['ab', 'smith20', 'vaswani2017', 'vaswani2017attentionneed'].map(nearMissBound), [1, 1, 2, 3]);
    assert.deepEqual(nearKeys('smith20', ['smiht21', 'smith21']), ['smith21']);
  });
});

describe('editDistanceWithin, as near misses use it', () => {
  it('counts the four kinds of edit as one each', () => {
    assert.equal(editDistanceWithin('kitten', 'kitten', 3), 0);
    assert.equal(editDistanceWithin('vaswani', 'vaswnai', 3), 1);
    assert.equal(editDistanceWithin('vaswani', 'vaswan', 3), 1);
    assert.equal(editDistanceWithin('vaswani', 'vaswanii', 3), 1);
    assert.equal(editDistanceWithin('kitten', 'sitting', 3), 3);
    assert.equal(editDistanceWithin('', 'abc', 3), 3);
  });

  it('says more than max once the distance is over it', () => {
    assert.ok(editDistanceWithin('kitten', 'sitting', 2) > 2);
    assert.ok(editDistanceWithin('abcdefgh', 'zyxwvuts', 1) > 1);
    assert.ok(editDistanceWithin('a', 'abcd', 2) > 2);
    assert.ok(editDistanceWithin('a', 'b', 0) > 0);
  });

  it('agrees with the unbounded table on random short strings (seeded)', () => {
    const rng = prng(14);
    const alphabet = 'abcd';
    const randomString = () =>
      Array.from({ length: Math.floor(rng() * 8) }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('');
    let within = 0;
    for (let n = 0; n < 3000; n++) {
      const a = randomString();
      // Half the pairs are small edits of each other, so that distances within the bound are common.
      const b = rng() < 0.5 ? randomString() : mutate(a, rng, alphabet);
      const max = Math.floor(rng() * 4);
      const want = referenceDistance(a, b);
      const got = editDistanceWithin(a, b, max);
      if (want <= max) {
        assert.equal(got, want, `${a} / ${b} within ${max}`);
        within++;
      } else {
        assert.ok(got > max, `${a} / ${b}: ${got} should exceed ${max} (true distance ${want})`);
      }
    }
    assert.ok(within > 500, 'the cases within the bound are not rare');
  });
});

function mutate(s: string, rng: () => number, alphabet: string): string {
  let out = s;
  const edits = 1 + Math.floor(rng() * 3);
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(rng() * (out.length + 1));
    const c = alphabet[Math.floor(rng() * alphabet.length)];
    const kind = Math.floor(rng() * 4);
    if (kind === 0) out = out.slice(0, i) + c + out.slice(i);
    else if (kind === 1) out = out.slice(0, i) + out.slice(i + 1);
    else if (kind === 2) out = out.slice(0, i) + c + out.slice(i + 1);
    else if (i + 1 < out.length) out = out.slice(0, i) + out[i + 1] + out[i] + out.slice(i + 2);
  }
  return out;
}
