/**
 * What the abstract view shows for a paper, as plain data. The host builds it and posts it
 * to the page; the page only draws it. Every field is checked here, because the Paper may
 * come from a cache file or from state a previous page saved: missing or odd fields become
 * absent ones, links are only the ones the host would open, and text is split into math and
 * non-math segments once, here.
 */
import { dateFormat } from '../dateFormat';
import { isRecord } from '../guards';
import { checkLink, normaliseImageUrl } from './linkPolicy';
import { splitParagraphs, splitMath, segmentsToPlainText, type Segment } from './texSegments';
import { arxivLinks, collapseWhitespace, normaliseArxivId, type Paper } from '../paper';

export type LinkKind = 'huggingFace' | 'arxiv' | 'pdf' | 'code' | 'project';

export interface PaperLinkView {
  kind: LinkKind;
  label: string;
  /** Normalised, already allowed by the link allow-list. */
  url: string;
}

export interface DateView {
  /** As the source gave it (ISO 8601), for `<time datetime>`. */
  iso: string;
  /** Formatted for the reader, in UTC (feed days are UTC calendar days). */
  label: string;
}

export interface PaperViewModel {
  id: string;
  arxivId?: string;
  /** Title as one line of plain text: panel title, accessible name. */
  title: string;
  titleSegments: Segment[];
  authors: string[];
  /** How many authors show while the list is collapsed; equals `authors.length` when it never is. */
  authorsCollapsedCount: number;
  published?: DateView;
  feedDay?: DateView;
  upvotes?: number;
  numComments?: number;
  githubStars?: number;
  organization?: string;
  /** Paragraphs, each a list of segments. Empty when the paper has no abstract. */
  abstract: Segment[][];
  aiSummary?: Segment[][];
  aiKeywords: string[];
  thumbnail?: string;
  links: PaperLinkView[];
}

export interface PaperViewOptions {
  /** BCP 47 tag for dates (the extension passes `vscode.env.language`). Default `en`. */
  locale?: string;
  /** Lists longer than this collapse. Default 12. */
  authorCollapseThreshold?: number;
  /** Authors shown while collapsed. Default 8. */
  authorsWhenCollapsed?: number;
  /** Localised link labels; English by default. */
  linkLabels?: Partial<Record<LinkKind, string>>;
}

export const DEFAULT_LINK_LABELS: Record<LinkKind, string> = {
  huggingFace: 'Hugging Face',
  arxiv: 'arXiv',
  pdf: 'PDF',
  code: 'Code',
  project: 'Project page',
};

const LINK_ORDER: readonly LinkKind[] = ['huggingFace', 'arxiv', 'pdf', 'code', 'project'];

export function paperViewModel(paper: Paper, options: PaperViewOptions = {}): PaperViewModel {
  const id = cleanLine(paper.id) ?? '';
  const arxivId = typeof paper.arxivId === 'string' ? normaliseArxivId(paper.arxivId) : undefined;
  const rawTitle = cleanLine(paper.title) ?? arxivId ?? id;
  const titleSegments = splitMath(rawTitle);
  const authors = stringList(paper.authors);
  const threshold = positiveInt(options.authorCollapseThreshold, 12);
  const shown = Math.min(positiveInt(options.authorsWhenCollapsed, 8), threshold);

  const model: PaperViewModel = {
    id,
    title: segmentsToPlainText(titleSegments) || rawTitle,
    titleSegments,
    authors,
    authorsCollapsedCount: authors.length > threshold ? shown : authors.length,
    abstract: typeof paper.abstract === 'string' ? splitParagraphs(paper.abstract) : [],
    aiKeywords: stringList(paper.aiKeywords),
    links: viewLinks(paper, arxivId, { ...DEFAULT_LINK_LABELS, ...options.linkLabels }),
  };
  if (arxivId !== undefined) model.arxivId = arxivId;
  const locale = options.locale ?? 'en';
  const published = dateView(paper.published, locale);
  if (published) model.published = published;
  const feedDay = dateView(paper.feedDay, locale);
  if (feedDay) model.feedDay = feedDay;
  const upvotes = count(paper.upvotes);
  if (upvotes !== undefined) model.upvotes = upvotes;
  const comments = count(paper.numComments);
  if (comments !== undefined) model.numComments = comments;
  const stars = count(paper.githubStars);
  if (stars !== undefined) model.githubStars = stars;
  const organization = cleanLine(paper.organization);
  if (organization) model.organization = organization;
  const summary = typeof paper.aiSummary === 'string' ? splitParagraphs(paper.aiSummary) : [];
  if (summary.length > 0) model.aiSummary = summary;
  const thumbnail = normaliseImageUrl(paper.thumbnail);
  if (thumbnail) model.thumbnail = thumbnail;
  return model;
}

function viewLinks(paper: Paper, arxivId: string | undefined, labels: Record<LinkKind, string>): PaperLinkView[] {
  const given: Paper['links'] = isRecord(paper.links) ? paper.links : {};
  const derived: Paper['links'] = arxivId
    ? { ...arxivLinks(arxivId), huggingFace: `https://huggingface.co/papers/${arxivId}` }
    : {};
  const candidates: Record<LinkKind, unknown> = {
    huggingFace: given.huggingFace ?? derived.huggingFace,
    arxiv: given.arxivAbs ?? derived.arxivAbs,
    pdf: given.pdf ?? derived.pdf,
    code: given.code,
    project: given.project,
  };
  const links: PaperLinkView[] = [];
  const seen = new Set<string>();
  for (const kind of LINK_ORDER) {
    const check = checkLink(candidates[kind], { links: given });
    if (!check.ok || seen.has(check.url)) continue;
    seen.add(check.url);
    links.push({ kind, label: labels[kind], url: check.url });
  }
  return links;
}

function dateView(value: unknown, locale: string): DateView | undefined {
  if (typeof value !== 'string') return undefined;
  const iso = value.trim();
  // A paper looked up by DOI may know only its year (ISO 8601's reduced precision): shown as is.
  if (/^\d{4}$/.test(iso)) return { iso, label: iso };
  // Date-only strings parse as UTC midnight; full timestamps keep their own offset.
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(iso)) return undefined;
  const time = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (!Number.isFinite(time)) return undefined;
  return { iso, label: formatDate(new Date(time), locale) };
}

function formatDate(date: Date, locale: string): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
  try {
    return dateFormat(locale, options).format(date);
  } catch {
    // An unknown or malformed locale tag throws; English is better than nothing.
    return dateFormat('en', options).format(date);
  }
}

function cleanLine(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = collapseWhitespace(value);
  return s.length > 0 ? s : undefined;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    const s = cleanLine(item);
    if (s !== undefined) out.push(s);
  }
  return out;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}
