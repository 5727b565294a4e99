/**
 * The arXiv export API's Atom feed to Papers. Namespace prefixes are dropped on parsing
 * (`arxiv:primary_category` -> `primary_category`, `opensearch:totalResults` ->
 * `totalResults`), so a feed binding the namespaces to other prefixes reads the same.
 */
import type { XMLParser } from 'fast-xml-parser';
import { arxivLinks, collapseWhitespace, normaliseAbstract, normaliseArxivId, type Paper } from '../paper';
import { loadXmlParser } from './xmlParser';
import { errorMessage } from '../guards';

/** The body is not an Atom feed at all (an HTML error page, truncated XML, …). */
export class ArxivFeedError extends Error {
  override readonly name = 'ArxivFeedError';
}

/** arXiv answered with its error feed: a single entry titled "Error" explaining the problem. */
export class ArxivApiError extends Error {
  override readonly name = 'ArxivApiError';
}

export interface ArxivParseResult {
  papers: Paper[];
  /** Entries without a usable id or title. */
  skipped: number;
  /** `opensearch:totalResults`: how many papers match the query in all, when the feed says. */
  totalResults?: number;
}

const LIST_TAGS = new Set(['entry', 'author', 'category', 'link']);

let parser: XMLParser | undefined;

/** Made on the first parse: the XML library is loaded lazily (see ./xmlParser). */
function xmlParser(): XMLParser {
  parser ??= new (loadXmlParser().XMLParser)({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    // Ids like 2401.01234 must stay strings, not become numbers.
    parseTagValue: false,
    trimValues: true,
    isArray: (tagName, _path, _leaf, isAttribute) => !isAttribute && LIST_TAGS.has(tagName),
  });
  return parser;
}

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Element text, whether the parser gave a plain string or a node with attributes and `#text`. */
function text(value: unknown): string | undefined {
  const raw = isNode(value) ? value['#text'] : value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const s = String(raw).trim();
  return s.length > 0 ? s : undefined;
}

function attr(value: unknown, name: string): string | undefined {
  if (!isNode(value)) return undefined;
  const raw = value[`@_${name}`];
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
}

function nodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter(isNode) : isNode(value) ? [value] : [];
}

/** The versionless arXiv id of an entry id such as `http://arxiv.org/abs/2401.04088v2`. */
export function arxivIdFromEntryId(entryId: string): string | undefined {
  const m = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/abs\/(.+)$/i.exec(entryId.trim());
  return m ? normaliseArxivId(m[1]) : undefined;
}

function isoDate(value: unknown): string | undefined {
  const s = text(value);
  return s && !Number.isNaN(Date.parse(s)) ? s : undefined;
}

/**
 * Parses an export API response. Throws `ArxivFeedError` for a body that is not an Atom
 * feed and `ArxivApiError` for arXiv's error feed.
 */
export function parseArxivFeed(xml: string): ArxivParseResult {
  // Outside the try: a parser that cannot be loaded is not the response's fault.
  const reader = xmlParser();
  let doc: unknown;
  try {
    doc = reader.parse(xml, true);
  } catch (err) {
    throw new ArxivFeedError(`the arXiv response is not well-formed XML (${errorMessage(err)})`);
  }
  const feed = isNode(doc) ? doc.feed : undefined;
  if (!isNode(feed)) {
    throw new ArxivFeedError('the arXiv response is XML but not an Atom feed');
  }

  const entries = nodes(feed.entry);
  const failure = entries.find(isErrorEntry);
  if (failure) {
    throw new ArxivApiError(
      `arXiv refused the query: ${collapseWhitespace(text(failure.summary) ?? 'no reason given')}`,
    );
  }

  const papers: Paper[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const entry of entries) {
    const paper = parseArxivEntry(entry);
    if (!paper) skipped++;
    else if (!seen.has(paper.id)) {
      seen.add(paper.id);
      papers.push(paper);
    }
  }
  const total = Number(text(feed.totalResults));
  const result: ArxivParseResult = { papers, skipped };
  if (Number.isInteger(total) && total >= 0) result.totalResults = total;
  return result;
}

/** arXiv's error entry: titled "Error", with an id under /api/errors rather than a paper's. */
function isErrorEntry(entry: Node): boolean {
  const id = text(entry.id) ?? '';
  return text(entry.title) === 'Error' && (id.includes('/api/errors') || arxivIdFromEntryId(id) === undefined);
}

/** One Atom entry to a Paper, or undefined when it has no arXiv id or no title. */
export function parseArxivEntry(entry: Node): Paper | undefined {
  const entryId = text(entry.id);
  const arxivId = entryId ? arxivIdFromEntryId(entryId) : undefined;
  const rawTitle = text(entry.title);
  if (!arxivId || !rawTitle) return undefined;
  const title = collapseWhitespace(rawTitle);

  const authors = nodes(entry.author)
    .map((a) => text(a.name))
    .filter((n): n is string => n !== undefined)
    .map(collapseWhitespace);

  const primary = attr(entry.primary_category, 'term');
  const categories = [
    ...new Set([primary, ...nodes(entry.category).map((c) => attr(c, 'term'))].filter((c): c is string => !!c)),
  ];

  const paper: Paper = {
    id: arxivId,
    arxivId,
    title,
    authors,
    abstract: normaliseAbstract(text(entry.summary) ?? ''),
    aiKeywords: [],
    links: {
      ...arxivLinks(arxivId),
      huggingFace: `https://huggingface.co/papers/${encodeURIComponent(arxivId)}`,
    },
    source: 'arxiv',
  };
  const pdf = pdfLink(entry);
  if (pdf) paper.links.pdf = pdf;
  const published = isoDate(entry.published) ?? isoDate(entry.updated);
  if (published) {
    paper.published = published;
    paper.feedDay = /^\d{4}-\d{2}-\d{2}/.exec(published)?.[0] ?? new Date(published).toISOString().slice(0, 10);
  }
  if (categories.length > 0) paper.categories = categories;
  const doi = text(entry.doi);
  if (doi) paper.doi = collapseWhitespace(doi);
  const journalRef = text(entry.journal_ref);
  if (journalRef) paper.journalRef = collapseWhitespace(journalRef);
  return paper;
}

/**
 * The entry's PDF link (`link[title=pdf]`) when it points at arxiv.org, made https and
 * versionless like the abstract link; other hosts are not trusted as the paper's PDF.
 */
function pdfLink(entry: Node): string | undefined {
  const link = nodes(entry.link).find((l) => attr(l, 'title') === 'pdf');
  const href = attr(link, 'href');
  if (!href) return undefined;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (!/^(www\.|export\.)?arxiv\.org$/i.test(url.hostname)) return undefined;
  const id = normaliseArxivId(url.pathname.replace(/^\/pdf\//, '').replace(/\.pdf$/, ''));
  return id ? arxivLinks(id).pdf : undefined;
}
