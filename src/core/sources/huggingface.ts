/**
 * Hugging Face Daily Papers: `GET {baseUrl}/api/daily_papers?date=|week=|month=…`, paged until a
 * short page. The parsing of a body is in `huggingfaceParse.ts`, which the start-up bundle uses
 * for the sample feed without loading the HTTP client.
 */
import { apiUrl } from '../net/baseUrl';
import { getJson, type HttpOptions } from '../net/http';
import type { Paper } from '../paper';
import { rangeQuery, type FeedRange } from '../range';
import { parseDailyPapers } from './huggingfaceParse';

export { FeedFormatError, parseDailyItem, parseDailyPapers } from './huggingfaceParse';

export interface DailyFetchOptions {
  /** Base URL, already checked with `checkBaseUrl`. */
  baseUrl: string;
  range: FeedRange;
  /** Page size asked for; the API's default is 50. */
  pageSize?: number;
  /** Safety stop for a server that never sends a short page. */
  maxPages?: number;
  http?: HttpOptions;
  /** Injectable for tests; defaults to the real HTTP client. */
  fetchJson?: (url: string, options?: HttpOptions) => Promise<unknown>;
}

export interface DailyFetchResult {
  papers: Paper[];
  /** Items that were not papers (no id or title). */
  skipped: number;
  pages: number;
  /** True when `maxPages` cut the listing short. */
  truncated: boolean;
}

export function dailyPapersUrl(baseUrl: string, range: FeedRange, page: number, pageSize: number): string {
  const url = apiUrl(baseUrl, '/api/daily_papers');
  const [name, value] = rangeQuery(range);
  url.searchParams.set(name, value);
  url.searchParams.set('p', String(page));
  url.searchParams.set('limit', String(pageSize));
  return url.toString();
}

/** Fetches every page of the daily papers listing for a range, until a short page. */
export async function fetchDailyPapers(options: DailyFetchOptions): Promise<DailyFetchResult> {
  const pageSize = options.pageSize ?? 50;
  const maxPages = options.maxPages ?? 40;
  const fetchJson = options.fetchJson ?? getJson;
  const papers: Paper[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (let page = 0; page < maxPages; page++) {
    const body = await fetchJson(dailyPapersUrl(options.baseUrl, options.range, page, pageSize), options.http);
    const parsed = parseDailyPapers(body);
    skipped += parsed.skipped;
    let fresh = 0;
    for (const paper of parsed.papers) {
      if (seen.has(paper.id)) continue;
      seen.add(paper.id);
      papers.push(paper);
      fresh++;
    }
    const itemCount = Array.isArray(body) ? body.length : 0;
    // A short page ends the listing; so does a page of nothing new (a server ignoring `p`).
    if (itemCount < pageSize || fresh === 0) return { papers, skipped, pages: page + 1, truncated: false };
  }
  return { papers, skipped, pages: maxPages, truncated: true };
}
