/**
 * A paper as the features the "For you" model reads (docs/recommendations.md): the folded
 * words of its title, AI keywords and abstract, and each pair of neighbouring words, stop
 * words dropped. Words are hashed into a fixed number of buckets instead of kept in a
 * vocabulary: training on 10k papers then needs no string map of a million word pairs, a
 * paper of any source can be scored by a model trained before it was seen, and the model's
 * size does not grow with the library.
 */
import { CHECKSUM_SEED, hashText } from '../checksum';
import { foldText, wordSpans } from '../search/textMatch';

export const FEATURE_BITS = 18;
export const FEATURE_COUNT = 1 << FEATURE_BITS;
const BUCKET_MASK = FEATURE_COUNT - 1;

/** The text a paper is featurised from (a paper, a .bib entry, a note all give this). */
export interface FeatureText {
  title: string;
  abstract: string;
  aiKeywords: readonly string[];
}

/**
 * Words read per field: a pasted 2 MB abstract or a .bib field of a whole book costs no more
 * than a long abstract. Real abstracts stay under 400 words.
 */
const MAX_ABSTRACT_WORDS = 600;
const MAX_TITLE_WORDS = 60;
/** A title says more about what a paper is about than any sentence of its abstract. */
const TITLE_REPEAT = 2;

// English function words; words common to most papers ("model", "results") are left to the
// document frequency, which weighs them down where they are common in *this* library.
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each either else etc even ever every few for ' +
    'from further had has have having he her here hers him his how however if in into is it its itself just ' +
    'may me might more most much must my neither no nor not now of off on once one only or other our ours out ' +
    'over own per same she should so some such than that the their theirs them then there these they this ' +
    'those though through thus to too under until up upon us very via was we were what when where whether ' +
    'which while who whom whose why will with within without would yet you your'
  ).split(' '),
);

const LETTER_FIRST = /^\p{L}/u;
const STOP_HASHES = new Set([...STOP_WORDS].map(hashText));

/** The words found by the last `scanWords`: their hashes, and their spans in `scannedText`. */
let foundHashes = new Uint32Array(1024);
let foundStarts = new Uint32Array(1024);
let foundEnds = new Uint32Array(1024);
let scannedText = '';

function keep(n: number, hash: number, start: number, end: number): void {
  if (n === foundHashes.length) {
    const grow = (a: Uint32Array) => {
      const b = new Uint32Array(a.length * 2);
      b.set(a);
      return b;
    };
    foundHashes = grow(foundHashes);
    foundStarts = grow(foundStarts);
    foundEnds = grow(foundEnds);
  }
  foundHashes[n] = hash;
  foundStarts[n] = start;
  foundEnds[n] = end;
}

/**
 * Finds the words of `text` that carry meaning (folded, two characters or more, starting with
 * a letter, not a stop word), at most `max`; returns how many, leaving them in `found*` and
 * the text their spans point into in `scannedText`. ASCII text — nearly every abstract — is
 * read by character code, lower-cased as it goes, without a string per word or a lower-cased
 * copy: featurising is most of what training costs.
 */
function scanWords(text: string, max: number): number {
  scannedText = text;
  let n = 0;
  let start = -1;
  let h = 0;
  let letterFirst = false;
  for (let i = 0; i <= text.length; i++) {
    let c = i < text.length ? text.charCodeAt(i) : 32;
    if (c >= 128) return scanUnicode(text, max);
    if (c >= 65 && c <= 90) c |= 32;
    const letter = c >= 97 && c <= 122;
    if (letter || (c >= 48 && c <= 57)) {
      // `hashText` of the lower-cased word, worked out as it is read (the same value: stop
      // words and the other scripts' words are hashed by `hashText` itself).
      if (start < 0) {
        start = i;
        h = CHECKSUM_SEED;
        letterFirst = letter;
      }
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (start < 0) continue;
    // Words start with a letter ("3d" is no word; "gpt4" is), as in arxiv-sanity-lite.
    if (letterFirst && i - start >= 2 && !STOP_HASHES.has(h >>> 0)) {
      keep(n++, h >>> 0, start, i);
      if (n >= max) return n;
    }
    start = -1;
  }
  return n;
}

/** `scanWords` for text with other than ASCII: folded (case and accents), then split into words. */
function scanUnicode(text: string, max: number): number {
  const folded = foldText(text);
  scannedText = folded;
  let n = 0;
  for (const { word, start, end } of wordSpans(folded)) {
    if (word.length < 2 || !LETTER_FIRST.test(word) || STOP_WORDS.has(word)) continue;
    keep(n++, hashText(word), start, end);
    if (n >= max) break;
  }
  return n;
}

/** The words of `text` that carry meaning, folded, at most `max`. */
export function featureWords(text: string, max: number): string[] {
  const n = scanWords(text, max);
  const kept: string[] = [];
  for (let i = 0; i < n; i++) kept.push(scannedText.slice(foundStarts[i], foundEnds[i]).toLowerCase());
  return kept;
}

/** A pair's hash from its words' hashes, mixed so that (a, b) and (b, a) land apart. */
function pairHash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function bucket(hash: number): number {
  return (hash ^ (hash >>> FEATURE_BITS)) & BUCKET_MASK;
}

/** A sparse vector: ascending bucket numbers and their values. */
export interface SparseVector {
  index: Uint32Array;
  value: Float32Array;
}

/** Each bucket a paper's words and pairs fall in, with how often (its term frequencies). */
export interface TermCounts {
  index: Uint32Array;
  count: Uint16Array;
}

/**
 * Reused across papers: each bucket's count in the paper being counted (zero elsewhere) and
 * the buckets touched, so that counting a paper allocates nothing and sorts only its distinct
 * buckets. Featurising ten thousand papers was half garbage collection before.
 */
const counts = new Uint16Array(FEATURE_COUNT);
let touched = new Uint32Array(1024);
let used = 0;

function push(b: number): void {
  if (counts[b]++ !== 0) {
    if (counts[b] === 0) counts[b] = 0xffff;
    return;
  }
  if (used === touched.length) {
    const grown = new Uint32Array(touched.length * 2);
    grown.set(touched);
    touched = grown;
  }
  touched[used++] = b;
}

/** Counts one paper's buckets into the scratch: `touched[0..used)` are its distinct buckets, in the order met. */
function countPaper(paper: FeatureText, names?: Map<number, string>): void {
  used = 0;
  for (let i = 0; i < TITLE_REPEAT; i++) pushField(paper.title, MAX_TITLE_WORDS, names);
  for (const keyword of paper.aiKeywords) pushField(keyword, MAX_TITLE_WORDS, names);
  pushField(paper.abstract, MAX_ABSTRACT_WORDS, names);
}

/**
 * Buckets of one field: each word, and each word with the one before it (stop words dropped
 * first, so "learning of representations" gives "learning representations").
 */
function pushField(text: string, max: number, names?: Map<number, string>): void {
  const n = scanWords(text, max);
  for (let i = 0; i < n; i++) {
    const own = bucket(foundHashes[i]);
    push(own);
    if (i > 0) push(bucket(pairHash(foundHashes[i - 1], foundHashes[i])));
  }
  if (!names) return;
  const word = (i: number) => scannedText.slice(foundStarts[i], foundEnds[i]).toLowerCase();
  for (let i = 0; i < n; i++) {
    names.set(bucket(foundHashes[i]), word(i));
    if (i > 0) names.set(bucket(pairHash(foundHashes[i - 1], foundHashes[i])), `${word(i - 1)} ${word(i)}`);
  }
}

/**
 * The paper's buckets and their counts. With `names`, each bucket's word or word pair is
 * recorded too (for saying which words scored; not wanted when scoring thousands).
 */
export function termCounts(paper: FeatureText, names?: Map<number, string>): TermCounts {
  countPaper(paper, names);
  const index = touched.slice(0, used).sort();
  const count = new Uint16Array(index.length);
  for (let i = 0; i < index.length; i++) {
    count[i] = counts[index[i]];
    counts[index[i]] = 0;
  }
  return { index, count };
}

/**
 * The papers each bucket occurs in, over all of `papers`, and the term counts of the papers
 * `keep` names (in its order): training learns from a thousand of the ten thousand papers
 * its frequencies are counted over, and sorting and keeping the rest was most of its time.
 */
export function countCorpus(
  papers: readonly FeatureText[],
  keep: readonly number[],
): { documentFrequency: Uint32Array; kept: TermCounts[] } {
  const documentFrequency = new Uint32Array(FEATURE_COUNT);
  const slot = new Map(keep.map((p, i) => [p, i]));
  const kept: TermCounts[] = new Array<TermCounts>(keep.length);
  for (let p = 0; p < papers.length; p++) {
    const at = slot.get(p);
    if (at !== undefined) {
      const terms = termCounts(papers[p]);
      for (let i = 0; i < terms.index.length; i++) documentFrequency[terms.index[i]]++;
      kept[at] = terms;
      continue;
    }
    countPaper(papers[p]);
    for (let i = 0; i < used; i++) {
      const b = touched[i];
      counts[b] = 0;
      documentFrequency[b]++;
    }
  }
  return { documentFrequency, kept };
}

/**
 * TF-IDF: sublinear term frequency (1 + ln tf) times the bucket's inverse document frequency,
 * scaled to length 1. Buckets whose idf is 0 (too rare or too common to say anything) drop out.
 */
export function weigh(terms: TermCounts, idf: Float32Array): SparseVector {
  let kept = 0;
  for (let i = 0; i < terms.index.length; i++) if (idf[terms.index[i]] > 0) kept++;
  const index = new Uint32Array(kept);
  const value = new Float32Array(kept);
  let norm = 0;
  let k = 0;
  for (let i = 0; i < terms.index.length; i++) {
    const weight = idf[terms.index[i]];
    if (weight <= 0) continue;
    const v = (1 + Math.log(terms.count[i])) * weight;
    index[k] = terms.index[i];
    value[k++] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < value.length; i++) value[i] *= scale;
  }
  return { index, value };
}

/** The cosine of two vectors of length 1 (or 0), by merging their sorted buckets. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.index.length && j < b.index.length) {
    const x = a.index[i];
    const y = b.index[j];
    if (x === y) sum += a.value[i++] * b.value[j++];
    else if (x < y) i++;
    else j++;
  }
  return sum;
}
