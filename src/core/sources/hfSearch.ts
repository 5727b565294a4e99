/**
 * Hugging Face paper search: `GET /api/papers/search?q=…&limit=…`, the search behind the
 * papers page. Its items have the daily-papers shape (`{ paper: {...}, numComments, … }`),
 * and bare paper objects are accepted too, so the daily parser reads them; papers that were
 * never featured simply have no feed day.
 */
import { apiUrl } from '../net/baseUrl';
import { getJson, type HttpOptions } from '../net/http';
import type { Paper } from '../paper';
import { parseDailyPapers } from './huggingfaceParse';

/** Longer queries are cut: the search is semantic, and a pasted abstract gains nothing. */
export const HF_SEARCH_MAX_QUERY = 200;
export const HF_SEARCH_MAX_LIMIT = 120;

export interface HfSearchOptions {
  /** Base URL, already checked with `checkBaseUrl`. */
  baseUrl: string;
  query: string;
  /** Results wanted (1…HF_SEARCH_MAX_LIMIT, default 50); extra items the server sends are dropped. */
  limit?: number;
  http?: HttpOptions;
  /** Injectable for tests; defaults to the real HTTP client. */
  fetchJson?: (url: string, options?: HttpOptions) => Promise<unknown>;
}

export interface HfSearchResult {
  papers: Paper[];
  /** Items that were not papers (no id or title). */
  skipped: number;
}

/** The query as it is sent: whitespace collapsed, cut to HF_SEARCH_MAX_QUERY characters. */
export function hfSearchQuery(query: string): string {
  return [...query.replace(/\s+/g, ' ').trim()].slice(0, HF_SEARCH_MAX_QUERY).join('').trim();
}

export function hfSearchUrl(baseUrl: string, query: string, limit = 50): string {
  const url = apiUrl(baseUrl, '/api/papers/search');
  url.searchParams.set('q', hfSearchQuery(query));
  url.searchParams.set('limit', String(clampLimit(limit)));
  return url.toString();
}

/**
 * Parses a search response body; a body that is not a list throws `FeedFormatError`, as
 * for the daily feed.
 */
export function parseHfSearch(json: unknown, limit = HF_SEARCH_MAX_LIMIT): HfSearchResult {
  const { papers, skipped } = parseDailyPapers(json, { source: 'hf-search' });
  return { papers: papers.slice(0, clampLimit(limit)), skipped };
}

/** Searches Hugging Face papers; an empty query asks nothing and finds nothing. */
export async function searchHuggingFace(options: HfSearchOptions): Promise<HfSearchResult> {
  const query = hfSearchQuery(options.query);
  if (query === '') return { papers: [], skipped: 0 };
  const limit = clampLimit(options.limit ?? 50);
  const fetchJson = options.fetchJson ?? getJson;
  const body = await fetchJson(hfSearchUrl(options.baseUrl, query, limit), options.http);
  return parseHfSearch(body, limit);
}

function clampLimit(limit: number): number {
  if (!Number.isFinite(limit)) return 50;
  return Math.min(HF_SEARCH_MAX_LIMIT, Math.max(1, Math.floor(limit)));
}
