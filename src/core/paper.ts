/**
 * The Paper model every other module speaks. Sources turn their wire formats into this;
 * the store persists it; the tree, the abstract view and the citation commands read it.
 * Optional fields are simply absent when a source does not know them (never `null`).
 */

/**
 * Which source produced a paper record. `sample` is the bundled offline feed; `bib` an entry
 * of the user's own bibliography or what their notes file says of a paper, shown and searched,
 * never stored.
 */
export type SourceId = 'hf-daily' | 'hf-search' | 'arxiv' | 'sample' | 'lookup' | 'bib';

export interface PaperLinks {
  /** https://huggingface.co/papers/<id> */
  huggingFace?: string;
  /** https://arxiv.org/abs/<id> */
  arxivAbs?: string;
  /** https://arxiv.org/pdf/<id> */
  pdf?: string;
  /** Code repository, always a full https URL. */
  code?: string;
  /** Project page, as given by the source. */
  project?: string;
}

/**
 * The journal or proceedings version of a paper, found by the look-ups of `core/lookup`
 * (arXiv's own DOI and journal reference, DBLP, Crossref, Semantic Scholar). Citing with
 * `preferPublished` writes it as `@article` / `@inproceedings`.
 */
export interface Publication {
  kind: 'article' | 'inproceedings';
  /** Journal or proceedings title, plain text. */
  venue: string;
  /** Four digits: the year of the published version, which may differ from the preprint's. */
  year?: string;
  volume?: string;
  number?: string;
  /** Page range with a plain hyphen (`5998-6008`) or an article number. */
  pages?: string;
  publisher?: string;
  /** Bare DOI of the published version. */
  doi?: string;
  /** Which service said so: `arxiv`, `dblp`, `crossref` or `semanticScholar`. */
  foundBy: string;
}

export interface Paper {
  /** Stable identity: the arXiv id (without version) when there is one, else a source-specific id. */
  id: string;
  /** arXiv identifier without version suffix, e.g. `1706.03762`, when known. */
  arxivId?: string;
  title: string;
  /** Author names in order; hidden authors already dropped. */
  authors: string[];
  /** Abstract with whitespace normalised (hard line breaks folded, paragraphs kept). */
  abstract: string;
  /** arXiv publication date, ISO 8601 (date or date-time). */
  published?: string;
  /** The day the paper was listed in the feed, `YYYY-MM-DD`. */
  feedDay?: string;
  upvotes?: number;
  numComments?: number;
  /** Who put the paper on Hugging Face's daily list (their full name, else their user name). */
  submittedBy?: string;
  aiSummary?: string;
  aiKeywords: string[];
  organization?: string;
  githubStars?: number;
  thumbnail?: string;
  links: PaperLinks;
  /** arXiv categories, primary first, when known. */
  categories?: string[];
  doi?: string;
  journalRef?: string;
  /** The published version, when a look-up found one. */
  publication?: Publication;
  source: SourceId;
}

const ARXIV_NEW = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const ARXIV_OLD = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/** The versionless arXiv id when `raw` is one (new `2401.01234v2` or old `hep-th/9901001` style). */
export function normaliseArxivId(raw: string): string | undefined {
  const s = raw.trim().replace(/^arxiv:/i, '');
  const m = ARXIV_NEW.exec(s) ?? ARXIV_OLD.exec(s);
  return m ? m[1] : undefined;
}

/** Standard links for an arXiv paper. */
export function arxivLinks(arxivId: string): Pick<PaperLinks, 'arxivAbs' | 'pdf'> {
  return { arxivAbs: `https://arxiv.org/abs/${arxivId}`, pdf: `https://arxiv.org/pdf/${arxivId}` };
}

/**
 * Folds the hard line breaks sources put inside paragraphs, keeps blank-line paragraph
 * breaks, and trims. Titles and names use `collapseWhitespace` instead.
 */
export function normaliseAbstract(text: string): string {
  // Most sources send no carriage returns; looking for one is cheaper than a regex pass.
  return (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text)
    .split(/\n[ \t]*\n+/)
    .map((p) => collapseWhitespace(p))
    .filter((p) => p.length > 0)
    .join('\n\n');
}

// Runs of two or more, or one that is not a plain space: replacing every gap between words
// with an identical space (`/\s+/g`) made this the costliest step of parsing a feed.
const WHITESPACE_RUN = /\s{2,}|[^\S ]/g;

export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

/** First author's family name as shown in compact places (tree descriptions). */
export function firstAuthorLabel(paper: Paper): string | undefined {
  if (paper.authors.length === 0) return undefined;
  const first = paper.authors[0];
  return paper.authors.length > 1 ? `${first} et al.` : first;
}

/** The four-digit year of a paper: its publication date, else the one its arXiv id encodes. */
export function paperYear(paper: Paper): string | undefined {
  const fromDate = /^(\d{4})/.exec(paper.published ?? '');
  if (fromDate) return fromDate[1];
  const id = paper.arxivId ?? normaliseArxivId(paper.id);
  if (id === undefined) return undefined;
  // New-style ids start with YYMM (from 2007); old-style ones end with YYMMNNN (1991–2007).
  const yy = /^(\d{2})\d{2}\./.exec(id)?.[1] ?? /\/(\d{2})\d{5}$/.exec(id)?.[1];
  if (yy === undefined) return undefined;
  return (Number(yy) >= 91 ? '19' : '20') + yy;
}
