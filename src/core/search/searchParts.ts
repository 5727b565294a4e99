/**
 * The query side of the search (the two stages are described in paperIndex.ts), over one or
 * more parts: the in-memory index of the papers this window added, and the persisted
 * segments of the cache. Each part finds its own best candidates by word; the union, one per
 * paper id, goes to Fuse.js once, so hits from different parts compare on one scale.
 */
import Fuse from 'fuse.js';
import type { Paper } from '../paper';
import type { TermDictionary, TermMatch } from './termTable';
import { matchesOf } from './paperText';
import { foldText, words } from './textMatch';
import type { QueryScratch } from './queryScratch';
import { TopK } from './topK';
import { FUSE_OPTIONS, fuseDoc } from './fuseStage';
import { LATE, scanPostings } from './postings';
import { TimeSlicer } from '../timeSlice';
import type { SearchHit, SearchOptions } from './paperIndex';

/** One searchable set of papers, each in a slot. */
export interface SearchPart {
  readonly terms: TermDictionary;
  readonly slotCount: number;
  /** Days since the epoch per slot: newer papers win ties. */
  readonly recency: Float64Array;
  /** Per slot, the length of its document vector (similar papers, similar.ts). */
  readonly norms: Float32Array;
  /** 1 for a slot no longer searchable (removed, or superseded by a newer record). */
  readonly dead: Uint8Array | undefined;
  /** Slots per distinct paper, when a paper may have several. */
  readonly copies?: number;
  /** Per-slot arrays for one query, at least `slotCount` long. */
  scratch(): QueryScratch;
  id(slot: number): string;
  /**
   * The papers as the part holds them: whole in memory, or a persisted part's summaries
   * (what a hit lists), read from its file.
   */
  summaries(slots: readonly number[]): Paper[] | Promise<Paper[]>;
  /** Makes the terms' postings available, for a part that reads them from a file. */
  loadPostings?(terms: Iterable<number>): Promise<void>;
}

/** Papers Fuse scores beyond the number asked for. */
const EXTRA_CANDIDATES = 30;
const MIN_CANDIDATES = 60;
/** Query words looked at; a pasted paragraph would otherwise cost a lookup per word. */
const MAX_QUERY_WORDS = 12;
/** Share of the final score that is Fuse's; the rest is the word index's. */
const FUSE_SHARE = 0.5;
/** Added per query word that follows the previous one in the title (or starts it, for the first). */
const ORDER_WEIGHT = 0.6;

interface QueryWord {
  word: string;
  matches: TermMatch[];
}

interface Candidate {
  part: number;
  slot: number;
  wordScore: number;
  recency: number;
}

/** The best candidates of all parts for a query, one per paper, and what Fuse will read. */
interface Prepared {
  chosen: Candidate[];
  fuseWords: QueryWord[];
  partWords: (QueryWord[] | undefined)[];
}

/**
 * Papers matching `query`, best first, over parts that hold their papers in memory. An empty
 * query matches nothing: what to show before the user types is the caller's choice.
 */
export function searchPartsNow(
  parts: readonly SearchPart[],
  query: string,
  limit: number,
  options: SearchOptions = {},
): SearchHit[] {
  const prepared = runNow(prepare(parts, wordsOf(parts, query), limit));
  if (!prepared) return [];
  const papers = prepared.chosen.map((c) => {
    const held = parts[c.part].summaries([c.slot]);
    if (!Array.isArray(held)) throw new TypeError('searchPartsNow needs parts that hold their papers');
    return held[0];
  });
  return finish(parts, prepared, papers, limit, options);
}

/**
 * As `searchPartsNow`, for parts that read from a file (persisted segments): the query's words
 * are looked up, their postings read, the candidates found, their summaries read, and Fuse
 * scores them — the thread is free while reading. Answers [] once `signal` is aborted (a
 * newer keystroke).
 */
export async function searchParts(
  parts: readonly SearchPart[],
  query: string,
  limit: number,
  options: SearchOptions & { signal?: AbortSignal; slicer?: TimeSlicer } = {},
): Promise<SearchHit[]> {
  if (limit <= 0) return [];
  const partWords = wordsOf(parts, query);
  // The postings of every word the query stood for, read before the scan.
  await Promise.all(
    parts.map((part, p) =>
      part.loadPostings?.((partWords[p] ?? []).flatMap(({ matches }) => matches.map((m) => m.term))),
    ),
  );
  if (options.signal?.aborted) return [];
  const prepared = await runSliced(prepare(parts, partWords, limit), options.slicer ?? new TimeSlicer());
  if (!prepared || options.signal?.aborted) return [];
  const bySlot = await Promise.all(
    parts.map(async (part, p) => {
      const slots = prepared.chosen.filter((c) => c.part === p).map((c) => c.slot);
      const papers = slots.length > 0 ? await part.summaries(slots) : [];
      return new Map(slots.map((slot, i) => [slot, papers[i]]));
    }),
  );
  if (options.signal?.aborted) return [];
  const papers = prepared.chosen.map((c) => bySlot[c.part].get(c.slot) as Paper);
  return finish(parts, prepared, papers, limit, options);
}

/** Each part's lookup of the query's words (undefined for a part that has none of them). */
function wordsOf(parts: readonly SearchPart[], query: string): (QueryWord[] | undefined)[] {
  return parts.map((part) => {
    if (part.slotCount === 0) return undefined;
    const queryWords = queryWordsOf(part.terms, query);
    return queryWords.length > 0 ? queryWords : undefined;
  });
}

function* prepare(
  parts: readonly SearchPart[],
  partWords: (QueryWord[] | undefined)[],
  limit: number,
): Generator<void, Prepared | undefined> {
  if (limit <= 0) return undefined;
  const wanted = Math.max(MIN_CANDIDATES, limit + EXTRA_CANDIDATES);
  const byId = new Map<string, Candidate>();
  let fuseWords: QueryWord[] | undefined;
  let widest = -1;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    const queryWords = partWords[p];
    if (!queryWords) continue;
    // Parts may split run-together words differently; Fuse reads the words of the largest.
    if (part.slotCount > widest) {
      widest = part.slotCount;
      fuseWords = queryWords;
    }
    const found = yield* candidates(part, queryWords, Math.ceil(wanted * (part.copies ?? 1)));
    for (const { slot, wordScore } of found) {
      const id = part.id(slot);
      const known = byId.get(id);
      // A paper in two parts (a cached day and this window's newer record) counts once;
      // the first part — the window's own — wins a tie.
      if (known === undefined || wordScore > known.wordScore) {
        byId.set(id, { part: p, slot, wordScore, recency: part.recency[slot] });
      }
    }
  }
  if (byId.size === 0 || fuseWords === undefined) return undefined;

  let chosen = [...byId.values()];
  if (chosen.length > wanted) {
    const all = chosen;
    const best = new TopK(wanted, (a, b) => all[a].wordScore - all[b].wordScore || all[a].recency - all[b].recency);
    for (let i = 0; i < all.length; i++) best.offer(i);
    chosen = best.items().map((i) => all[i]);
  }
  return { chosen, fuseWords, partWords };
}

/** Fuse over the candidates' papers, blended with their word scores. */
function finish(
  parts: readonly SearchPart[],
  { chosen, fuseWords, partWords }: Prepared,
  papers: readonly Paper[],
  limit: number,
  options: SearchOptions,
): SearchHit[] {
  const fuse = new Fuse(
    papers.map((paper, i) => fuseDoc(i, paper)),
    FUSE_OPTIONS,
  );
  const fuzzy = new Map<number, number>();
  for (const result of fuse.search(fuseWords.map((w) => w.word).join(' '))) {
    fuzzy.set(result.item.slot, result.score ?? 1);
  }

  const hits = chosen.map((c, i) => ({
    i,
    c,
    score: FUSE_SHARE * (fuzzy.get(i) ?? 1) + (1 - FUSE_SHARE) * (1 - c.wordScore),
  }));
  hits.sort((a, b) => a.score - b.score || b.c.recency - a.c.recency || a.c.part - b.c.part || a.c.slot - b.c.slot);

  const matchedTerms = options.matches ? matchedTermsOf(parts, partWords) : undefined;
  return hits.slice(0, limit).map(({ i, score }) => {
    const paper = papers[i];
    const hit: SearchHit = { paper, score: Math.round(score * 1e4) / 1e4 };
    if (matchedTerms) hit.matches = matchesOf(paper, matchedTerms);
    return hit;
  });
}

/** The query's words, folded, with run-together words split, each with its lookup. */
function queryWordsOf(terms: TermDictionary, query: string): QueryWord[] {
  const raw = words(foldText(query)).slice(0, MAX_QUERY_WORDS);
  // The last word is still being typed unless a space follows it.
  const typingLast = !/\s$/.test(query);
  const result: QueryWord[] = [];
  raw.forEach((word, i) => {
    const typing = typingLast && i === raw.length - 1;
    const matches = terms.lookup(word, typing);
    const split = matches.some((m) => m.similarity >= 0.8) ? undefined : terms.splitRunTogether(word, typing);
    if (!split) {
      result.push({ word, matches });
      return;
    }
    result.push({ word: split[0], matches: terms.lookup(split[0], false) });
    result.push({ word: split[1], matches: terms.lookup(split[1], typing) });
  });
  return result;
}

/**
 * Papers of one part having any query word, scored in [0, 1] by the words they have (best
 * field and similarity per word) and by how many words follow each other in the title; the
 * best `limit` are kept, newer first among equals.
 */
/**
 * A step per query word (the scan of one word's postings over 100k papers is the unit a
 * sliced search gives the loop a turn after) for a part read from a file, whose words do not
 * change meanwhile — the in-memory part, which `add` changes, is scanned in one go. The
 * candidates are the return value. Run to the end once begun: the part's scratch arrays are
 * cleared only at the end.
 */
function* candidates(
  part: SearchPart,
  queryWords: QueryWord[],
  limit: number,
): Generator<void, { slot: number; wordScore: number }[]> {
  const steps = part.loadPostings !== undefined;
  const scratch = part.scratch();
  const { wordBest, wordPos, lastWord, lastPos, total, touched, touchedByWord } = scratch;
  const { terms, dead } = part;
  let touchedCount = 0;

  for (let i = 0; i < queryWords.length; i++) {
    let wordCount = 0;
    for (const { term, similarity } of queryWords[i].matches) {
      wordCount = scanPostings(terms.postings(term), terms.postingCount(term), similarity, dead, scratch, wordCount);
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
    if (steps) yield;
  }

  const recency = part.recency;
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

export function runNow<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, giving the event loop a turn whenever a slice's budget is used. */
export async function runSliced<T>(steps: Generator<void, T>, slicer: TimeSlicer): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await slicer.pace();
  }
}

/** The indexed words the query stood for, over all parts: what a match highlights. */
function matchedTermsOf(parts: readonly SearchPart[], partWords: (QueryWord[] | undefined)[]): Set<string> {
  const terms = new Set<string>();
  partWords.forEach((queryWords, p) => {
    for (const { matches } of queryWords ?? []) for (const { term } of matches) terms.add(parts[p].terms.text(term));
  });
  return terms;
}
