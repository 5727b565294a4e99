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
import type { Paper } from '../paper';
import { TermTable } from './termTable';
import { recencyOf, sameSearchText } from './paperText';
import { QueryScratch, growFloat32, growFloat64 } from './queryScratch';
import { ABSTRACT_WORDS, MAX_SLOTS, documentNorm, paperTerms } from './postings';
import { searchPartsNow, type SearchPart } from './searchParts';
import { TimeSlicer, type SliceOptions } from '../timeSlice';
import { notItself, paperCounts, runTextCounts, similarPartsNow, type SimilarHit } from './similar';

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

export interface AddInSlicesOptions extends SliceOptions {
  /** Papers per slice at most, however fast they go. */
  maxBatch?: number;
  signal?: AbortSignal;
  /** A slicer shared with the caller's other work, so that both count against one budget. */
  slicer?: TimeSlicer;
}

export class PaperIndex implements SearchPart {
  /** Papers by slot; a removed paper leaves a hole that its stale postings skip. */
  private slots: (Paper | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  /** Days since the epoch of each slot's paper: newer papers win ties. */
  recency = new Float64Array(1024);
  /** The length of each slot's document vector (similar papers, similar.ts). */
  norms = new Float32Array(1024);
  /** 1 for a hole; undefined while there are none, so the scan need not look. */
  dead: Uint8Array | undefined;
  private holes = 0;
  readonly terms = new TermTable();
  /** Scratch for `insert`: one paper's terms and their packed position and fields. */
  private readonly paperTerms = new Map<string, number>();
  private queryScratch = new QueryScratch(1024);

  /**
   * `abstractWords`: how many words of each abstract count. The notes' index takes every word
   * of a note (see core/notes/noteFile.ts), where the library's takes the first 60.
   */
  constructor(
    papers: Iterable<Paper> = [],
    private readonly abstractWords = ABSTRACT_WORDS,
  ) {
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
    this.dead = undefined;
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
    return searchPartsNow([this], query, limit, options);
  }

  /** The indexed papers most like `paper` (never itself), best first: see similar.ts. */
  similar(paper: Paper, limit = 5): SimilarHit[] {
    return similarPartsNow([this], paperCounts(paper), limit, { excludeId: paper.id, exclude: notItself(paper) });
  }

  /** The indexed papers most like a text, best first (of a long text, its head and tail). */
  similarToText(text: string, limit = 5, exclude?: (paper: Paper) => boolean): SimilarHit[] {
    return similarPartsNow([this], runTextCounts(text), limit, { exclude });
  }

  // --- as a search part ---------------------------------------------------------------------

  get slotCount(): number {
    return this.slots.length;
  }

  scratch(): QueryScratch {
    if (this.queryScratch.size < this.slots.length) this.queryScratch = new QueryScratch(this.slots.length * 2);
    return this.queryScratch;
  }

  id(slot: number): string {
    return (this.slots[slot] as Paper).id;
  }

  summaries(slots: readonly number[]): Paper[] {
    return slots.map((slot) => this.slots[slot] as Paper);
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
    if (slot >= this.norms.length) this.norms = growFloat32(this.norms, slot + 1);
    this.recency[slot] = recencyOf(paper);

    const found = paperTerms(paper, this.paperTerms, this.abstractWords);
    for (const [term, packed] of found) this.terms.addPosting(this.terms.intern(term), slot * 256 + packed);
    this.norms[slot] = documentNorm(found);
  }

  private dropSlot(id: string, slot: number): void {
    this.slots[slot] = undefined;
    this.slotOf.delete(id);
    this.holes++;
    if (!this.dead || this.dead.length < this.slots.length) {
      const dead = new Uint8Array(Math.max(1024, this.slots.length * 2));
      if (this.dead) dead.set(this.dead);
      this.dead = dead;
    }
    this.dead[slot] = 1;
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
}
