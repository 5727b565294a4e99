/**
 * What a reader wants to see of a .bib entry whoever wrote it (hover, completion): title,
 * authors, year, venue, the start of the abstract, and the identifiers that link it to a
 * paper LitFeed knows. LaTeX text is read back as Unicode; `$…$` math stays TeX, since
 * hovers do not typeset it.
 */
import { arxivIdsOf, doisOf, type BibRecord } from '../cite/bibDocument';
import { bibNames, plainField } from '../cite/latexPlain';
import { segmentsToPlainText, splitMath } from '../view/texSegments';

export interface EntrySummary {
  title: string;
  authors: string[];
  /** Each author's family name, when the field says which part it is (`Last, First`), else the last word. */
  families: string[];
  year?: string;
  venue?: string;
  abstract?: string;
  arxivId?: string;
  doi?: string;
  url?: string;
}

const VENUE_FIELDS = ['journal', 'journaltitle', 'booktitle', 'publisher', 'school', 'institution', 'howpublished'];

export function entrySummary(record: BibRecord): EntrySummary {
  const names = bibNames(record.fields.author ?? record.fields.editor ?? '');
  const year = plainField(record, 'year') ?? /^\d{4}/.exec(record.fields.date ?? '')?.[0];
  const venue = VENUE_FIELDS.map((f) => plainField(record, f)).find((v) => v !== undefined);
  const abstract = plainField(record, 'abstract');
  const arxivId = arxivIdsOf(record).values().next().value;
  const doi = [...doisOf(record)].find((d) => !d.startsWith('10.48550/'));
  const url = record.fields.url?.trim();
  return {
    title: plainField(record, 'title') ?? '',
    authors: names.map((n) => n.display),
    families: names.map((n) => n.family ?? n.display.split(/\s+/).pop() ?? n.display),
    ...(year !== undefined && year.trim() !== '' ? { year: year.trim() } : {}),
    ...(venue !== undefined ? { venue } : {}),
    ...(abstract !== undefined ? { abstract } : {}),
    ...(arxivId !== undefined ? { arxivId } : {}),
    ...(doi !== undefined ? { doi } : {}),
    ...(url !== undefined && /^https?:\/\//i.test(url) ? { url } : {}),
  };
}

/**
 * A title for one line of text (hover heading, completion detail, pick rows), where nothing
 * typesets math: `$\sim$10x` reads as `∼10x`, `$O(n^2)$` as `O(n^2)`, as in the trees' tooltips.
 */
export function titleText(title: string): string {
  return segmentsToPlainText(splitMath(title));
}

/** `Vaswani et al. (2017)` / `Smith and Jones (2020)` / `Smith (n.d.)`: a short line for lists. */
export function authorYear(summary: EntrySummary): string {
  const names = summary.families;
  const who =
    names.length === 0
      ? ''
      : names.length === 1
        ? names[0]
        : names.length === 2
          ? `${names[0]} and ${names[1]}`
          : `${names[0]} et al.`;
  const year = summary.year ?? 'n.d.';
  return who !== '' ? `${who} (${year})` : `(${year})`;
}
