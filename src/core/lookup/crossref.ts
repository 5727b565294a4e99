/**
 * Crossref REST API: `GET /works/{doi}` for one DOI and `GET /works?query.bibliographic=…`
 * for titles. Crossref registers journal and proceedings DOIs (not arXiv's, which DataCite
 * holds), so a record here is usually the published version, and its `relation` links a
 * preprint to its published version and back.
 */
import { isRecord } from '../guards';
import { apiUrl } from '../net/baseUrl';
import { getJson, type HttpOptions } from '../net/http';
import { HttpError } from '../net/httpError';
import type { Publication } from '../paper';
import {
  LookupFormatError,
  fourDigitYear,
  lowerDoi,
  plainAbstract,
  plainLine,
  plainPages,
  text,
  textOrNumber,
} from './markup';
import type { TitleQuery } from './services';
import { newPublication } from './publication';
import type { Work } from './work';

export const CROSSREF_BASE_URL = 'https://api.crossref.org';

const KIND: Record<string, Publication['kind']> = {
  'journal-article': 'article',
  'proceedings-article': 'inproceedings',
  // Springer's LNCS proceedings papers are registered as chapters of the volume.
  'book-chapter': 'inproceedings',
};

// `issued` is Crossref's earliest known date; the others fill in when it is missing.
const DATE_FIELDS = ['issued', 'published', 'published-print', 'published-online'] as const;

/**
 * One work record (a `message`, or one element of a list's `items`); undefined when it is not
 * an object or has no title. The `subtitle` is left out on purpose: a re-publication titled
 * "NeRF" with a subtitle must not read as the conference paper of the full title.
 */
export function parseCrossrefItem(item: unknown): Work | undefined {
  if (!isRecord(item)) return undefined;
  const title = firstLine(item.title);
  if (title === undefined) return undefined;

  const work: Work = { service: 'crossref', title, authors: [] };
  const families: string[] = [];
  if (Array.isArray(item.author)) {
    for (const person of item.author) {
      const name = personName(person);
      if (name === undefined) continue;
      work.authors.push(name.display);
      families.push(name.family);
    }
  }
  if (families.length > 0) work.families = families;

  const year = issuedYear(item);
  if (year !== undefined) work.year = year;
  const doi = lowerDoi(item.DOI);
  if (doi !== undefined) work.doi = doi;

  const publication = publicationOf(item, year, doi);
  if (publication !== undefined) work.publication = publication;

  if (isRecord(item.relation)) {
    const preprintOf = relationIds(item.relation['is-preprint-of']);
    if (preprintOf.length > 0) work.preprintOf = preprintOf;
    const hasPreprint = relationIds(item.relation['has-preprint']);
    if (hasPreprint.length > 0) work.hasPreprint = hasPreprint;
  }

  if (typeof item.abstract === 'string') {
    const abstract = plainAbstract(item.abstract);
    if (abstract !== '') work.abstract = abstract;
  }
  const url = text(item.URL) ?? (doi !== undefined ? `https://doi.org/${doi}` : undefined);
  if (url !== undefined) work.url = url;
  return work;
}

/** The body of `GET /works/{doi}`; undefined when the record has no title to cite. */
export function parseCrossrefWork(json: unknown): Work | undefined {
  const message = envelope(json, 'work');
  if (!isRecord(message)) {
    throw new LookupFormatError('crossref', 'Crossref answered something that is not a work record');
  }
  return parseCrossrefItem(message);
}

/** The body of `GET /works?…`: its items in Crossref's order (best first), untitled ones left out. */
export function parseCrossrefList(json: unknown): Work[] {
  const message = envelope(json, 'work-list');
  if (!isRecord(message) || !Array.isArray(message.items)) {
    throw new LookupFormatError('crossref', 'Crossref answered something that is not a list of works');
  }
  const works: Work[] = [];
  for (const item of message.items) {
    const work = parseCrossrefItem(item);
    if (work !== undefined) works.push(work);
  }
  return works;
}

export function crossrefWorkUrl(baseUrl: string, doi: string, mailto?: string): string {
  const url = apiUrl(baseUrl, `/works/${encodeURIComponent(doi)}`);
  if (mailto) url.searchParams.set('mailto', mailto);
  return url.toString();
}

export function crossrefSearchUrl(baseUrl: string, query: TitleQuery, rows = 5, mailto?: string): string {
  const url = apiUrl(baseUrl, '/works');
  url.searchParams.set('query.bibliographic', query.title);
  if (query.author) url.searchParams.set('query.author', query.author);
  url.searchParams.set('rows', String(Number.isFinite(rows) ? Math.max(1, Math.floor(rows)) : 5));
  if (mailto) url.searchParams.set('mailto', mailto);
  return url.toString();
}

/** The work a DOI names, or undefined when Crossref does not hold it (404, e.g. arXiv's DOIs). */
export async function fetchCrossrefWork(o: {
  baseUrl: string;
  doi: string;
  http: HttpOptions;
  mailto?: string;
}): Promise<Work | undefined> {
  let body: unknown;
  try {
    body = await getJson(crossrefWorkUrl(o.baseUrl, o.doi, o.mailto), o.http);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return undefined;
    throw err;
  }
  return parseCrossrefWork(body);
}

export async function searchCrossref(o: {
  baseUrl: string;
  query: TitleQuery;
  http: HttpOptions;
  mailto?: string;
  rows?: number;
}): Promise<Work[]> {
  const body = await getJson(crossrefSearchUrl(o.baseUrl, o.query, o.rows, o.mailto), o.http);
  return parseCrossrefList(body);
}

// ---------------------------------------------------------------------------------------------

/** The `message` of a Crossref envelope, after checking it is the expected kind of answer. */
function envelope(json: unknown, messageType: string): unknown {
  if (!isRecord(json)) throw new LookupFormatError('crossref', 'Crossref answered something that is not a JSON object');
  if (json.status !== undefined && json.status !== 'ok') {
    const detail = describeFailure(json.message);
    throw new LookupFormatError('crossref', `Crossref reported a failure${detail ? `: ${detail}` : ''}`);
  }
  const type = json['message-type'];
  if (typeof type === 'string' && type !== messageType) {
    throw new LookupFormatError('crossref', `Crossref answered a "${type}" where a "${messageType}" was expected`);
  }
  return json.message;
}

function describeFailure(message: unknown): string | undefined {
  const first = Array.isArray(message) ? message[0] : message;
  if (typeof first === 'string') return first;
  return isRecord(first) ? text(first.message) : undefined;
}

function firstLine(value: unknown): string | undefined {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const line = plainLine(v);
    if (line !== '') return line;
  }
  return undefined;
}

/** `given family`, or an organisation's `name`; the family name is the organisation's name then. */
function personName(person: unknown): { display: string; family: string } | undefined {
  if (!isRecord(person)) return undefined;
  const family = typeof person.family === 'string' ? plainLine(person.family) : '';
  const given = typeof person.given === 'string' ? plainLine(person.given) : '';
  if (family !== '') return { display: given !== '' ? `${given} ${family}` : family, family };
  const name = typeof person.name === 'string' ? plainLine(person.name) : '';
  if (name !== '') return { display: name, family: name };
  return undefined;
}

function issuedYear(item: Record<string, unknown>): string | undefined {
  for (const field of DATE_FIELDS) {
    const date = item[field];
    if (!isRecord(date) || !Array.isArray(date['date-parts'])) continue;
    const first: unknown = date['date-parts'][0];
    const year = Array.isArray(first) ? fourDigitYear(first[0]) : undefined;
    if (year !== undefined) return year;
  }
  return undefined;
}

function publicationOf(
  item: Record<string, unknown>,
  year: string | undefined,
  doi: string | undefined,
): Publication | undefined {
  const kind = typeof item.type === 'string' ? KIND[item.type] : undefined;
  if (kind === undefined) return undefined;
  const venue = venueOf(item.type, item['container-title']);
  if (venue === undefined) return undefined;
  // Online-only journals number their articles instead of giving pages.
  const pages = textOrNumber(item.page) ?? textOrNumber(item['article-number']);
  const publisher = typeof item.publisher === 'string' ? plainLine(item.publisher) : '';
  return newPublication(kind, venue, 'crossref', {
    year,
    volume: textOrNumber(item.volume),
    number: textOrNumber(item.issue),
    pages: pages !== undefined ? plainPages(pages) : undefined,
    publisher: publisher !== '' ? publisher : undefined,
    doi,
  });
}

/**
 * The journal or proceedings title. A chapter lists its series before its volume
 * (`["Lecture Notes in Computer Science", "Computer Vision – ECCV 2020"]`): the volume, last,
 * is the proceedings.
 */
function venueOf(type: unknown, containers: unknown): string | undefined {
  if (type === 'book-chapter' && Array.isArray(containers)) return firstLine([...containers].reverse());
  return firstLine(containers);
}

/** The ids of one relation type, DOIs in lower case and other ids as given. */
function relationIds(value: unknown): string[] {
  const entries = Array.isArray(value) ? value : [value];
  const ids: string[] = [];
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    const id = text(entry.id);
    if (id === undefined) continue;
    const isDoi = typeof entry['id-type'] === 'string' && entry['id-type'].toLowerCase() === 'doi';
    const normalised = isDoi ? (lowerDoi(id) ?? id.toLowerCase()) : id;
    if (!ids.includes(normalised)) ids.push(normalised);
  }
  return ids;
}
