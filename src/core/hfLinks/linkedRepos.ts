/**
 * The models, datasets and Spaces Hugging Face links to an arXiv paper:
 * `GET {hf}/api/arxiv/{arxivId}/repos`.
 *
 * The shape, as the Hub answers it (the Hub's OpenAPI description lists the endpoint; the
 * fields below are the ones its clients and callers read — the `hugging-face-client` crate's
 * `ArxivReposRes`/`Repo`, and code recording live answers):
 *
 * ```
 * {
 *   "models":   [Repo, …],
 *   "datasets": [Repo, …],
 *   "spaces":   [Repo, …]
 * }
 * Repo: {
 *   "_id": string, "id": "owner/name", "author": string, "private": boolean,
 *   "likes": number, "downloads": number (models and datasets), "tags": string[],
 *   "lastModified": ISO date, "sha"?, "pipeline_tag"?, "library_name"? (models),
 *   "cardData"?, "sdk"?, "subdomain"? (Spaces)
 * }
 * ```
 *
 * A paper Hugging Face does not know answers 404 (handled by the caller). Only `id`, `likes`,
 * `downloads` and `private` are read: the view needs no more, and every other field may come
 * and go without this parser noticing.
 */
import { isRecord } from '../guards';

export type LinkedKind = 'models' | 'datasets' | 'spaces';

export const LINKED_KINDS: readonly LinkedKind[] = ['models', 'datasets', 'spaces'];

export interface LinkedRepo {
  /** `owner/name` (a few old models have no owner). */
  id: string;
  likes?: number;
  downloads?: number;
}

export interface LinkedList {
  /** The most liked ones, at most the number kept. */
  items: LinkedRepo[];
  /** How many the answer listed in all (private and unnamed ones not counted). */
  total: number;
}

export type LinkedRepos = Record<LinkedKind, LinkedList>;

/** How many of each kind are kept: the view shows ten and links to the rest. */
export const KEPT_PER_KIND = 10;

/** A body that is not the object described above (an error page, a list, …). */
export class LinkedReposFormatError extends Error {
  override readonly name = 'LinkedReposFormatError';
}

// Hub repository names: letters, digits, `-`, `_`, `.`; one optional owner.
const REPO_ID = /^[A-Za-z0-9][\w.-]{0,95}(?:\/[A-Za-z0-9][\w.-]{0,95})?$/;

export function isRepoId(value: unknown): value is string {
  return typeof value === 'string' && REPO_ID.test(value) && !value.includes('..');
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

export const NOTHING_LINKED: LinkedRepos = {
  models: { items: [], total: 0 },
  datasets: { items: [], total: 0 },
  spaces: { items: [], total: 0 },
};

function repo(value: unknown): LinkedRepo | undefined {
  if (!isRecord(value) || value.private === true || !isRepoId(value.id)) return undefined;
  const out: LinkedRepo = { id: value.id };
  const likes = count(value.likes);
  if (likes !== undefined) out.likes = likes;
  const downloads = count(value.downloads);
  if (downloads !== undefined) out.downloads = downloads;
  return out;
}

function list(value: unknown, keep: number): LinkedList {
  if (!Array.isArray(value)) return { items: [], total: 0 };
  const seen = new Set<string>();
  const all: LinkedRepo[] = [];
  for (const entry of value) {
    const r = repo(entry);
    if (r && !seen.has(r.id)) {
      seen.add(r.id);
      all.push(r);
    }
  }
  // The answer's own order is not documented; the most liked first is what a reader wants.
  const ranked = all
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (b.r.likes ?? -1) - (a.r.likes ?? -1) || (b.r.downloads ?? -1) - (a.r.downloads ?? -1) || a.i - b.i)
    .map(({ r }) => r);
  return { items: ranked.slice(0, keep), total: all.length };
}

/**
 * Reads a `/repos` body. A missing or wrong-typed list is an empty one, an entry without a
 * usable id is skipped; a body that is not an object at all throws `LinkedReposFormatError`.
 */
export function parseLinkedRepos(json: unknown, keep: number = KEPT_PER_KIND): LinkedRepos {
  if (!isRecord(json)) {
    const got = json === null ? 'null' : Array.isArray(json) ? 'a list' : typeof json;
    throw new LinkedReposFormatError(`expected an object of models, datasets and spaces, got ${got}`);
  }
  const n = Math.max(0, Math.floor(keep));
  return { models: list(json.models, n), datasets: list(json.datasets, n), spaces: list(json.spaces, n) };
}
