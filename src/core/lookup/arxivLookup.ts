/**
 * arXiv look-ups through the export API: papers by id (`id_list`) and a title (and first
 * author) search. Both answer the same Atom feed the category listing reads, so the papers
 * come from `parseArxivFeed`, marked as found by a look-up.
 */
import { apiUrl } from '../net/baseUrl';
import { getText, type HttpOptions } from '../net/http';
import { normaliseArxivId, type Paper } from '../paper';
import { asciiFold } from '../cite/names';
import { parseArxivFeed } from '../sources/arxivParse';
import type { TitleQuery } from './services';

/** arXiv serves at most this many ids per `id_list` request. */
const MAX_IDS = 200;

export const ARXIV_ATOM_ACCEPT = 'application/atom+xml, application/xml;q=0.9, */*;q=0.5';

/**
 * The versionless ids, checked and without repeats. A malformed id is refused here: arXiv
 * answers it with HTTP 400, whose explanation the HTTP client cannot show.
 */
export function checkArxivIds(ids: readonly string[]): string[] {
  const clean: string[] = [];
  for (const raw of ids) {
    const id = normaliseArxivId(raw);
    if (id === undefined) throw new RangeError(`"${raw}" is not an arXiv identifier`);
    if (!clean.includes(id)) clean.push(id);
  }
  if (clean.length > MAX_IDS) throw new RangeError(`at most ${MAX_IDS} arXiv ids can be looked up at once`);
  return clean;
}

export function arxivIdListUrl(baseUrl: string, ids: readonly string[]): string {
  const clean = checkArxivIds(ids);
  const url = apiUrl(baseUrl, '/api/query');
  url.searchParams.set('id_list', clean.join(','));
  url.searchParams.set('max_results', String(Math.max(1, clean.length)));
  return url.toString();
}

/**
 * Words only: arXiv's query parser reads quotes, parentheses, colons and a leading `-` as
 * syntax, and its phrase search splits on punctuation anyway (`Real-Time` matches
 * `"real time"`). Boolean operators are lowered so they stay words inside the phrase.
 */
function queryWords(text: string): string {
  return text
    .replace(/\$[^$]*\$/g, ' ')
    .replace(/\\[A-Za-z]+/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => (/^(AND|OR|ANDNOT)$/.test(w) ? w.toLowerCase() : w))
    .join(' ');
}

/** arXiv's author search wants ASCII with `_` joining the parts of a family name (`au:del_maestro`). */
function authorTerm(family: string): string {
  return queryWords(asciiFold(family)).replace(/ /g, '_');
}

export function arxivSearchUrl(baseUrl: string, query: TitleQuery, max = 10): string {
  const title = queryWords(query.title);
  if (title === '') throw new RangeError(`the title "${query.title}" has no words to search arXiv for`);
  const author = query.author === undefined ? '' : authorTerm(query.author);
  const url = apiUrl(baseUrl, '/api/query');
  url.searchParams.set('search_query', `ti:"${title}"` + (author ? ` AND au:${author}` : ''));
  url.searchParams.set('start', '0');
  url.searchParams.set('max_results', String(Math.min(50, Math.max(1, Math.floor(max) || 10))));
  return url.toString();
}

/** Papers of an arXiv feed, marked as found by a look-up. Throws the feed's own errors. */
export function lookupPapersFromFeed(xml: string): Paper[] {
  return parseArxivFeed(xml).papers.map((paper) => ({ ...paper, source: 'lookup' }));
}

export interface ArxivLookupOptions {
  baseUrl: string;
  http?: HttpOptions;
}

function atomHttp(http: HttpOptions | undefined): HttpOptions {
  return { ...http, headers: { accept: ARXIV_ATOM_ACCEPT, ...http?.headers } };
}

/**
 * The papers arXiv has among `ids`; ids it does not know are simply missing. Not gated:
 * the look-up client (client.ts) spaces requests and caches answers.
 */
export async function fetchArxivByIds(options: ArxivLookupOptions & { ids: readonly string[] }): Promise<Paper[]> {
  if (options.ids.length === 0) return [];
  const url = arxivIdListUrl(options.baseUrl, options.ids);
  const response = await getText(url, atomHttp(options.http));
  return lookupPapersFromFeed(response.text);
}

export async function searchArxiv(options: ArxivLookupOptions & { query: TitleQuery; max?: number }): Promise<Paper[]> {
  const url = arxivSearchUrl(options.baseUrl, options.query, options.max);
  const response = await getText(url, atomHttp(options.http));
  return lookupPapersFromFeed(response.text);
}
