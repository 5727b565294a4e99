/**
 * The fields that say where a paper was published, as both new entries (`bibtexEntry` with
 * `preferPublished`) and upgraded ones (`lookup/upgradeEntry`) write them, so the two never
 * disagree on a venue's form.
 */
import type { Publication } from '../paper';
import { collapseWhitespace } from '../paper';
import { escapeLatexText } from './latexText';

/** Field names in the order entries carry them, lower case. */
export type PublishedField = 'booktitle' | 'journal' | 'year' | 'volume' | 'number' | 'pages' | 'publisher' | 'doi';

/** The field that names the venue for a publication of this kind. */
export function venueField(publication: Publication): 'booktitle' | 'journal' {
  return publication.kind === 'inproceedings' ? 'booktitle' : 'journal';
}

/**
 * A page range as BibTeX styles expect it: a hyphen or dash between two page numbers becomes
 * `--` (which TeX sets as an en dash); anything else (an article number, `e1234`) is kept.
 */
export function bibtexPages(pages: string): string {
  return collapseWhitespace(pages).replace(
    /^([A-Za-z]*\d+)\s*(?:-+|\u2013|\u2014|\u2012|\u2212)\s*([A-Za-z]*\d+)$/,
    '$1--$2',
  );
}

/** The bare DOI (`10.1000/xyz`) when `raw` is one, with or without a resolver prefix. */
export function cleanDoi(raw: string | undefined): string | undefined {
  const doi = (raw ?? '').trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
  if (!/^10\.\d{4,9}\/\S+$/.test(doi)) return undefined;
  return doi.replace(/[{}\\$"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** arXiv's own DOIs (`10.48550/arXiv.2401.00001`) name the preprint, never a published version. */
export function isArxivDoi(doi: string): boolean {
  return /^10\.48550\/arxiv\./i.test(doi.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, ''));
}

/**
 * The published version's fields, values ready to write between braces: text through
 * `escapeLatexText` (ASCII only with `ascii`), the DOI bare. `year` is the publication's,
 * else `fallbackYear`. `publisher` only for proceedings. Empty values are left out.
 */
export function publishedFields(
  publication: Publication,
  ascii: boolean,
  fallbackYear?: string,
): Array<[PublishedField, string]> {
  const text = (s: string | undefined) => escapeLatexText(collapseWhitespace(s ?? ''), ascii);
  const out: Array<[PublishedField, string]> = [[venueField(publication), text(publication.venue)]];
  const year = /^\d{4}$/.test(publication.year ?? '') ? publication.year : fallbackYear;
  if (year !== undefined) out.push(['year', year]);
  out.push(['volume', text(publication.volume)], ['number', text(publication.number)]);
  out.push(['pages', text(bibtexPages(publication.pages ?? ''))]);
  // biblatex's data model has no publisher for @article (biber --validate-datamodel flags it),
  // and BibTeX's standard styles ignore it there: a journal is named by the journal alone.
  if (publication.kind === 'inproceedings') out.push(['publisher', text(publication.publisher)]);
  const doi = cleanDoi(publication.doi);
  if (doi !== undefined && !isArxivDoi(doi)) out.push(['doi', doi]);
  return out.filter(([, value]) => value !== '');
}
