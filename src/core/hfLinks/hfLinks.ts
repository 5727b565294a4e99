/**
 * What Hugging Face says about one arXiv paper beyond the feed: the repositories it links to
 * the paper (`/api/arxiv/{id}/repos`, see linkedRepos.ts) and the paper page's own details
 * (`/api/papers/{id}`: who submitted it, how many comments, GitHub stars). Both are asked
 * together when the paper is opened; a 404 from either means "nothing there", anything else
 * that goes wrong fails the whole answer, so a cached one is never half replaced.
 */
import { apiUrl } from '../net/baseUrl';
import { getJson, type HttpOptions } from '../net/http';
import { HttpError } from '../net/httpError';
import { isRecord } from '../guards';
import { normaliseArxivId } from '../paper';
import { parseDailyItem } from '../sources/huggingfaceParse';
import {
  LINKED_KINDS,
  NOTHING_LINKED,
  isRepoId,
  parseLinkedRepos,
  type LinkedList,
  type LinkedRepos,
} from './linkedRepos';

export interface HfLinks extends LinkedRepos {
  /** Versionless arXiv id. */
  arxivId: string;
  submittedBy?: string;
  numComments?: number;
  githubStars?: number;
}

/** Old-style ids keep their slash: the Hub routes `hep-th/9901001` as one path. */
function idPath(arxivId: string): string {
  return arxivId.split('/').map(encodeURIComponent).join('/');
}

function versionless(arxivId: string): string {
  const id = normaliseArxivId(arxivId);
  if (id === undefined) throw new RangeError(`"${arxivId}" is not an arXiv identifier`);
  return id;
}

export function linkedReposUrl(baseUrl: string, arxivId: string): string {
  return apiUrl(baseUrl, `/api/arxiv/${idPath(versionless(arxivId))}/repos`).toString();
}

export function paperPageApiUrl(baseUrl: string, arxivId: string): string {
  return apiUrl(baseUrl, `/api/papers/${idPath(versionless(arxivId))}`).toString();
}

export interface FetchHfLinksOptions {
  baseUrl: string;
  arxivId: string;
  http?: HttpOptions;
  /** Injectable for tests; the real HTTP client by default. */
  fetchJson?: (url: string, options?: HttpOptions) => Promise<unknown>;
}

/** The body, or undefined for a 404; every other failure throws. */
async function bodyOrMissing(
  fetchJson: (url: string, options?: HttpOptions) => Promise<unknown>,
  url: string,
  http: HttpOptions | undefined,
): Promise<unknown> {
  try {
    return await fetchJson(url, http);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return undefined;
    throw err;
  }
}

/**
 * Asks both endpoints. A paper unknown to Hugging Face (404 twice) comes back with nothing
 * linked and no details: that is an answer too, cached like any other.
 */
export async function fetchHfLinks(options: FetchHfLinksOptions): Promise<HfLinks> {
  const arxivId = versionless(options.arxivId);
  const fetchJson = options.fetchJson ?? getJson;
  const [repos, page] = await Promise.all([
    bodyOrMissing(fetchJson, linkedReposUrl(options.baseUrl, arxivId), options.http),
    bodyOrMissing(fetchJson, paperPageApiUrl(options.baseUrl, arxivId), options.http),
  ]);
  const links: HfLinks = { arxivId, ...(repos === undefined ? NOTHING_LINKED : parseLinkedRepos(repos)) };
  const paper = isRecord(page) ? parseDailyItem(page, 'lookup') : undefined;
  if (paper?.submittedBy) links.submittedBy = paper.submittedBy;
  if (paper?.numComments !== undefined) links.numComments = paper.numComments;
  if (paper?.githubStars !== undefined) links.githubStars = paper.githubStars;
  return links;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function readList(value: unknown): LinkedList | undefined {
  if (!isRecord(value) || !Array.isArray(value.items)) return undefined;
  const total = count(value.total);
  if (total === undefined) return undefined;
  const items = [];
  for (const item of value.items) {
    if (!isRecord(item) || !isRepoId(item.id)) return undefined;
    const likes = count(item.likes);
    const downloads = count(item.downloads);
    items.push({
      id: item.id,
      ...(likes !== undefined ? { likes } : {}),
      ...(downloads !== undefined ? { downloads } : {}),
    });
  }
  return { items, total: Math.max(total, items.length) };
}

/**
 * HfLinks read back from a cache file or anything else not trusted: undefined unless the
 * identity and all three lists are well formed; a wrong-typed detail is dropped.
 */
export function readHfLinks(value: unknown): HfLinks | undefined {
  if (!isRecord(value) || typeof value.arxivId !== 'string') return undefined;
  const arxivId = normaliseArxivId(value.arxivId);
  if (arxivId === undefined || arxivId !== value.arxivId) return undefined;
  const lists: Partial<LinkedRepos> = {};
  for (const kind of LINKED_KINDS) {
    const list = readList(value[kind]);
    if (!list) return undefined;
    lists[kind] = list;
  }
  const links: HfLinks = { arxivId, ...(lists as LinkedRepos) };
  if (typeof value.submittedBy === 'string' && value.submittedBy.trim()) links.submittedBy = value.submittedBy.trim();
  const comments = count(value.numComments);
  if (comments !== undefined) links.numComments = comments;
  const stars = count(value.githubStars);
  if (stars !== undefined) links.githubStars = stars;
  return links;
}
