/**
 * What citing papers does to a bibliography, decided without touching it: which existing
 * entries are reused, which keys the new entries get, and the text to append. Every place
 * that makes entries for several papers (cite, add entry, copy, insert, the reading list
 * export) gets its keys from `newEntries`, so no two of them can disagree on a key.
 */
import type { Paper } from '../paper';
import { appendEntry, findExisting, keysIn, type BibRecord } from './bibDocument';
import { bibtexEntry, type BibtexOptions } from './bibtexEntry';
import type { CitedPaper } from './citeText';

/** How entries are written (key style or template, ASCII); the keys in use come separately. */
export type EntryOptions = Omit<BibtexOptions, 'taken'>;

/** One paper of a plan: the key to cite, and the entry's text when the entry is new. */
export interface PlannedCitation {
  paper: Paper;
  key: string;
  /** Absent when an entry of the .bib already stands for the paper. */
  newEntry?: string;
}

export interface CitePlan {
  /** One per distinct paper (by id), in the order given. */
  cited: PlannedCitation[];
  /** Keys of the new entries, in order. */
  added: string[];
  /** Keys of the existing entries cited instead of adding one. */
  reused: string[];
  /** What to append to the .bib's text: the new entries, separated and ended as `appendEntry` does. */
  newText: string;
}

/**
 * An entry for each paper, in order, each key clashing (ignoring case) with none in `taken`
 * and none made before it in the same call.
 */
export function newEntries(
  papers: readonly Paper[],
  options: EntryOptions = {},
  taken: Iterable<string> = [],
): CitedPaper[] {
  const inUse = new Set(taken);
  return papers.map((paper) => {
    const { key, text } = bibtexEntry(paper, { ...options, taken: inUse });
    inUse.add(key);
    return { paper, key, text };
  });
}

/** An entry made elsewhere (Better BibTeX's export of the paper's Zotero item), used as is. */
export interface ForeignEntry {
  key: string;
  text: string;
}

/**
 * Citing `papers` in a .bib holding `existing` (parsed from `bibText`): a paper cited twice
 * counts once; a paper `findExisting` finds keeps that entry's key and adds nothing; a paper
 * in `foreign` (by id) gets that key and entry (nothing added when the key is already in the
 * file: that is the same entry, exported before); the others get new entries whose keys clash
 * with no key in the file nor in `foreign`.
 */
export function planCitation(
  papers: readonly Paper[],
  existing: readonly BibRecord[],
  options: EntryOptions = {},
  bibText = '',
  foreign: ReadonlyMap<string, ForeignEntry> = new Map(),
): CitePlan {
  const seen = new Set<string>();
  const distinct = papers.filter((paper) => !seen.has(paper.id) && seen.add(paper.id));
  const found = distinct.map((paper) => findExisting(existing, paper));
  const inFile = keysIn(existing);
  const inFileLower = new Set([...inFile].map((k) => k.toLowerCase()));
  const made = newEntries(
    distinct.filter((paper, i) => found[i] === undefined && !foreign.has(paper.id)),
    options,
    [...inFile, ...[...foreign.values()].map((f) => f.key)],
  );
  let next = 0;
  const appended: ForeignEntry[] = [];
  const cited = distinct.map((paper, i): PlannedCitation => {
    const entry = found[i];
    if (entry !== undefined) return { paper, key: entry.key };
    const outside = foreign.get(paper.id);
    if (outside !== undefined) {
      if (inFileLower.has(outside.key.toLowerCase())) return { paper, key: outside.key };
      inFileLower.add(outside.key.toLowerCase());
      appended.push(outside);
      return { paper, key: outside.key, newEntry: outside.text };
    }
    const made1 = made[next++];
    appended.push(made1);
    return { paper, key: made1.key, newEntry: made1.text };
  });
  let bib = bibText;
  for (const { text } of appended) bib = appendEntry(bib, text);
  return {
    cited,
    added: appended.map((m) => m.key),
    reused: cited.filter((c) => c.newEntry === undefined).map((c) => c.key),
    newText: bib.slice(bibText.length),
  };
}

/**
 * The key each paper (by id) has in the .bib, or would get if it were added on its own:
 * completion offers papers one by one, and accepting one adds that paper alone.
 */
export function keysWhenAddedAlone(
  papers: readonly Paper[],
  existing: readonly BibRecord[],
  options: EntryOptions = {},
): Map<string, string> {
  return new Map(papers.map((paper) => [paper.id, planCitation([paper], existing, options).cited[0].key]));
}
