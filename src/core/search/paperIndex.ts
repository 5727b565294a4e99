/**
 * Search over every cached and saved paper, as the user types.
 *
 * Fuse.js scores by running its bitap matcher over every record it holds, for every query;
 * at 10k papers that is far more than a frame per keystroke, and at 100k it is seconds. So
 * the index is two-staged:
 *
 * 1. A word index (`TermTable`), built once and updated as papers come and go: the words of
 *    the title, the author names, the AI keywords and the head of the abstract, each with
 *    the papers (and fields, and title position) it occurs in. Each query word is looked up
 *    exactly, as a prefix, within a typo or two, or split when two words ran together, and
 *    every paper having some of them gets a quick score: the words it has, weighted by
 *    field, plus a little for query words found in the title's order. The best few dozen
 *    papers go on.
 * 2. Fuse.js scores only those candidates (a Fuse over a few dozen records costs less to set
 *    up than to search, so it is made per query; the corpus-sized index is never rebuilt):
 *    each query word must match, typo tolerant, in the title, the authors or the keywords,
 *    weighted in that order. The final score blends both stages, so a misspelled title lands
 *    its paper first, and a query spanning fields ("vaswani attention") still finds the
 *    papers having every word somewhere.
 *
 * The abstract counts by word (stage 1) but is not fuzzy-matched: bitap over a 1,500-character
 * abstract costs more than all the other fields together, for the weakest signal.
 */
import Fuse from 'fuse.js';
import type { Paper } from '../paper';
import { TermTable, type TermMatch } from './termTable';
import { indexTerms, matchesOf, recencyOf, sameSearchText } from './paperText';
import { foldText, words } from './textMatch';
import { QueryScratch, growFloat64 } from './queryScratch';
import { TopK } from './topK';
import { FUSE_OPTIONS, fuseDoc } from './fuseStage';
import { TimeSlicer, type SliceOptions } from '../timeSlice';

export type SearchField = 'title' | 'authors' | 'aiKeywords';

/** Words of a field that a query word stood for (itself, a completion or a typo of it). */
export interface SearchMatch {
  field: SearchField;
  /** The text as the paper has it (one author or one keyword for list fields). */
  value: string;
  /** Inclusive `[start, end]` ranges into `value`, one per word. */
  indices: [number, number][];
}

export interface SearchHit {
  paper: Paper;
  /** 0 is a perfect match; scores compare within one query only. */
  score: number;
  matches?: SearchMatch[];
}

export interface SearchOptions {
  /** Report which words of the title, authors and keywords the query matched. */
  matches?: boolean;
}

// A posting packs slot, title position and field mask into one int32:
// slot * 256 + position * 16 + mask.
const TITLE = 1;
const AUTHORS = 2;
const KEYWORDS = 4;
const ABSTRACT = 8;
const FIELD_MASK = 15;
/** Title positions from here on are all "late in the title" (4 bits). */
const LATE = 15;
const MAX_SLOTS = 2 ** 23;

/** What one query word found in a field is worth; a mask is worth its best field. */
const FIELD_WEIGHT: Record<number, number> = { [TITLE]: 1, [AUTHORS]: 0.9, [KEYWORDS]: 0.75, [ABSTRACT]: 0.45 };
const MASK_WEIGHT = Float64Array.from({ length: FIELD_MASK + 1 }, (_, mask) =>
  Math.max(0, ...[TITLE, AUTHORS, KEYWORDS, ABSTRACT].filter((bit) => mask & bit).map((bit) => FIELD_WEIGHT[bit])),
);
/** Added per query word that follows the previous one in the title (or starts it, for the first). */
const ORDER_WEIGHT = 0.6;

/** Abstract words indexed; later ones cost memory and add little that the title has not. */
const ABSTRACT_WORDS = 60;
/** Papers Fuse scores beyond the number asked for. */
const EXTRA_CANDIDATES = 30;
const MIN_CANDIDATES = 60;
/** Query words looked at; a pasted paragraph would otherwise cost a lookup per word. */
const MAX_QUERY_WORDS = 12;
/** Share of the final score that is Fuse's; the rest is the word index's. */
const FUSE_SHARE = 0.5;

const STOP_WORDS = new Set(
  (
    'a an and are as at be by for from has have in is it its of on or that the their this to ' +
    'was we were which with'
  ).split(' '),
);

export interface AddInSlicesOptions extends SliceOptions {
  /** Papers per slice at most, however fast they go. */
  maxBatch?: number;
  signal?: AbortSignal;
  /** A slicer shared with the caller's other work, so that both count against one budget. */
  slicer?: TimeSlicer;
}

export class PaperIndex {
  /** Papers by slot; a removed paper leaves a hole that its stale postings skip. */
  private slots: (Paper | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  /** Days since the epoch of each slot's paper: newer papers win ties. */
  private recency = new Float64Array(1024);
  private holes = 0;
  private readonly terms = new TermTable();
  /** Scratch for `insert`: one paper's terms and their packed position and fields. */
  private readonly paperTerms = new Map<string, number>();
  private scratch = new QueryScratch(1024);

  constructor(papers: Iterable<Paper> = []) {
    this.add(papers);
  }

  /** Papers in the index. */
  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  get(id: string): Paper | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.slots[slot];
  }

  /** Every indexed paper, in no particular order. */
  papers(): Paper[] {
    return this.slots.filter((p): p is Paper => p !== undefined);
  }

  /** Adds papers; a paper whose id is indexed already replaces the old record. */
  add(papers: Iterable<Paper>): void {
    for (const paper of papers) this.addOne(paper);
    this.compactIfSparse();
  }

  /**
   * Adds papers in slices of a few milliseconds of work (see `TimeSlicer`), giving the event
   * loop a turn between them, so that indexing a large cache does not stall the extension
   * host. A number caps the papers per slice besides. Stops early once `signal` aborts.
   */
  async addInBatches(papers: readonly Paper[], options: AddInSlicesOptions | number = {}): Promise<void> {
    const {
      maxBatch = Infinity,
      signal,
      slicer = new TimeSlicer(options as SliceOptions),
    } = typeof options === 'number' ? { maxBatch: options } : options;
    let inSlice = 0;
    for (let i = 0; i < papers.length; i++) {
      if (signal?.aborted) break;
      this.addOne(papers[i]);
      if ((++inSlice >= maxBatch || slicer.due()) && i + 1 < papers.length) {
        await slicer.yield();
        inSlice = 0;
      }
    }
    this.compactIfSparse();
  }

  /** Removes papers by id; returns how many were indexed. */
  remove(ids: Iterable<string>): number {
    let removed = 0;
    for (const id of ids) {
      const slot = this.slotOf.get(id);
      if (slot === undefined) continue;
      this.dropSlot(id, slot);
      removed++;
    }
    this.compactIfSparse();
    return removed;
  }

  clear(): void {
    this.slots = [];
    this.slotOf.clear();
    this.holes = 0;
    this.terms.clear();
  }

  /** Distinct words and postings held, for measuring the index. */
  stats(): { papers: number; terms: number; postings: number } {
    return { papers: this.size, terms: this.terms.size, postings: this.terms.totalPostings() };
  }

  /**
   * Papers matching `query`, best first. An empty query matches nothing: what to show
   * before the user types is the caller's choice.
   */
  search(query: string, limit = 50, options: SearchOptions = {}): SearchHit[] {
    if (limit <= 0 || this.slotOf.size === 0) return [];
    const queryWords = this.queryWords(query);
    if (queryWords.length === 0) return [];

    const candidates = this.candidates(queryWords, Math.max(MIN_CANDIDATES, limit + EXTRA_CANDIDATES));
    if (candidates.length === 0) return [];

    const fuse = new Fuse(
      candidates.map(({ slot }) => fuseDoc(slot, this.slots[slot] as Paper)),
      FUSE_OPTIONS,
    );
    const fuzzy = new Map<number, number>();
    for (const result of fuse.search(queryWords.map((w) => w.word).join(' '))) {
      fuzzy.set(result.item.slot, result.score ?? 1);
    }

    const hits = candidates.map(({ slot, wordScore }) => ({
      slot,
      score: FUSE_SHARE * (fuzzy.get(slot) ?? 1) + (1 - FUSE_SHARE) * (1 - wordScore),
    }));
    hits.sort((a, b) => a.score - b.score || this.recency[b.slot] - this.recency[a.slot] || a.slot - b.slot);

    const matchedTerms = options.matches ? this.matchedTerms(queryWords) : undefined;
    return hits.slice(0, limit).map(({ slot, score }) => {
      const paper = this.slots[slot] as Paper;
      const hit: SearchHit = { paper, score: Math.round(score * 1e4) / 1e4 };
      if (matchedTerms) hit.matches = matchesOf(paper, matchedTerms);
      return hit;
    });
  }

  // --- building ---------------------------------------------------------------------------

  private addOne(paper: Paper): void {
    const slot = this.slotOf.get(paper.id);
    if (slot !== undefined) {
      // A refresh mostly brings the same text with new counts: the postings still hold.
      if (sameSearchText(this.slots[slot] as Paper, paper)) {
        this.slots[slot] = paper;
        this.recency[slot] = recencyOf(paper);
        return;
      }
      this.dropSlot(paper.id, slot);
    }
    if (this.slots.length >= MAX_SLOTS) this.rebuild();
    this.insert(paper);
  }

  private insert(paper: Paper): void {
    const slot = this.slots.length;
    this.slots.push(paper);
    this.slotOf.set(paper.id, slot);
    if (slot >= this.recency.length) this.recency = growFloat64(this.recency, slot + 1);
    this.recency[slot] = recencyOf(paper);

    // term -> position * 16 + fields, position being the first title word it is (or LATE).
    const found = this.paperTerms;
    found.clear();
    const note = (term: string, field: number, position: number) => {
      const packed = found.get(term);
      if (packed === undefined) found.set(term, (position << 4) | field);
      else found.set(term, (Math.min(packed >> 4, position) << 4) | (packed & FIELD_MASK) | field);
    };
    indexTerms(paper.title).forEach((terms, i) => {
      for (const term of terms) note(term, TITLE, Math.min(i, LATE));
    });
    for (const author of paper.authors) {
      for (const terms of indexTerms(author)) for (const t of terms) note(t, AUTHORS, LATE);
    }
    for (const keyword of paper.aiKeywords) {
      for (const terms of indexTerms(keyword)) for (const t of terms) note(t, KEYWORDS, LATE);
    }
    for (const terms of indexTerms(paper.abstract, ABSTRACT_WORDS)) {
      for (const term of terms) if (!STOP_WORDS.has(term)) note(term, ABSTRACT, LATE);
    }
    for (const [term, packed] of found) this.terms.addPosting(this.terms.intern(term), slot * 256 + packed);
  }

  private dropSlot(id: string, slot: number): void {
    this.slots[slot] = undefined;
    this.slotOf.delete(id);
    this.holes++;
  }

  /**
   * Removed papers leave stale postings behind; once they outnumber the live papers the
   * index is built afresh from what is live (rare, and paid for by the removals before it).
   */
  private compactIfSparse(): void {
    if (this.holes >= 1024 && this.holes >= this.slotOf.size) this.rebuild();
  }

  private rebuild(): void {
    const live = this.papers();
    this.clear();
    for (const paper of live) this.insert(paper);
  }

  // --- querying ---------------------------------------------------------------------------

  /** The query's words, folded, with run-together words split, each with its lookup. */
  private queryWords(query: string): { word: string; matches: TermMatch[] }[] {
    const raw = words(foldText(query)).slice(0, MAX_QUERY_WORDS);
    // The last word is still being typed unless a space follows it.
    const typingLast = !/\s$/.test(query);
    const result: { word: string; matches: TermMatch[] }[] = [];
    raw.forEach((word, i) => {
      const typing = typingLast && i === raw.length - 1;
      const matches = this.terms.lookup(word, typing);
      const split = matches.some((m) => m.similarity >= 0.8) ? undefined : this.terms.splitRunTogether(word, typing);
      if (!split) {
        result.push({ word, matches });
        return;
      }
      result.push({ word: split[0], matches: this.terms.lookup(split[0], false) });
      result.push({ word: split[1], matches: this.terms.lookup(split[1], typing) });
    });
    return result;
  }

  /**
   * Papers having any query word, scored in [0, 1] by the words they have (best field and
   * similarity per word) and by how many words follow each other in the title; the best
   * `limit` are kept, newer first among equals.
   */
  private candidates(queryWords: { matches: TermMatch[] }[], limit: number): { slot: number; wordScore: number }[] {
    if (this.scratch.size < this.slots.length) this.scratch = new QueryScratch(this.slots.length * 2);
    const { wordBest, wordPos, lastWord, lastPos, total, touched, touchedByWord } = this.scratch;
    // Without removed papers no posting is stale: the scan need not look each paper up.
    const slots = this.holes > 0 ? this.slots : undefined;
    let touchedCount = 0;

    for (let i = 0; i < queryWords.length; i++) {
      let wordCount = 0;
      for (const { term, similarity } of queryWords[i].matches) {
        const list = this.terms.postings(term);
        const count = this.terms.postingCount(term);
        wordCount = scanPostings(list, count, similarity, slots, this.scratch, wordCount);
      }
      for (let j = 0; j < wordCount; j++) {
        const slot = touchedByWord[j];
        if (total[slot] === 0) touched[touchedCount++] = slot;
        let add = wordBest[slot];
        const pos = wordPos[slot];
        if (pos < LATE) {
          const follows = i === 0 ? pos === 0 : lastWord[slot] === i && lastPos[slot] === pos - 1;
          if (follows) add += ORDER_WEIGHT;
          lastWord[slot] = i + 1;
          lastPos[slot] = pos;
        }
        total[slot] += add;
        wordBest[slot] = 0;
      }
    }

    const recency = this.recency;
    const best = new TopK(limit, (a, b) => total[a] - total[b] || recency[a] - recency[b]);
    for (let j = 0; j < touchedCount; j++) best.offer(touched[j]);
    const most = queryWords.length * (1 + ORDER_WEIGHT);
    const result = best.items().map((slot) => ({ slot, wordScore: Math.min(1, total[slot] / most) }));
    for (let j = 0; j < touchedCount; j++) {
      const slot = touched[j];
      total[slot] = 0;
      lastWord[slot] = 0;
    }
    return result;
  }

  /** The indexed words the query stood for: what a match highlights. */
  private matchedTerms(queryWords: { matches: TermMatch[] }[]): Set<string> {
    const terms = new Set<string>();
    for (const { matches } of queryWords) for (const { term } of matches) terms.add(this.terms.text(term));
    return terms;
  }
}

/**
 * Folds one term's postings into the query word's best value per paper; returns how many
 * papers the word reached so far, listed in `touchedByWord` (scratch: growing a fresh array
 * to 100k entries per query cost more than the scan itself).
 */
function scanPostings(
  list: ArrayLike<number>,
  count: number,
  similarity: number,
  slots: readonly (Paper | undefined)[] | undefined,
  { wordBest, wordPos, touchedByWord: touched }: QueryScratch,
  touchedCount: number,
): number {
  let n = touchedCount;
  for (let k = 0; k < count; k++) {
    const posting = list[k];
    const slot = posting >>> 8;
    if (slots !== undefined && slots[slot] === undefined) continue;
    const mask = posting & FIELD_MASK;
    const value = similarity * MASK_WEIGHT[mask];
    if (value > wordBest[slot]) {
      if (wordBest[slot] === 0) touched[n++] = slot;
      wordBest[slot] = value;
      wordPos[slot] = mask & TITLE ? (posting >>> 4) & LATE : LATE;
    }
  }
  return n;
}
