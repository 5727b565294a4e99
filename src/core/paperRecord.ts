/**
 * Reading back a Paper that LitFeed stored itself (the feed cache, the reading list): the
 * JSON may come from an older or newer version, a hand edit or a torn disk, so identity and
 * text are checked and decoration is repaired rather than trusted.
 */
import { isRecord, isStringArray } from './guards';
import type { Paper, PaperLinks, SourceId } from './paper';

/** Sources become folder names and are kept from newer versions only when plain names. */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9-]*$/;

const OPTIONAL_STRINGS = [
  'arxivId',
  'published',
  'feedDay',
  'aiSummary',
  'organization',
  'thumbnail',
  'doi',
  'journalRef',
  'submittedBy',
] as const;
const OPTIONAL_COUNTS = ['upvotes', 'numComments', 'githubStars'] as const;
const LINK_KEYS = ['huggingFace', 'arxivAbs', 'pdf', 'code', 'project'] as const;
const LINK_KEY_SET: ReadonlySet<string> = new Set(LINK_KEYS);

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

  // Written for the cold start: this runs once per paper on the first screen, mostly before
  // V8 has optimised it. So loops are indexed (an interpreted for-of over an array costs
  // twice as much here), each check is one property read, and a record that is already right
  // (the usual case) allocates nothing.
  const paper: Record<string, unknown> = options.inPlace ? raw : { ...raw };
  for (let i = 0; i < OPTIONAL_STRINGS.length; i++) {
    const key = OPTIONAL_STRINGS[i];
    const v = paper[key];
    if (v !== undefined && typeof v !== 'string') delete paper[key];
  }
  for (let i = 0; i < OPTIONAL_COUNTS.length; i++) {
    const key = OPTIONAL_COUNTS[i];
    const v = paper[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v))) delete paper[key];
  }
  if (paper.categories !== undefined && !isStringArray(paper.categories)) delete paper.categories;
  if (paper.publication !== undefined && !isPublication(paper.publication)) delete paper.publication;
  if (!isStringArray(paper.aiKeywords)) paper.aiKeywords = [];
  if (
    paper.source !== options.fallbackSource &&
    (typeof paper.source !== 'string' || !SOURCE_NAME.test(paper.source))
  ) {
    paper.source = options.fallbackSource;
  }
  const links = raw.links;
  if (!(isRecord(links) && onlyKnownLinks(links))) paper.links = knownLinks(links);
  else if (!options.inPlace) paper.links = { ...links };
  return paper as unknown as Paper;
}

function onlyKnownLinks(links: Record<string, unknown>): boolean {
  for (const key in links) if (!LINK_KEY_SET.has(key) || typeof links[key] !== 'string') return false;
  return true;
}

/** The string-valued known links of whatever `raw` is; unknown keys and other values go. */
function knownLinks(raw: unknown): PaperLinks {
  const links: PaperLinks = {};
  if (isRecord(raw)) {
    for (const key of LINK_KEYS) if (typeof raw[key] === 'string') links[key] = raw[key];
  }
  return links;
}

const PUBLICATION_STRINGS = ['year', 'volume', 'number', 'pages', 'publisher', 'doi'] as const;

/** A published version is kept only whole and well typed: half of one would be cited wrong. */
function isPublication(raw: unknown): boolean {
  if (!isRecord(raw)) return false;
  if (raw.kind !== 'article' && raw.kind !== 'inproceedings') return false;
  if (typeof raw.venue !== 'string' || raw.venue === '' || typeof raw.foundBy !== 'string') return false;
  return PUBLICATION_STRINGS.every((key) => raw[key] === undefined || typeof raw[key] === 'string');
}
