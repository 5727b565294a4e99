/**
 * Finds the journal or proceedings version of a preprint, conservatively: identifiers first
 * (arXiv's own DOI and journal reference, Crossref's preprint relation), then title searches
 * whose hits must pass `sameWork`. A service that fails is noted and the next one asked, so
 * one service being down costs at most the venue it alone knew.
 */
import { splitName } from '../cite/names';
import { isArxivDoi } from '../cite/publishedFields';
import { errorMessage } from '../guards';
import { normaliseArxivId, type Publication } from '../paper';
import { sameWork, type MatchSubject } from './match';
import type { LookupServices } from './services';
import { isConferenceVenue } from './venueKind';
import { newPublication } from './publication';
import type { Work, WorkService } from './work';

export interface PreprintRef {
  arxivId?: string;
  doi?: string;
  journalRef?: string;
  title: string;
  authors: string[];
  year?: string;
}

export interface LookupFailure {
  service: WorkService;
  message: string;
}

export interface PublishedResult {
  publication?: Publication;
  /** The record the publication was taken from (absent when it came from a journal reference alone). */
  matched?: Work;
  failures: LookupFailure[];
}

function arxivIdOfDoi(doi: string): string | undefined {
  const m = /^10\.48550\/arxiv\.(.+)$/i.exec(doi.trim());
  return m ? normaliseArxivId(m[1]) : undefined;
}

/**
 * A publication read from arXiv's free-text `journal_ref`. Its parts (volume, pages) are
 * written too many ways to split reliably, so the whole text is the venue.
 */
export function journalRefPublication(journalRef: string, doi?: string): Publication {
  const venue = journalRef.replace(/\s+/g, ' ').trim();
  const year = /\b(1[89]\d\d|20\d\d)\b/.exec(venue)?.[1];
  return newPublication(isConferenceVenue(venue) ? 'inproceedings' : 'article', venue, 'arxiv', { year, doi });
}

function isPublished(work: Work | undefined): work is Work & { publication: Publication } {
  const p = work?.publication;
  if (p === undefined || p.venue.trim() === '') return false;
  if (p.doi !== undefined && isArxivDoi(p.doi)) return false;
  // DBLP files arXiv copies under the journal "CoRR". Its key says nothing: the ICLR 2014-2016
  // papers are proceedings records under `journals/corr/…` keys.
  return !/^(?:corr|arxiv\b)/i.test(p.venue.trim());
}

function yearGap(subject: MatchSubject, work: Work): number {
  const a = Number(subject.year);
  const b = Number(work.publication?.year ?? work.year);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.abs(a - b) : 2;
}

/**
 * Of the hits that pass the rule, the one closest in time to the preprint (the service's order
 * breaks ties): a later re-publication under the same title and authors (the Communications of
 * the ACM highlights of NeRF and of GANs) is not the version the preprint became.
 */
function bestMatch(
  subject: MatchSubject,
  hits: readonly Work[] | undefined,
): (Work & { publication: Publication }) | undefined {
  let best: (Work & { publication: Publication }) | undefined;
  for (const hit of hits ?? []) {
    if (!isPublished(hit) || !sameWork(subject, asSubject(hit)).same) continue;
    if (best === undefined || yearGap(subject, hit) < yearGap(subject, best)) best = hit;
  }
  return best;
}

function asSubject(work: Work): MatchSubject {
  const subject: MatchSubject = { title: work.title, authors: work.authors };
  if (work.families !== undefined) subject.families = work.families;
  if (work.year !== undefined) subject.year = work.year;
  return subject;
}

function found(
  work: Work & { publication: Publication },
  foundBy: WorkService,
  failures: LookupFailure[],
): PublishedResult {
  const publication: Publication = { ...work.publication, foundBy };
  if (publication.doi === undefined && work.doi !== undefined && !isArxivDoi(work.doi)) publication.doi = work.doi;
  return { publication, matched: work, failures };
}

/**
 * Runs `call`; a rejection becomes a recorded failure and `undefined`, unless the look-up was
 * cancelled, which ends the whole search.
 */
async function attempt<T>(
  service: WorkService,
  failures: LookupFailure[],
  signal: AbortSignal | undefined,
  call: () => Promise<T>,
): Promise<T | undefined> {
  throwIfCancelled(signal);
  try {
    return await call();
  } catch (err) {
    if (signal?.aborted) throw err;
    failures.push({ service, message: errorMessage(err) });
    return undefined;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('look-up cancelled');
}

/** First author's family name as a search narrowing (`Vaswani`), the way services index it. */
function searchAuthor(ref: PreprintRef): string | undefined {
  const first = ref.authors[0]?.trim();
  if (!first) return undefined;
  const parts = splitName(first);
  return (parts.literal ? first : [parts.particle, parts.family].filter((p) => p !== '').join(' ')) || undefined;
}

/**
 * The published version of `ref`, asking in turn: (1) arXiv's own record (its DOI, resolved
 * through Crossref, else its journal reference), (2) DBLP, (3) Crossref (the preprint DOI's
 * relation, else a title search), (4) Semantic Scholar. The first found is returned.
 */
export async function findPublished(
  ref: PreprintRef,
  services: LookupServices,
  signal?: AbortSignal,
): Promise<PublishedResult> {
  const failures: LookupFailure[] = [];
  const subject: MatchSubject = { title: ref.title, authors: ref.authors };
  if (ref.year !== undefined) subject.year = ref.year;
  const arxivId =
    (ref.arxivId !== undefined ? normaliseArxivId(ref.arxivId) : undefined) ??
    (ref.doi !== undefined ? arxivIdOfDoi(ref.doi) : undefined);
  let doi = ref.doi !== undefined && !isArxivDoi(ref.doi) ? ref.doi.trim().toLowerCase() : undefined;
  let journalRef = ref.journalRef?.trim() || undefined;

  // (1) arXiv's own record: the authors' word on where the paper appeared.
  if (arxivId !== undefined && doi === undefined && journalRef === undefined) {
    const papers = await attempt('arxiv', failures, signal, () => services.arxivByIds([arxivId], signal));
    const own = papers?.find((p) => (p.arxivId ?? normaliseArxivId(p.id)) === arxivId);
    if (own?.doi !== undefined && !isArxivDoi(own.doi)) doi = own.doi.trim().toLowerCase();
    journalRef = own?.journalRef?.trim() || undefined;
  }
  let doiWork: Work | undefined;
  if (doi !== undefined) {
    const known = doi;
    doiWork = await attempt('crossref', failures, signal, () => services.crossrefWork(known, signal));
    // arXiv's DOI was entered by the authors: no title check (titles often change on publication).
    if (isPublished(doiWork) && (arxivId !== undefined || ref.doi === undefined)) {
      return found(doiWork, 'arxiv', failures);
    }
    if (isPublished(doiWork)) return found(doiWork, 'crossref', failures);
  }
  if (journalRef !== undefined) {
    return { publication: journalRefPublication(journalRef, doiWork?.preprintOf?.length ? undefined : doi), failures };
  }

  // (2) DBLP: a conference or journal record under the matching rule, then its full record.
  const author = searchAuthor(ref);
  const query = author !== undefined ? { title: ref.title, author } : { title: ref.title };
  const dblpHits = await attempt('dblp', failures, signal, () => services.dblpSearch(query, signal));
  const dblpHit = bestMatch(subject, dblpHits);
  if (dblpHit !== undefined) {
    const key = dblpHit.dblpKey;
    const record =
      key !== undefined ? await attempt('dblp', failures, signal, () => services.dblpRecord(key, signal)) : undefined;
    if (isPublished(record) && sameWork(subject, asSubject(record)).same) return found(record, 'dblp', failures);
    return found(dblpHit, 'dblp', failures);
  }

  // (3) Crossref: a preprint DOI's own link to its published version, else a title search.
  for (const target of doiWork?.preprintOf ?? []) {
    if (isArxivDoi(target)) continue;
    const work = await attempt('crossref', failures, signal, () => services.crossrefWork(target, signal));
    if (isPublished(work)) return found(work, 'crossref', failures);
  }
  const crossrefHits = await attempt('crossref', failures, signal, () => services.crossrefSearch(query, signal));
  const crossrefHit = bestMatch(subject, crossrefHits);
  if (crossrefHit !== undefined) return found(crossrefHit, 'crossref', failures);

  // (4) Semantic Scholar, by identifier. Its `year` is often the preprint's (it merges the
  // arXiv record in), so a venue whose year is the preprint's own is taken only with a DOI
  // whose Crossref record gives the venue's real year; otherwise the year may be wrong.
  const s2Id = arxivId !== undefined ? `arXiv:${arxivId}` : doi !== undefined ? `DOI:${doi}` : undefined;
  if (s2Id !== undefined) {
    const work = await attempt('semanticScholar', failures, signal, () => services.semanticScholarPaper(s2Id, signal));
    if (isPublished(work) && sameWork(subject, asSubject(work)).same) {
      const s2Year = work.publication.year ?? work.year;
      if (s2Year !== undefined && s2Year !== subject.year) return found(work, 'semanticScholar', failures);
      const s2Doi = work.publication.doi ?? work.doi;
      if (s2Doi !== undefined && !isArxivDoi(s2Doi) && s2Doi !== doi) {
        const record = await attempt('crossref', failures, signal, () => services.crossrefWork(s2Doi, signal));
        const year = record?.publication?.year ?? record?.year;
        if (year !== undefined) {
          return found({ ...work, publication: { ...work.publication, year } }, 'semanticScholar', failures);
        }
      }
    }
  }
  return { failures };
}
