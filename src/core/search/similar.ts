/**
 * Similar papers: the papers of the search index nearest a paper (or a document's text) by
 * TF-IDF cosine, read from the same word index the search uses — the in-memory part and the
 * persisted segments — rather than from a second copy of the library.
 *
 * The weighting is SMART's lnc.ltc, shaped by what the index holds (docs/search-index.md):
 *
 * - Query: the words of the paper's title, AI keywords and whole abstract (or of the text),
 *   each weighted (1 + ln tf) × ln(N / df), where df is the word's posting count and N the
 *   slots indexed, both summed over the parts. Only the `QUERY_TERMS` heaviest words count,
 *   and none found in more than half the papers: a long text costs no more than a paper, and
 *   words everywhere say nothing of a topic.
 * - Document: the index keeps no counts per word, only the fields a word occurs in, so a
 *   paper's vector weighs each of its indexed words by its best field (postings.ts
 *   `DOC_WEIGHT`) in place of 1 + ln tf; no idf. Its length is kept per slot, since the
 *   postings of one query cannot give it.
 * - Similarity: the dot product over the query's words, divided by both lengths: in (0, 1].
 *
 * A document's indexed abstract is its first 60 words, so the similarity sees that much of
 * each paper's abstract; the query side reads all of it.
 */
import type { Paper } from '../paper';
import { TimeSlicer } from '../timeSlice';
import { indexTerms } from './paperText';
import { DOC_WEIGHT, FIELD_MASK, isTopicWord } from './postings';
import { runNow, runSliced, type SearchPart } from './searchParts';
import { TopK } from './topK';

export interface SimilarHit {
  paper: Paper;
  /** Cosine in (0, 1]. */
  similarity: number;
}

export interface SimilarOptions {
  /** Papers not to list (the paper itself, the papers a document cites already). */
  exclude?: (paper: Paper) => boolean;
  /** A paper id not to list, dropped before any summary is read. */
  excludeId?: string;
  signal?: AbortSignal;
  slicer?: TimeSlicer;
}

/** Words of a query that count: enough for a paper's topic, few enough to read their postings at once. */
export const QUERY_TERMS = 30;
/** Words in more of the papers than this are dropped from a query. */
const MAX_SHARE = 0.5;
/**
 * Of a longer text, the head and the tail are read: a document's topic is set out at its
 * start, and its bibliography (the papers it builds on) is appended at its end.
 */
export const TEXT_HEAD = 192 * 1024;
export const TEXT_TAIL = 64 * 1024;
/** Characters of a text folded and counted between two turns of the event loop. */
const TEXT_CHUNK = 16 * 1024;
/** Query words looked up in every part between two turns (a segment's lookup is a binary search). */
const LOOKUPS_PER_STEP = 2000;
/** Candidates kept per part beyond the number asked for: the paper's own copies, excluded papers. */
const EXTRA = 8;
const EXTRA_EXCLUDING = 40;

/** Words and how often they occur. */
export type TermCounts = Map<string, number>;

/** The query words of a paper: title, AI keywords and the whole abstract (not the authors). */
export function paperCounts(paper: Paper): TermCounts {
  const counts: TermCounts = new Map();
  countTerms(paper.title, counts);
  for (const keyword of paper.aiKeywords) countTerms(keyword, counts);
  countTerms(paper.abstract ?? '', counts);
  return counts;
}

/**
 * The query words of a text of any length, a step per chunk; of a long text only the head and
 * the tail (`TEXT_HEAD`, `TEXT_TAIL`), so a 2 MB document costs what 256 KB do.
 */
export function* textCounts(text: string): Generator<void, TermCounts> {
  const counts: TermCounts = new Map();
  const read = text.length > TEXT_HEAD + TEXT_TAIL ? [text.slice(0, TEXT_HEAD), text.slice(-TEXT_TAIL)] : [text];
  for (const piece of read) {
    let at = 0;
    while (at < piece.length) {
      let end = Math.min(piece.length, at + TEXT_CHUNK);
      // Cut between words where there is a space to cut at (CJK text may have none).
      if (end < piece.length) {
        const space = piece.lastIndexOf(' ', end);
        if (space > at) end = space + 1;
      }
      countTerms(piece.slice(at, end), counts);
      at = end;
      yield;
    }
  }
  return counts;
}

/** `textCounts` at once. */
export function runTextCounts(text: string): TermCounts {
  return runNow(textCounts(text));
}

function countTerms(text: string, counts: TermCounts): void {
  for (const terms of indexTerms(text)) {
    for (const term of terms) if (isTopicWord(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
}

/** Leaves out the paper itself: the same id, or the same arXiv paper under another id. */
export function notItself(paper: Paper): (other: Paper) => boolean {
  return (other) => other.id === paper.id || (paper.arxivId !== undefined && other.arxivId === paper.arxivId);
}

interface QueryTerm {
  word: string;
  weight: number;
  /** The word's term id in each part that has it. */
  ids: (number | undefined)[];
}

interface Query {
  terms: QueryTerm[];
  norm: number;
}

interface Candidate {
  part: number;
  slot: number;
  similarity: number;
  recency: number;
}

/** The query's heaviest words, weighted by the index's document frequencies. */
function* weigh(parts: readonly SearchPart[], counts: TermCounts): Generator<void, Query> {
  let papers = 0;
  for (const part of parts) papers += part.slotCount;
  const words: string[] = [];
  const weights: number[] = [];
  const ids: (number | undefined)[][] = [];
  // Equal weights go by the word, so the answer does not depend on the order words came in.
  const best = new TopK(
    QUERY_TERMS,
    (a, b) => weights[a] - weights[b] || (words[a] < words[b] ? 1 : words[a] > words[b] ? -1 : 0),
  );
  let looked = 0;
  for (const [word, tf] of counts) {
    let df = 0;
    const found = parts.map((part) => {
      if (part.slotCount === 0) return undefined;
      const term = part.terms.find(word);
      if (term !== undefined) df += part.terms.storedCount(term);
      return term;
    });
    if (df > 0 && df <= MAX_SHARE * papers) {
      const i = words.length;
      words.push(word);
      weights.push((1 + Math.log(tf)) * Math.log(papers / df));
      ids.push(found);
      best.offer(i);
    }
    if (++looked % LOOKUPS_PER_STEP === 0) yield;
  }
  const terms = best.items().map((i) => ({ word: words[i], weight: weights[i], ids: ids[i] }));
  let sum = 0;
  for (const { weight } of terms) sum += weight * weight;
  return { terms, norm: Math.sqrt(sum) };
}

/**
 * Each part's most similar slots (a step per query word for a part read from a file; the
 * in-memory part, which `add` changes, in one go, its words looked up afresh), `keep` of them
 * times the part's copies per paper. Run to the end once begun: scratch is cleared at the end.
 */
function* candidates(parts: readonly SearchPart[], query: Query, keep: number): Generator<void, Candidate[]> {
  const found: Candidate[] = [];
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (part.slotCount === 0) continue;
    const steps = part.loadPostings !== undefined;
    const { total, touched } = part.scratch();
    const { terms, dead } = part;
    let count = 0;
    for (const { word, weight, ids } of query.terms) {
      const term = steps ? ids[p] : terms.find(word);
      if (term === undefined) continue;
      const list = terms.postings(term);
      const n = terms.postingCount(term);
      for (let k = 0; k < n; k++) {
        const posting = list[k];
        const slot = posting >>> 8;
        if (dead !== undefined && dead[slot] === 1) continue;
        const w = DOC_WEIGHT[posting & FIELD_MASK];
        if (w === 0) continue;
        if (total[slot] === 0) touched[count++] = slot;
        total[slot] += weight * w;
      }
      if (steps) yield;
    }
    const { norms, recency } = part;
    // Divided once per paper here rather than at every comparison of the ranking.
    for (let j = 0; j < count; j++) total[touched[j]] /= norms[touched[j]];
    const best = new TopK(
      Math.ceil(keep * (part.copies ?? 1)),
      (a, b) => total[a] - total[b] || recency[a] - recency[b],
    );
    for (let j = 0; j < count; j++) best.offer(touched[j]);
    for (const slot of best.items()) {
      // Rounding may carry a paper's cosine with itself a hair past 1.
      const similarity = Math.min(1, total[slot] / query.norm);
      found.push({ part: p, slot, similarity, recency: recency[slot] });
    }
    for (let j = 0; j < count; j++) total[touched[j]] = 0;
  }
  return found;
}

/** Candidates of all parts, best first, one per paper id (its best copy), less `excludeId`. */
function ranked(parts: readonly SearchPart[], found: Candidate[], excludeId: string | undefined): Candidate[] {
  found.sort((a, b) => b.similarity - a.similarity || b.recency - a.recency || a.part - b.part || a.slot - b.slot);
  const seen = new Set<string>();
  return found.filter((c) => {
    const id = parts[c.part].id(c.slot);
    if (id === excludeId || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function keepFor(limit: number, options: SimilarOptions): number {
  return limit + (options.exclude ? EXTRA_EXCLUDING : EXTRA);
}

/**
 * The papers of the parts most like the query words, best first, as the parts list them (a
 * segment's summaries); reads the postings it needs, gives the loop turns on the way, and
 * answers [] once `signal` aborts.
 */
export async function similarParts(
  parts: readonly SearchPart[],
  counts: TermCounts,
  limit: number,
  options: SimilarOptions = {},
): Promise<SimilarHit[]> {
  if (limit <= 0 || counts.size === 0) return [];
  const slicer = options.slicer ?? new TimeSlicer();
  const query = await runSliced(weigh(parts, counts), slicer);
  if (query.terms.length === 0 || options.signal?.aborted) return [];
  await Promise.all(
    parts.map((part, p) =>
      part.loadPostings?.(query.terms.flatMap(({ ids }) => (ids[p] === undefined ? [] : [ids[p]]))),
    ),
  );
  if (options.signal?.aborted) return [];
  const found = await runSliced(candidates(parts, query, keepFor(limit, options)), slicer);
  const chosen = ranked(parts, found, options.excludeId);
  const hits: SimilarHit[] = [];
  // Summaries are read a few more than still wanted at a time: most candidates are listed.
  for (let at = 0; at < chosen.length && hits.length < limit;) {
    const batch = chosen.slice(at, at + limit - hits.length + 2);
    at += batch.length;
    const papers = await Promise.all(
      parts.map(async (part, p) => {
        const slots = batch.filter((c) => c.part === p).map((c) => c.slot);
        const listed = slots.length > 0 ? await part.summaries(slots) : [];
        return new Map(slots.map((slot, i) => [slot, listed[i]]));
      }),
    );
    if (options.signal?.aborted) return [];
    for (const c of batch) {
      const paper = papers[c.part].get(c.slot) as Paper;
      if (hits.length < limit && !options.exclude?.(paper)) hits.push({ paper, similarity: c.similarity });
    }
  }
  return hits;
}

/** As `similarParts`, at once, over parts that hold their papers in memory. */
export function similarPartsNow(
  parts: readonly SearchPart[],
  counts: TermCounts,
  limit: number,
  options: Omit<SimilarOptions, 'signal' | 'slicer'> = {},
): SimilarHit[] {
  if (limit <= 0 || counts.size === 0) return [];
  const query = runNow(weigh(parts, counts));
  if (query.terms.length === 0) return [];
  const found = runNow(candidates(parts, query, keepFor(limit, options)));
  const hits: SimilarHit[] = [];
  for (const c of ranked(parts, found, options.excludeId)) {
    if (hits.length >= limit) break;
    const held = parts[c.part].summaries([c.slot]);
    if (!Array.isArray(held)) throw new TypeError('similarPartsNow needs parts that hold their papers');
    if (!options.exclude?.(held[0])) hits.push({ paper: held[0], similarity: c.similarity });
  }
  return hits;
}
