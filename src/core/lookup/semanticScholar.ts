/**
 * Semantic Scholar's graph API, `GET /graph/v1/paper/{id}?fields=…` with `arXiv:…` or `DOI:…`
 * ids: the last resort for a preprint's published venue, and a bridge between ids (its
 * `externalIds` tie an arXiv id to a DOI and a DBLP key). Its venue data is loose — arXiv
 * itself appears as a journal — so a publication is read only when the record names a venue
 * that is not arXiv.
 */
import { isRecord } from '../guards';
import { apiUrl } from '../net/baseUrl';
import { getJson, type HttpOptions } from '../net/http';
import { HttpError } from '../net/httpError';
import { normaliseArxivId, type Publication } from '../paper';
import {
  LookupFormatError,
  fourDigitYear,
  isArxivDoi,
  lowerDoi,
  plainAbstract,
  plainLine,
  plainPages,
  text,
  textOrNumber,
} from './markup';
import { newPublication } from './publication';
import type { Work } from './work';

export const SEMANTIC_SCHOLAR_BASE_URL = 'https://api.semanticscholar.org';

export const S2_FIELDS = 'title,authors,year,venue,publicationVenue,journal,publicationTypes,externalIds,url,abstract';

/** A paper record; undefined when it has no title. Throws when the body is not a paper record. */
export function parseSemanticScholarPaper(json: unknown): Work | undefined {
  if (!isRecord(json) || !('paperId' in json || 'title' in json)) {
    throw new LookupFormatError('semanticScholar', 'Semantic Scholar answered something that is not a paper record');
  }
  const title = typeof json.title === 'string' ? plainLine(json.title) : '';
  if (title === '') return undefined;

  const authors: string[] = [];
  if (Array.isArray(json.authors)) {
    for (const author of json.authors) {
      const name = isRecord(author) && typeof author.name === 'string' ? plainLine(author.name) : '';
      if (name !== '') authors.push(name);
    }
  }
  const work: Work = { service: 'semanticScholar', title, authors };
  const year = fourDigitYear(json.year);
  if (year !== undefined) work.year = year;

  const ids = isRecord(json.externalIds) ? json.externalIds : {};
  const arxivId = typeof ids.ArXiv === 'string' ? normaliseArxivId(ids.ArXiv) : undefined;
  if (arxivId !== undefined) work.arxivId = arxivId;
  const doi = lowerDoi(ids.DOI);
  if (doi !== undefined) work.doi = doi;
  const dblpKey = text(ids.DBLP);
  if (dblpKey !== undefined) work.dblpKey = dblpKey;

  const publication = publicationOf(json, year, doi);
  if (publication !== undefined) work.publication = publication;

  if (typeof json.abstract === 'string') {
    const abstract = plainAbstract(json.abstract);
    if (abstract !== '') work.abstract = abstract;
  }
  const url = text(json.url);
  if (url !== undefined) work.url = url;
  return work;
}

/** `id` is sent as one path segment, its `:` and `/` kept as Semantic Scholar's examples write them. */
export function semanticScholarPaperUrl(baseUrl: string, id: string): string {
  const segment = encodeURIComponent(id.trim()).replace(/%3A/gi, ':').replace(/%2F/gi, '/');
  const url = apiUrl(baseUrl, `/graph/v1/paper/${segment}`);
  url.searchParams.set('fields', S2_FIELDS);
  return url.toString();
}

/** The paper, or undefined when Semantic Scholar does not know the id (404). */
export async function fetchSemanticScholarPaper(o: {
  baseUrl: string;
  id: string;
  http: HttpOptions;
}): Promise<Work | undefined> {
  let body: unknown;
  try {
    body = await getJson(semanticScholarPaperUrl(o.baseUrl, o.id), o.http);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return undefined;
    throw err;
  }
  return parseSemanticScholarPaper(body);
}

// ---------------------------------------------------------------------------------------------

/** `arXiv.org`, `ArXiv`, `arXiv (Cornell University)`: the preprint server, not a venue. */
function isArxivName(name: string): boolean {
  return /^arxiv\b/i.test(name);
}

function nameOf(value: unknown): string | undefined {
  const name = typeof value === 'string' ? plainLine(value) : '';
  return name === '' || isArxivName(name) ? undefined : name;
}

function kindOf(record: Record<string, unknown>): Publication['kind'] | undefined {
  const venue = isRecord(record.publicationVenue) ? record.publicationVenue : undefined;
  const venueType = typeof venue?.type === 'string' ? venue.type.toLowerCase() : undefined;
  if (venueType === 'conference') return 'inproceedings';
  if (venueType === 'journal') return 'article';
  const types = Array.isArray(record.publicationTypes) ? record.publicationTypes : [];
  // Conference papers are often tagged JournalArticle as well; the conference tag is the telling one.
  if (types.includes('Conference')) return 'inproceedings';
  if (types.includes('JournalArticle')) return 'article';
  return undefined;
}

function publicationOf(
  record: Record<string, unknown>,
  year: string | undefined,
  doi: string | undefined,
): Publication | undefined {
  const kind = kindOf(record);
  if (kind === undefined) return undefined;
  const journal = isRecord(record.journal) ? record.journal : undefined;
  // A journal whose volume is `abs/…` is arXiv's listing, whatever its name says.
  const journalVolume = textOrNumber(journal?.volume);
  const arxivJournal = journal !== undefined && (journalVolume?.startsWith('abs/') ?? false);
  const journalName = arxivJournal ? undefined : nameOf(journal?.name);
  const venueRecord = isRecord(record.publicationVenue) ? record.publicationVenue : undefined;
  const venue = (kind === 'article' ? journalName : undefined) ?? nameOf(venueRecord?.name) ?? nameOf(record.venue);
  if (venue === undefined) return undefined;

  const usableJournal = journal !== undefined && !arxivJournal && !isArxivName(text(journal.name) ?? '');
  const pages = usableJournal ? textOrNumber(journal.pages) : undefined;
  return newPublication(kind, venue, 'semanticScholar', {
    year,
    volume: usableJournal ? journalVolume : undefined,
    pages: pages !== undefined ? plainPages(pages) : undefined,
    doi: doi !== undefined && !isArxivDoi(doi) ? doi : undefined,
  });
}
