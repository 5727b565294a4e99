/**
 * The title search behind "Cite Paper by ID, DOI or Title…": arXiv, Crossref and DBLP asked at
 * once, their answers merged so that one paper is one pick, ranked by how well its title
 * matches what was typed. A service that fails is reported while the others' answers show.
 */
import { isArxivDoi } from '../cite/publishedFields';
import { errorMessage } from '../guards';
import { familyKey, normaliseTitle } from './match';
import type { LookupFailure } from './published';
import type { LookupServices } from './services';
import type { Work, WorkService } from './work';
import { paperToWork } from './workPaper';

/** A work as several services described it, with every service that found it. */
export type MergedWork = Work & { services: WorkService[] };

export interface WorkSearchResult {
  works: MergedWork[];
  failures: LookupFailure[];
}

export async function searchWorks(
  query: string,
  services: LookupServices,
  signal?: AbortSignal,
): Promise<WorkSearchResult> {
  const title = query.replace(/\s+/g, ' ').trim();
  const asks: [WorkService, Promise<Work[]>][] = [
    ['arxiv', services.arxivSearch({ title }, signal).then((papers) => papers.map(paperToWork))],
    ['crossref', services.crossrefSearch({ title }, signal)],
    ['dblp', services.dblpSearch({ title }, signal)],
  ];
  const settled = await Promise.allSettled(asks.map(([, p]) => p));
  const failures: LookupFailure[] = [];
  const lists: Work[][] = [];
  settled.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') lists.push(outcome.value);
    else {
      if (signal?.aborted) throw outcome.reason;
      failures.push({ service: asks[i][0], message: errorMessage(outcome.reason) });
    }
  });
  const works = mergeWorks(lists);
  return { works: rankWorks(works, title), failures };
}

function titleKey(work: Work): string | undefined {
  const title = normaliseTitle(work.title);
  const first = work.families?.[0] ?? work.authors[0];
  if (title === '' || first === undefined) return undefined;
  const family = familyKey(first);
  return family === '' ? undefined : `${title}|${family}`;
}

function yearsClose(a: Work, b: Work): boolean {
  if (a.year === undefined || b.year === undefined) return true;
  return Math.abs(Number(a.year) - Number(b.year)) <= 2;
}

function arxivIdOf(work: Work): string | undefined {
  if (work.arxivId !== undefined) return work.arxivId;
  const m = /^10\.48550\/arxiv\.(.+)$/i.exec(work.doi ?? '');
  return m ? m[1] : undefined;
}

function publishedDoi(work: Work): string | undefined {
  return work.doi !== undefined && !isArxivDoi(work.doi) ? work.doi.toLowerCase() : undefined;
}

/**
 * Whether two answers describe the same paper: the same DOI, the same arXiv id, or the same
 * normalised title and first author with years (when both are known) at most two apart — the
 * year keeps a later re-deposit under the same title apart from the original.
 */
function sameRecord(a: Work, b: Work): boolean {
  const doiA = publishedDoi(a);
  const doiB = publishedDoi(b);
  if (doiA !== undefined && doiA === doiB) return true;
  // Two publications of one paper (ECCV 2020 and its 2022 CACM reprint) stay two picks.
  if (doiA !== undefined && doiB !== undefined) return false;
  const keyA = venueKey(a);
  const keyB = venueKey(b);
  if (keyA !== undefined && keyB !== undefined && keyA !== keyB) return false;
  const idA = arxivIdOf(a);
  if (idA !== undefined && idA === arxivIdOf(b)) return true;
  const titleA = titleKey(a);
  return titleA !== undefined && titleA === titleKey(b) && yearsClose(a, b);
}

/** A DBLP key of a publication (not of a CoRR copy). */
function venueKey(work: Work): string | undefined {
  return work.publication !== undefined ? work.dblpKey : undefined;
}

function publicationDetail(work: Work): number {
  const p = work.publication;
  return p === undefined ? -1 : Object.values(p).filter((v) => v !== undefined && v !== '').length;
}

function absorb(into: MergedWork, work: Work): void {
  if (!into.services.includes(work.service)) into.services.push(work.service);
  if (work.authors.length > into.authors.length) {
    into.authors = work.authors;
    if (work.families !== undefined) into.families = work.families;
    else delete into.families;
  }
  if (into.families === undefined && work.families?.length === into.authors.length) into.families = work.families;
  if (into.year === undefined || (work.year !== undefined && work.year < into.year)) {
    if (work.year !== undefined) into.year = work.year;
  }
  into.arxivId ??= arxivIdOf(work);
  const doi = publishedDoi(work);
  if (doi !== undefined && publishedDoi(into) === undefined) into.doi = doi;
  else into.doi ??= work.doi;
  if (work.dblpKey !== undefined && (into.dblpKey === undefined || into.dblpKey.startsWith('journals/corr/'))) {
    into.dblpKey = work.dblpKey;
  }
  if (publicationDetail(work) > publicationDetail(into)) into.publication = work.publication;
  if ((work.abstract?.length ?? 0) > (into.abstract?.length ?? 0)) into.abstract = work.abstract;
  into.url ??= work.url;
  for (const field of ['preprintOf', 'hasPreprint'] as const) {
    const ids = work[field];
    if (ids !== undefined) into[field] = [...new Set([...(into[field] ?? []), ...ids])];
  }
}

/**
 * The services' answers as one list, each paper once, in the order first seen: records are the
 * same paper by DOI, arXiv id (DBLP's CoRR records carry one), or title and first author.
 * A merged record keeps the richest of each field.
 */
export function mergeWorks(lists: Work[][]): MergedWork[] {
  const merged: MergedWork[] = [];
  for (const list of lists) {
    for (const work of list) {
      const existing = merged.find((m) => sameRecord(m, work));
      if (existing !== undefined) absorb(existing, work);
      else {
        const fresh: MergedWork = { ...work, services: [work.service] };
        const arxivId = arxivIdOf(work);
        if (arxivId !== undefined) fresh.arxivId = arxivId;
        merged.push(fresh);
      }
    }
  }
  return merged;
}

/** How well a title answers the query: 2 for the same normalised title, else word overlap in [0, 1]. */
export function titleScore(query: string, title: string): number {
  const q = normaliseTitle(query);
  const t = normaliseTitle(title);
  if (q === '' || t === '') return 0;
  if (q === t) return 2;
  const qWords = new Set(q.split(' '));
  const tWords = new Set(t.split(' '));
  let shared = 0;
  for (const w of qWords) if (tWords.has(w)) shared++;
  return shared / new Set([...qWords, ...tWords]).size;
}

/** Best title match first, then the paper more services know; otherwise the order found. */
export function rankWorks(works: MergedWork[], query: string): MergedWork[] {
  return works
    .map((work, i) => ({ work, i, score: titleScore(query, work.title) }))
    .sort((a, b) => b.score - a.score || b.work.services.length - a.work.services.length || a.i - b.i)
    .map((x) => x.work);
}
