/**
 * The word side of the search index: every distinct (folded) word of the indexed papers,
 * the papers each word occurs in, and the lookup that turns a typed word into the indexed
 * words it may stand for — itself, longer words it begins (the word being typed), words
 * within a typo or two, and the two halves of words run together.
 */
import { editDistanceWithin } from './textMatch';

export interface TermMatch {
  term: number;
  /** 1 for the word itself, less for a prefix or a typo. */
  similarity: number;
}

/** Longer words are typed rarely enough to skip typo lookup (and a trigram count fits a byte). */
const MAX_FUZZY_LENGTH = 40;

export class TermTable {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  private lists: Int32Array<ArrayBuffer>[] = [];
  private counts: Int32Array<ArrayBuffer> = new Int32Array(256);
  /** Trigrams of each term, padded with a space at both ends -> term ids. */
  private readonly grams = new Map<string, number[]>();
  private gramHits = new Uint8Array(256);

  /** Distinct terms. */
  get size(): number {
    return this.texts.length;
  }

  text(term: number): string {
    return this.texts[term];
  }

  /** The term's postings; only the first `postingCount(term)` entries are used. */
  postings(term: number): Int32Array {
    return this.lists[term];
  }

  postingCount(term: number): number {
    return this.counts[term];
  }

  /** Number of postings over all terms (for measuring the index). */
  totalPostings(): number {
    let total = 0;
    for (let i = 0; i < this.texts.length; i++) total += this.counts[i];
    return total;
  }

  intern(text: string): number {
    let id = this.ids.get(text);
    if (id !== undefined) return id;
    id = this.texts.length;
    this.ids.set(text, id);
    this.texts.push(text);
    this.lists.push(new Int32Array(2));
    if (id >= this.counts.length) this.counts = growInt32(this.counts, id + 1);
    for (const gram of trigrams(text)) {
      const list = this.grams.get(gram);
      if (list) list.push(id);
      else this.grams.set(gram, [id]);
    }
    return id;
  }

  addPosting(term: number, value: number): void {
    const count = this.counts[term];
    let list = this.lists[term];
    if (count === list.length) {
      list = growInt32(list, count + 1);
      this.lists[term] = list;
    }
    list[count] = value;
    this.counts[term] = count + 1;
  }

  clear(): void {
    this.ids.clear();
    this.texts.length = 0;
    this.lists = [];
    this.counts = new Int32Array(256);
    this.grams.clear();
  }

  /**
   * The terms a typed word stands for. `typing` marks the word the cursor is in: it may be
   * an unfinished prefix of the word meant, typos included.
   */
  lookup(word: string, typing: boolean): TermMatch[] {
    const found = new Map<number, number>();
    const offer = (term: number, similarity: number) => {
      if (similarity > (found.get(term) ?? 0)) found.set(term, similarity);
    };
    const exact = this.ids.get(word);
    if (exact !== undefined) offer(exact, 1);

    // The word being typed, or a deliberate stem ("diffus"), stands for longer words.
    if (word.length >= 2 && (typing || word.length >= 4)) {
      for (const term of this.grams.get(` ${word.slice(0, 2)}`) ?? []) {
        const text = this.texts[term];
        if (text.length > word.length && text.startsWith(word)) offer(term, 0.7 + (0.25 * word.length) / text.length);
      }
    }

    if (word.length >= 4 && word.length <= MAX_FUZZY_LENGTH) {
      const maxEdits = word.length >= 8 ? 2 : 1;
      for (const term of this.gramNeighbours(word, maxEdits)) {
        const text = this.texts[term];
        const whole = editDistanceWithin(word, text, maxEdits);
        if (whole <= maxEdits) {
          offer(term, 1 - 0.2 * whole);
        } else if (typing && text.length > word.length && editDistanceWithin(word, text.slice(0, word.length), 1) <= 1) {
          // A typo inside an unfinished word.
          offer(term, 0.55);
        }
      }
    }
    return [...found].map(([term, similarity]) => ({ term, similarity }));
  }

  /**
   * Two words typed without the space between them (`languagemodels`), or with a stray
   * letter in its place (`languagexmodels`): the two words, when a split gives a known first
   * half and a known (or, for the word being typed, begun) second half. For words that
   * `lookup` found nothing close for.
   */
  splitRunTogether(word: string, typing: boolean): [string, string] | undefined {
    if (word.length < 7) return undefined;
    for (let cut = word.length - 3; cut >= 3; cut--) {
      const left = word.slice(0, cut);
      if (!this.ids.has(left)) continue;
      for (const right of [word.slice(cut), word.slice(cut + 1)]) {
        if (right.length < 3) continue;
        const found = this.lookup(right, typing);
        if (found.some((m) => m.similarity >= 0.8) || (typing && found.length > 0)) return [left, right];
      }
    }
    return undefined;
  }

  /**
   * Terms sharing enough trigrams with `word` to be within `maxEdits` of it (one edit
   * breaks at most three trigrams). Counted over distinct terms, not over papers.
   */
  private gramNeighbours(word: string, maxEdits: number): number[] {
    const grams = trigrams(word);
    const needed = Math.max(1, grams.length - 3 * maxEdits);
    if (this.gramHits.length < this.texts.length) this.gramHits = new Uint8Array(this.texts.length * 2);
    const hits = this.gramHits;
    const seen: number[] = [];
    const result: number[] = [];
    for (const gram of grams) {
      for (const term of this.grams.get(gram) ?? []) {
        if (hits[term] === 0) seen.push(term);
        if (++hits[term] === needed) result.push(term);
      }
    }
    for (const term of seen) hits[term] = 0;
    return result;
  }
}

/** Distinct trigrams of a word padded with a space at each end (so short words have some). */
function trigrams(word: string): string[] {
  const padded = ` ${word} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return [...grams];
}

function growInt32(array: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}
