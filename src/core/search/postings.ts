/**
 * What the word index records per (word, paper) and how a query word scores a paper from
 * it: shared by the in-memory index (`PaperIndex`) and the persisted one (`persist/`), so
 * both answer alike.
 *
 * A posting packs slot, title position and field mask into one int32:
 * slot * 256 + position * 16 + mask.
 */
import type { Paper } from '../paper';
import { indexTerms } from './paperText';
import type { QueryScratch } from './queryScratch';

export const TITLE = 1;
export const AUTHORS = 2;
export const KEYWORDS = 4;
export const ABSTRACT = 8;
export const FIELD_MASK = 15;
/** Title positions from here on are all "late in the title" (4 bits). */
export const LATE = 15;
/** Slots fit the 23 bits a posting leaves them. */
export const MAX_SLOTS = 2 ** 23;

/** What one query word found in a field is worth; a mask is worth its best field. */
const FIELD_WEIGHT: Record<number, number> = { [TITLE]: 1, [AUTHORS]: 0.9, [KEYWORDS]: 0.75, [ABSTRACT]: 0.45 };
const MASK_WEIGHT = Float64Array.from({ length: FIELD_MASK + 1 }, (_, mask) =>
  Math.max(0, ...[TITLE, AUTHORS, KEYWORDS, ABSTRACT].filter((bit) => mask & bit).map((bit) => FIELD_WEIGHT[bit])),
);

/** Abstract words indexed; later ones cost memory and add little that the title has not. */
export const ABSTRACT_WORDS = 60;

const STOP_WORDS = new Set(
  (
    'a an and are as at be by for from has have in is it its of on or that the their this to ' +
    'was we were which with'
  ).split(' '),
);

/**
 * The paper's indexed words, each with `position * 16 + fields` (position: the first title
 * word it is, or LATE), written into `found` (cleared first; a scratch map the caller keeps).
 */
export function paperTerms(
  paper: Paper,
  found: Map<string, number>,
  abstractWords = ABSTRACT_WORDS,
): Map<string, number> {
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
  for (const terms of indexTerms(paper.abstract, abstractWords)) {
    for (const term of terms) if (!STOP_WORDS.has(term)) note(term, ABSTRACT, LATE);
  }
  return found;
}

/**
 * What a word weighs in a paper's document vector for "similar papers" (similar.ts), by the
 * fields it occurs in: the index keeps no counts, so the field stands in for how much the
 * paper is about the word. Author names are left out: the query side (title, keywords,
 * abstract) has none, and they would only lengthen the vectors of many-author papers.
 */
export const DOC_WEIGHT = Float64Array.from({ length: FIELD_MASK + 1 }, (_, mask) =>
  Math.max(0, ...[TITLE, KEYWORDS, ABSTRACT].filter((bit) => mask & bit).map((bit) => FIELD_WEIGHT[bit])),
);

const ALL_DIGITS = /^[0-9]+$/;

/**
 * Whether a word takes part in similarity: stop words (kept in titles for search), single
 * characters and bare numbers (years, section numbers) say nothing of a topic.
 */
export function isTopicWord(term: string): boolean {
  return term.length >= 2 && !STOP_WORDS.has(term) && !ALL_DIGITS.test(term);
}

/**
 * The length of a paper's document vector, from what `paperTerms` found: kept per slot, since
 * cosine divides by it and the postings alone cannot give it without reading every list.
 */
export function documentNorm(found: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const [term, packed] of found) {
    const weight = DOC_WEIGHT[packed & FIELD_MASK];
    if (weight > 0 && isTopicWord(term)) sum += weight * weight;
  }
  return Math.sqrt(sum);
}

/**
 * Folds one term's postings into the query word's best value per paper; returns how many
 * papers the word reached so far, listed in `touchedByWord` (scratch: growing a fresh array
 * to 100k entries per query cost more than the scan itself). Slots marked in `dead` (removed
 * or superseded papers) are skipped.
 */
export function scanPostings(
  list: ArrayLike<number>,
  count: number,
  similarity: number,
  dead: Uint8Array | undefined,
  { wordBest, wordPos, touchedByWord: touched }: QueryScratch,
  touchedCount: number,
): number {
  let n = touchedCount;
  for (let k = 0; k < count; k++) {
    const posting = list[k];
    const slot = posting >>> 8;
    if (dead !== undefined && dead[slot] === 1) continue;
    const mask = posting & FIELD_MASK;
    const value = similarity * MASK_WEIGHT[mask];
    const position = mask & TITLE ? (posting >>> 4) & LATE : LATE;
    const best = wordBest[slot];
    // Equal values keep the earlier title position, so the answer does not depend on the
    // order in which a part lists a word's matches.
    if (value > best || (value === best && position < wordPos[slot])) {
      if (best === 0) touched[n++] = slot;
      wordBest[slot] = value;
      wordPos[slot] = position;
    }
  }
  return n;
}
