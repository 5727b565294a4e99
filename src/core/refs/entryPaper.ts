import type { BibRecord } from '../cite/bibDocument';
import { arxivLinks, type Paper } from '../paper';
import type { EntrySummary } from './entrySummary';

/**
 * A .bib entry LitFeed has no paper for, as a paper the abstract view can show: its id is the
 * arXiv id, else `doi:` and the DOI, else `bib:` and the key.
 */
export function entryPaper(record: BibRecord, summary: EntrySummary): Paper {
  const id = summary.arxivId ?? (summary.doi !== undefined ? `doi:${summary.doi}` : `bib:${record.key}`);
  const links = summary.arxivId !== undefined ? arxivLinks(summary.arxivId) : {};
  return {
    id,
    ...(summary.arxivId !== undefined ? { arxivId: summary.arxivId } : {}),
    title: summary.title || record.key,
    authors: summary.authors,
    abstract: summary.abstract ?? '',
    ...(summary.year !== undefined && /^\d{4}$/.test(summary.year) ? { published: summary.year } : {}),
    aiKeywords: [],
    links: summary.url !== undefined && summary.arxivId === undefined ? { ...links, project: summary.url } : links,
    ...(summary.doi !== undefined ? { doi: summary.doi } : {}),
    ...(summary.venue !== undefined ? { journalRef: summary.venue } : {}),
    source: 'bib',
  };
}
