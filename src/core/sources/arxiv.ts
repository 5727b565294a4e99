/**
 * arXiv category listings through the export API (Atom), newest submissions first:
 * `GET {baseUrl}/api/query?search_query=cat:cs.LG&sortBy=submittedDate&sortOrder=descending&start=0&max_results=100`.
 * arXiv asks for 3 seconds between calls: every request, retries included, holds a turn at
 * a shared `Politeness` gate, and retries back off at least that long too.
 */
import { apiUrl } from '../net/baseUrl';
import { getText, httpDefaults, type HttpOptions } from '../net/http';
import { ARXIV_INTERVAL_MS, Politeness } from '../net/politeness';
import { parseArxivFeed, type ArxivParseResult } from './arxivParse';

export { ArxivApiError, ArxivFeedError, arxivIdFromEntryId, parseArxivEntry, parseArxivFeed } from './arxivParse';
export type { ArxivParseResult } from './arxivParse';

export const ARXIV_BASE_URL = 'https://export.arxiv.org';
/** arXiv serves at most 2000 results per call. */
export const ARXIV_MAX_RESULTS = 2000;

/**
 * An archive (`hep-th`, `cs`) or archive.subject (`cs.LG`, `q-bio.NC`, `cond-mat.stat-mech`).
 * Anything else is refused: the category goes into a query, and `cs.LG OR all:x` must not.
 */
const CATEGORY = /^[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[A-Za-z]+)?)?$/;

export type CategoryCheck = { ok: true; category: string } | { ok: false; reason: string };

export function checkArxivCategory(raw: string): CategoryCheck {
  const category = raw.trim();
  if (category === '') return { ok: false, reason: 'an arXiv category must not be empty' };
  if (!CATEGORY.test(category)) {
    return { ok: false, reason: `"${raw}" is not an arXiv category (examples: cs.LG, stat.ML, math.AP, q-bio.NC)` };
  }
  return { ok: true, category };
}

export interface ArxivFetchOptions {
  /** Base URL, already checked with `checkBaseUrl`; default `https://export.arxiv.org`. */
  baseUrl?: string;
  category: string;
  /** 1…ARXIV_MAX_RESULTS, default 100. */
  maxResults?: number;
  /** Offset into the listing, for paging. */
  start?: number;
  http?: HttpOptions;
  /** Shared by every arXiv request of the extension; one per call would not space them. */
  gate: Politeness;
  /** Injectable for tests; defaults to the real HTTP client. */
  fetchText?: (url: string, options?: HttpOptions) => Promise<{ text: string }>;
}

export interface ArxivFetchResult extends ArxivParseResult {
  category: string;
  url: string;
}

export function arxivCategoryUrl(baseUrl: string, category: string, maxResults = 100, start = 0): string {
  const check = checkArxivCategory(category);
  if (!check.ok) throw new RangeError(check.reason);
  const url = apiUrl(baseUrl, '/api/query');
  url.searchParams.set('search_query', `cat:${check.category}`);
  url.searchParams.set('sortBy', 'submittedDate');
  url.searchParams.set('sortOrder', 'descending');
  url.searchParams.set('start', String(Math.max(0, Math.floor(start) || 0)));
  url.searchParams.set('max_results', String(clamp(maxResults, 1, ARXIV_MAX_RESULTS, 100)));
  return url.toString();
}

/** The newest submissions in one category. Throws for a bad category, a failed request or a bad feed. */
export async function fetchArxivCategory(options: ArxivFetchOptions): Promise<ArxivFetchResult> {
  const url = arxivCategoryUrl(options.baseUrl ?? ARXIV_BASE_URL, options.category, options.maxResults, options.start);
  const fetchText = options.fetchText ?? getText;
  const http: HttpOptions = {
    ...options.http,
    headers: { accept: 'application/atom+xml, application/xml;q=0.9, */*;q=0.5', ...options.http?.headers },
    // Backoff delays run from half to all of `backoffMs`: twice the interval keeps retries polite.
    backoffMs: Math.max(
      options.http?.backoffMs ?? httpDefaults.backoffMs,
      2 * Math.max(options.gate.intervalMs, ARXIV_INTERVAL_MS),
    ),
  };
  const response = await options.gate.run(url, () => fetchText(url, http), options.http?.signal);
  return { ...parseArxivFeed(response.text), category: options.category.trim(), url };
}

function clamp(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
