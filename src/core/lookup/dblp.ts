/**
 * DBLP's publication search, `GET /search/publ/api?q=…&format=json&h=…`. DBLP knows computer
 * science venues well (NeurIPS, ICLR, ACL, CVPR) and keeps each arXiv preprint as a separate
 * `journals/corr/…` record, so a search answers with both the preprint and the published paper.
 * Its JSON is converted from XML: single values come as objects where lists would be arrays.
 */
import { isRecord } from '../guards';
import { apiUrl } from '../net/baseUrl';
import { getJson, type HttpOptions } from '../net/http';
import { normaliseArxivId, type Publication } from '../paper';
import { LookupFormatError, fourDigitYear, lowerDoi, plainLine, plainPages, text, textOrNumber } from './markup';
import type { TitleQuery } from './services';
import { newPublication } from './publication';
import type { Work } from './work';

export const DBLP_BASE_URL = 'https://dblp.org';

const KIND: Record<string, Publication['kind']> = {
  'Conference and Workshop Papers': 'inproceedings',
  'Journal Articles': 'article',
};

/**
 * A key under DBLP's CoRR stream (`journals/corr/abs-1706-03762`). Most such records are arXiv
 * copies, but DBLP files the ICLR 2014-2016 papers as proceedings records under these keys:
 * the venue, not the key, says which.
 */
export function isCorrKey(key: string): boolean {
  return key.startsWith('journals/corr/');
}

/** The hits in DBLP's order (best first); hits without a title are left out. */
export function parseDblpSearch(json: unknown): Work[] {
  const result = isRecord(json) ? json.result : undefined;
  if (!isRecord(result) || !isRecord(result.hits)) {
    throw new LookupFormatError('dblp', 'DBLP answered something that is not a publication search result');
  }
  const works: Work[] = [];
  for (const hit of listOf(result.hits.hit)) {
    const work = isRecord(hit) ? parseInfo(hit.info) : undefined;
    if (work !== undefined) works.push(work);
  }
  return works;
}

export function dblpSearchUrl(baseUrl: string, query: TitleQuery, hits = 10): string {
  const url = apiUrl(baseUrl, '/search/publ/api');
  const words = [searchWords(query.title)];
  if (query.author) words.push(searchWords(query.author));
  url.searchParams.set('q', words.filter((w) => w !== '').join(' '));
  url.searchParams.set('format', 'json');
  url.searchParams.set('h', String(Number.isFinite(hits) ? Math.max(1, Math.floor(hits)) : 10));
  return url.toString();
}

export async function searchDblp(o: {
  baseUrl: string;
  query: TitleQuery;
  http: HttpOptions;
  hits?: number;
}): Promise<Work[]> {
  const body = await getJson(dblpSearchUrl(o.baseUrl, o.query, o.hits), o.http);
  return parseDblpSearch(body);
}

// ---------------------------------------------------------------------------------------------

/**
 * Words only: DBLP's query syntax gives `|`, `$`, `-` and others a meaning, and a title's
 * punctuation must not switch it on. Hyphens inside words (`Pre-training`) stay.
 */
function searchWords(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .replace(/(^|\s)-+|-+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function parseInfo(info: unknown): Work | undefined {
  if (!isRecord(info) || typeof info.title !== 'string') return undefined;
  const title = dblpTitle(info.title);
  if (title === '') return undefined;

  const authors: string[] = [];
  const authorField = isRecord(info.authors) ? info.authors.author : undefined;
  for (const author of listOf(authorField)) {
    const raw = typeof author === 'string' ? author : isRecord(author) ? author.text : undefined;
    if (typeof raw !== 'string') continue;
    const name = stripHomonymNumber(plainLine(raw));
    if (name !== '') authors.push(name);
  }

  const work: Work = { service: 'dblp', title, authors };
  const year = fourDigitYear(info.year);
  if (year !== undefined) work.year = year;
  const doi = lowerDoi(info.doi);
  if (doi !== undefined) work.doi = doi;
  const key = text(info.key);
  if (key !== undefined) work.dblpKey = key;
  const ee = listOf(info.ee).find((e): e is string => typeof e === 'string' && e.trim() !== '');
  const url = text(info.url) ?? ee?.trim();
  if (url !== undefined) work.url = url;

  const venue = venueName(info.venue);
  const kind = typeof info.type === 'string' ? KIND[info.type] : undefined;
  const corrKey = key !== undefined && isCorrKey(key);
  if (corrKey || venue === 'CoRR') {
    const arxivId = arxivIdOf(ee, textOrNumber(info.volume), doi);
    if (arxivId !== undefined) work.arxivId = arxivId;
  }
  if (venue === 'CoRR' || (corrKey && kind === undefined)) return work;

  if (kind !== undefined && venue !== undefined) {
    const pages = textOrNumber(info.pages);
    work.publication = newPublication(kind, venue, 'dblp', {
      year,
      volume: textOrNumber(info.volume),
      number: textOrNumber(info.number),
      pages: pages !== undefined ? plainPages(pages) : undefined,
      doi,
    });
  }
  return work;
}

/** DBLP ends every title with a period and writes `&apos;`, `&amp;` as entities. */
function dblpTitle(raw: string): string {
  return plainLine(raw).replace(/\.$/, '').trim();
}

/** DBLP tells namesakes apart with a number (`Wei Wang 0001`), which is not part of the name. */
function stripHomonymNumber(name: string): string {
  return name.replace(/\s+\d{4}$/, '');
}

/** A venue is a string, or a list when a paper belongs to several (joined). */
function venueName(value: unknown): string | undefined {
  const names = listOf(value)
    .map((v) => (typeof v === 'string' ? plainLine(v) : ''))
    .filter((v) => v !== '');
  return names.length > 0 ? names.join(', ') : undefined;
}

/** A CoRR record names its arXiv id in `ee` (abs URL), `volume` (`abs/1706.03762`) or its DOI. */
function arxivIdOf(ee: string | undefined, volume: string | undefined, doi: string | undefined): string | undefined {
  const fromEe = ee !== undefined ? /arxiv\.org\/(?:abs|pdf)\/(.+?)(?:\.pdf)?$/i.exec(ee.trim()) : null;
  const candidates = [
    fromEe?.[1],
    volume?.startsWith('abs/') ? volume.slice(4) : undefined,
    doi?.startsWith('10.48550/arxiv.') ? doi.slice('10.48550/arxiv.'.length) : undefined,
  ];
  for (const candidate of candidates) {
    const id = candidate !== undefined ? normaliseArxivId(candidate) : undefined;
    if (id !== undefined) return id;
  }
  return undefined;
}
