import {
  arxivLinks,
  collapseWhitespace,
  normaliseAbstract,
  normaliseArxivId,
  type Paper,
  type SourceId,
} from '../paper';

/** A Hugging Face response that is not a list of papers at all (an error object, HTML, …). */
export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';
}

export interface ParseOptions {
  /** Recorded on each paper; `sample` for the bundled feed. */
  source?: SourceId;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  return s.length > 0 ? s : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

function isoDate(value: unknown): string | undefined {
  const s = str(value);
  if (!s || Number.isNaN(Date.parse(s))) return undefined;
  return s;
}

function dayOf(value: unknown): string | undefined {
  const s = isoDate(value);
  if (!s) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  return m ? m[1] : new Date(s).toISOString().slice(0, 10);
}

function webUrl(value: unknown): string | undefined {
  const s = str(value);
  if (!s) return undefined;
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** `githubRepo` comes as a URL or as `owner/name`. */
function githubUrl(value: unknown): string | undefined {
  const s = str(value);
  if (!s) return undefined;
  if (/^[\w.-]+\/[\w.-]+$/.test(s)) return `https://github.com/${s}`;
  return webUrl(s);
}

function authorNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const author of value) {
    if (typeof author === 'string') {
      const name = collapseWhitespace(author);
      if (name) names.push(name);
      continue;
    }
    if (!isObject(author) || author.hidden === true) continue;
    const name = typeof author.name === 'string' ? collapseWhitespace(author.name) : '';
    if (name) names.push(name);
  }
  return names;
}

function keywords(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((k): k is string => typeof k === 'string')
    .map(collapseWhitespace)
    .filter(Boolean);
}

/**
 * The submitter, a Hub user: `{ _id, avatarUrl, fullname, name, type, … }` as the daily item's
 * `submittedBy`, and with `user` too as the paper's `submittedOnDailyBy` (which is what
 * `GET /api/papers/{id}` carries, having no item around the paper).
 */
function userName(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const name = str(value.fullname) ?? str(value.name) ?? str(value.user);
  return name ? collapseWhitespace(name) : undefined;
}

function organizationName(value: unknown): string | undefined {
  if (isObject(value)) return str(value.fullname) ?? str(value.name);
  return str(value);
}

/**
 * One feed item to a Paper, or undefined when it lacks an id or a title.
 *
 * A daily item, as the Hub's OpenAPI description gives it and real answers show:
 * `{ paper, title, summary, publishedAt, thumbnail, numComments, submittedBy: User,
 * isAuthorParticipating, organization?, mediaUrls? }`, where `paper` is
 * `{ id, title, summary, authors: [{ name, hidden, user? }], publishedAt, submittedOnDailyAt,
 * submittedOnDailyBy: User, upvotes, discussionId, ai_summary?, ai_keywords?, githubRepo?,
 * githubStars?, projectPage?, organization?, mediaUrls? }`. `GET /api/papers/{id}` answers
 * the `paper` object alone, which is read the same way.
 */
export function parseDailyItem(item: unknown, source: SourceId = 'hf-daily'): Paper | undefined {
  if (!isObject(item)) return undefined;
  // Most fields live under `paper`; a few are mirrored (or only present) at the top level.
  const p = isObject(item.paper) ? item.paper : item;
  const rawId = str(p.id) ?? str(item.id);
  const title = str(p.title) ?? str(item.title);
  if (!rawId || !title) return undefined;

  const arxivId = normaliseArxivId(rawId);
  const id = arxivId ?? rawId;
  const paper: Paper = {
    id,
    title: collapseWhitespace(title),
    authors: authorNames(p.authors),
    abstract: normaliseAbstract(str(p.summary) ?? str(item.summary) ?? ''),
    aiKeywords: keywords(p.ai_keywords),
    links: {
      huggingFace: `https://huggingface.co/papers/${encodeURIComponent(id)}`,
      ...(arxivId ? arxivLinks(arxivId) : {}),
    },
    source,
  };
  if (arxivId) paper.arxivId = arxivId;
  const published = isoDate(p.publishedAt) ?? isoDate(item.publishedAt);
  if (published) paper.published = published;
  const feedDay = dayOf(p.submittedOnDailyAt) ?? dayOf(item.submittedOnDailyAt);
  if (feedDay) paper.feedDay = feedDay;
  const upvotes = count(p.upvotes) ?? count(item.upvotes);
  if (upvotes !== undefined) paper.upvotes = upvotes;
  const numComments = count(item.numComments) ?? count(p.numComments);
  if (numComments !== undefined) paper.numComments = numComments;
  const submitter = userName(item.submittedBy) ?? userName(p.submittedOnDailyBy);
  if (submitter) paper.submittedBy = submitter;
  const aiSummary = str(p.ai_summary);
  if (aiSummary) paper.aiSummary = normaliseAbstract(aiSummary);
  const organization = organizationName(p.organization) ?? organizationName(item.organization);
  if (organization) paper.organization = organization;
  const stars = count(p.githubStars);
  if (stars !== undefined) paper.githubStars = stars;
  const thumbnail = webUrl(item.thumbnail);
  if (thumbnail) paper.thumbnail = thumbnail;
  const code = githubUrl(p.githubRepo);
  if (code) paper.links.code = code;
  const project = webUrl(p.projectPage);
  if (project) paper.links.project = project;
  return paper;
}

/**
 * Parses a `GET /api/daily_papers` body. Items without an id or title are skipped and
 * counted; repeated ids keep their first occurrence. A body that is not a list at all is a
 * broken feed and throws `FeedFormatError` with a message saying what came instead.
 */
export function parseDailyPapers(json: unknown, options: ParseOptions = {}): { papers: Paper[]; skipped: number } {
  if (!Array.isArray(json)) {
    const got = json === null ? 'null' : typeof json === 'object' ? 'an object' : typeof json;
    const detail = isObject(json) && typeof json.error === 'string' ? ` (error: ${json.error.slice(0, 200)})` : '';
    throw new FeedFormatError(`expected a list of papers, got ${got}${detail}`);
  }
  const papers: Paper[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const item of json) {
    const paper = parseDailyItem(item, options.source);
    if (!paper) {
      skipped++;
    } else if (!seen.has(paper.id)) {
      seen.add(paper.id);
      papers.push(paper);
    }
  }
  return { papers, skipped };
}
