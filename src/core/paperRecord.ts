/**
 * Reading back a Paper that LitFeed stored itself (the feed cache, the reading list): the
 * JSON may come from an older or newer version, a hand edit or a torn disk, so identity and
 * text are checked and decoration is repaired rather than trusted.
 */
import type { Paper, PaperLinks, SourceId } from './paper';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Sources become folder names and are kept from newer versions only when plain names. */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9-]*$/;

const OPTIONAL_STRINGS = ['arxivId', 'published', 'feedDay', 'aiSummary', 'organization', 'thumbnail', 'doi', 'journalRef'] as const;
const OPTIONAL_COUNTS = ['upvotes', 'numComments', 'githubStars'] as const;
const LINK_KEYS = ['huggingFace', 'arxivAbs', 'pdf', 'code', 'project'] as const;

export interface DecodeOptions {
  /** Source for a record whose own is missing or not a plain name. */
  fallbackSource: SourceId;
  /**
   * Repair `raw` itself instead of a copy: only for a record fresh from JSON.parse that
   * nothing else holds (a copy per paper was a measurable part of drawing the first screen).
   */
  inPlace?: boolean;
}

/**
 * A paper record the rest of the extension can rely on, or undefined when its id, title,
 * abstract or authors are missing or of the wrong type. A wrong-typed optional field is
 * dropped, missing keywords or links become empty, and unknown fields stay, so a field added
 * to Paper later survives a round trip.
 */
export function decodePaper(raw: unknown, options: DecodeOptions): Paper | undefined {
  if (!isRecord(raw)) return undefined;
  if (typeof raw.id !== 'string' || raw.id === '') return undefined;
  if (typeof raw.title !== 'string' || typeof raw.abstract !== 'string') return undefined;
  if (!isStringArray(raw.authors)) return undefined;

  const paper: Record<string, unknown> = options.inPlace ? raw : { ...raw };
  for (const key of OPTIONAL_STRINGS) if (key in paper && typeof paper[key] !== 'string') delete paper[key];
  for (const key of OPTIONAL_COUNTS) {
    if (key in paper && !(typeof paper[key] === 'number' && Number.isFinite(paper[key]))) delete paper[key];
  }
  if ('categories' in paper && !isStringArray(paper.categories)) delete paper.categories;
  if (!isStringArray(paper.aiKeywords)) paper.aiKeywords = [];
  if (typeof paper.source !== 'string' || !SOURCE_NAME.test(paper.source)) paper.source = options.fallbackSource;

  const links: PaperLinks = {};
  if (isRecord(raw.links)) {
    for (const key of LINK_KEYS) if (typeof raw.links[key] === 'string') links[key] = raw.links[key];
  }
  paper.links = links;
  return paper as unknown as Paper;
}
