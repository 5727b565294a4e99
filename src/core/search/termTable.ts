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

const SMALL_LIST = 16;

/** Longer words are typed rarely enough to skip typo lookup (and a trigram count fits a byte). */
const MAX_FUZZY_LENGTH = 40;

/**
 * The lookup a typed word goes through, over a dictionary's few primitives: the in-memory
 * `TermTable` and a persisted segment's sorted dictionary answer alike.
 */
export abstract class TermDictionary {
  /** Distinct terms. */
  abstract get size(): number;
  abstract text(term: number): string;
  /** The term's id, if the word is one. */
  abstract find(word: string): number | undefined;
  /** Terms longer than `word` that begin with it (`word` has two characters or more). */
  abstract extending(word: string): Iterable<number>;
  /** Terms having the trigram. */
  abstract withGram(gram: string): ArrayLike<number>;
  abstract postings(term: number): ArrayLike<number>;
  abstract postingCount(term: number): number;
  /**
   * The papers (slots, removed ones included) having the term, whether or not its postings are
   * at hand: the document frequency that similar papers weigh words by.
   */
  abstract storedCount(term: number): number;

  private gramHits = new Uint8Array(256);

  /**
   * The terms a typed word stands for. `typing` marks the word the cursor is in: it may be
   * an unfinished prefix of the word meant, typos included.
   */
  lookup(word: string, typing: boolean): TermMatch[] {
    const found = new Map<number, number>();
    const offer = (term: number, similarity: number) => {
      if (similarity > (found.get(term) ?? 0)) found.set(term, similarity);
    };
    const exact = this.find(word);
    if (exact !== undefined) offer(exact, 1);

    // The word being typed, or a deliberate stem ("diffus"), stands for longer words.
    if (word.length >= 2 && (typing || word.length >= 4)) {
      for (const term of this.extending(word)) offer(term, 0.7 + (0.25 * word.length) / this.text(term).length);
    }

    if (word.length >= 4 && word.length <= MAX_FUZZY_LENGTH) {
      const maxEdits = word.length >= 8 ? 2 : 1;
      // Two swapped letters break four trigrams, more than the neighbour count allows for
      // one edit: look the swaps up directly instead.
      for (let i = 1; i < word.length; i++) {
        const swapped = this.find(word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1));
        if (swapped !== undefined) offer(swapped, 0.8);
      }
      for (const term of this.gramNeighbours(word, maxEdits)) {
        const text = this.text(term);
        const longer = text.length > word.length;
        if (Math.abs(text.length - word.length) <= maxEdits) {
          const whole = editDistanceWithin(word, text, maxEdits);
          if (whole <= maxEdits) {
            offer(term, 1 - 0.2 * whole);
            continue;
          }
        }
        // A typo inside an unfinished word (rarely in its first letter, which keeps this cheap).
        if (
          typing &&
          longer &&
          text.charCodeAt(0) === word.charCodeAt(0) &&
          editDistanceWithin(word, text, 1, true) <= 1
        ) {
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
      if (this.find(left) === undefined) continue;
      for (const right of [word.slice(cut), word.slice(cut + 1)]) {
        if (right.length < 3) continue;
        const found = this.lookup(right, typing);
        if (found.some((m) => m.similarity >= 0.8) || (typing && found.length > 0)) return [left, right];
      }
    }
    return undefined;
  }

  /**
   * Terms sharing enough trigrams with `word` to be within `maxEdits` insertions, deletions
   * or substitutions of it (each breaks at most three). Counted over distinct terms, not papers.
   */
  private gramNeighbours(word: string, maxEdits: number): number[] {
    const grams = trigrams(word);
    const needed = Math.max(1, grams.length - 3 * maxEdits);
    if (this.gramHits.length < this.size) this.gramHits = new Uint8Array(this.size * 2);
    const hits = this.gramHits;
    const seen: number[] = [];
    const result: number[] = [];
    for (const gram of grams) {
      const terms = this.withGram(gram);
      for (let i = 0; i < terms.length; i++) {
        const term = terms[i];
        if (hits[term] === 0) seen.push(term);
        if (++hits[term] === needed) result.push(term);
      }
    }
    for (const term of seen) hits[term] = 0;
    return result;
  }
}

/** The in-memory dictionary, grown as papers are indexed. */
export class TermTable extends TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  /**
   * Postings per term. Most terms are rare (a name, a typo in a title): a short plain array
   * costs less than a typed one, which pays off from SMALL_LIST entries on (4 bytes each, not 8).
   */
  private lists: (number[] | Int32Array<ArrayBuffer>)[] = [];
  private counts: Int32Array<ArrayBuffer> = new Int32Array(256);
  /** Trigrams of each term, padded with a space at both ends -> term ids. */
  private readonly grams = new Map<string, number[]>();

  /** Distinct terms. */
  get size(): number {
    return this.texts.length;
  }

  text(term: number): string {
    return this.texts[term];
  }

  find(word: string): number | undefined {
    return this.ids.get(word);
  }

  *extending(word: string): Iterable<number> {
    for (const term of this.grams.get(` ${word.slice(0, 2)}`) ?? []) {
      const text = this.texts[term];
      if (text.length > word.length && text.startsWith(word)) yield term;
    }
  }

  withGram(gram: string): ArrayLike<number> {
    return this.grams.get(gram) ?? NONE;
  }

  /** The term's postings; only the first `postingCount(term)` entries are used. */
  postings(term: number): ArrayLike<number> {
    return this.lists[term];
  }

  storedCount(term: number): number {
    return this.counts[term];
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
    this.lists.push([]);
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
    const list = this.lists[term];
    if (Array.isArray(list)) {
      if (count < SMALL_LIST) {
        list.push(value);
      } else {
        const typed = new Int32Array(SMALL_LIST * 4);
        typed.set(list);
        typed[count] = value;
        this.lists[term] = typed;
      }
    } else if (count < list.length) {
      list[count] = value;
    } else {
      const bigger = growInt32(list, count + 1);
      bigger[count] = value;
      this.lists[term] = bigger;
    }
    this.counts[term] = count + 1;
  }

  clear(): void {
    this.ids.clear();
    this.texts.length = 0;
    this.lists = [];
    this.counts = new Int32Array(256);
    this.grams.clear();
  }
}

const NONE: readonly number[] = [];

/** Distinct trigrams of a word padded with a space at each end (so short words have some). */
export function trigrams(word: string): string[] {
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
