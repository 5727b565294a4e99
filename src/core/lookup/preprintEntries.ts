/**
 * Finding the entries of a .bib file that cite a paper only as an arXiv preprint, whoever wrote
 * them, so "Update Preprints in Bibliography…" can look each one up.
 *
 * An entry is arXiv-only when it names no venue but arXiv and carries an arXiv sign:
 * - `arxiv-export`: arXiv's (and LitFeed's) `@misc` with `eprint` and `archivePrefix={arXiv}`;
 * - `google-scholar`: `@article` with `journal={arXiv preprint arXiv:2401.00001}`;
 * - `dblp-corr`: DBLP's `journal={CoRR}`, `volume={abs/1706.03762}`, `eprinttype={arXiv}`;
 * - `zotero`: `journal={arXiv:1706.05125 [cs]}` or `journal={ArXiv}` (also `journaltitle`),
 *   `@misc` with `publisher={arXiv}` or an arXiv `howpublished`, `@techreport` with
 *   `institution={arXiv}`;
 * - `arxiv-doi`: nothing but an arXiv DOI (`10.48550/arXiv.…`);
 * - `eprint`: nothing but an arXiv id in `eprint`, `url`, `arxivid` or `note`.
 * A `booktitle`, a `crossref`, a journal, publisher, `howpublished` or `institution` that is not
 * arXiv, or a DOI that is not arXiv's, names another venue: such an entry is left alone, as is
 * every type but article, misc, unpublished, online, preprint, eprint, electronic and techreport.
 */
import type { BibRecord } from '../cite/bibDocument';
import { bibNames, latexToPlain } from '../cite/latexPlain';
import { normaliseArxivId } from '../paper';

export type PreprintStyle = 'arxiv-export' | 'google-scholar' | 'dblp-corr' | 'zotero' | 'arxiv-doi' | 'eprint';

export interface PreprintEntry {
  record: BibRecord;
  style: PreprintStyle;
  /** Versionless arXiv id, when the entry gives one. */
  arxivId?: string;
  /** The arXiv DOI the entry carries, lower case. */
  doi?: string;
  /** Plain text: braces, accents and escapes decoded. */
  title: string;
  /** Plain text, `First Last`. */
  authors: string[];
  year?: string;
}

/** An author field as plain `First Last` names, for matching. */
export function plainAuthors(raw: string): string[] {
  return bibNames(raw).map((name) => name.display);
}

// ---------------------------------------------------------------------------------------------
// Venues

// What arXiv is called in a journal, publisher or howpublished field, after braces are dropped:
// `arXiv`, `CoRR`, `arXiv preprint arXiv:…`, `arXiv:1706.05125 [cs]`, `arXiv e-prints`,
// `ArXiv abs/…`, `arxiv.org/abs/…`, `Computing Research Repository`.
const ARXIV_VENUE =
  /^(?:(?:arxiv|corr)(?:\s*(?:preprint|e-?prints?|\.org|abs))*(?:\s*[:/]?\s*(?:arxiv\s*:\s*|abs\/)?[\w./-]*\d)?(?:\s*\[[^\]]*\])?\.?|computing research repository(?:\s*\(corr\))?|(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/\S*)$/i;

/** True when a venue-like field value names arXiv (or DBLP's CoRR) and nothing else. */
export function namesArxiv(value: string | undefined): boolean {
  return value !== undefined && ARXIV_VENUE.test(latexToPlain(value));
}

const ID = String.raw`(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?(?!\d)`;
const ID_IN_TEXT = new RegExp(String.raw`(?:arxiv\.org\/(?:abs|pdf|html)\/|arxiv\s*[:.]\s*|abs\/)` + ID, 'i');

/** The versionless arXiv id a field value names (`arXiv:…`, `abs/…`, an arXiv URL or DOI). */
export function arxivIdIn(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = ID_IN_TEXT.exec(latexToPlain(value).replace(/\s+/g, ' '));
  return m !== null ? normaliseArxivId(m[1]) : undefined;
}

function eprintId(f: Record<string, string>): string | undefined {
  const kind = f.archiveprefix ?? f.eprinttype;
  if (f.eprint === undefined || (kind !== undefined && !/arxiv/i.test(kind))) return undefined;
  return normaliseArxivId(latexToPlain(f.eprint)) ?? arxivIdIn(f.eprint);
}

const ARXIV_DOI = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?(10\.48550\/arxiv\.\S+)$/i;

const TYPES = new Set(['article', 'misc', 'unpublished', 'online', 'preprint', 'eprint', 'electronic', 'techreport']);

/** How an entry says it is an arXiv preprint, or undefined when it names another venue. */
export function preprintStyle(record: BibRecord): PreprintStyle | undefined {
  const f = record.fields;
  if (!TYPES.has(record.type) || f.booktitle !== undefined || f.crossref !== undefined) return undefined;
  for (const name of ['journal', 'journaltitle', 'publisher', 'howpublished', 'institution', 'organization']) {
    if (f[name] !== undefined && latexToPlain(f[name]) !== '' && !namesArxiv(f[name])) return undefined;
  }
  const doi = f.doi !== undefined ? latexToPlain(f.doi) : undefined;
  if (doi !== undefined && doi !== '' && !ARXIV_DOI.test(doi)) return undefined;

  const journal = f.journal ?? f.journaltitle;
  if (journal !== undefined && /^(?:corr|computing research repository)\b/i.test(latexToPlain(journal))) {
    return 'dblp-corr';
  }
  if (journal !== undefined && /^arxiv\s+preprint/i.test(latexToPlain(journal))) return 'google-scholar';
  if (journal !== undefined && namesArxiv(journal)) return 'zotero';
  if (namesArxiv(f.publisher) || namesArxiv(f.howpublished) || namesArxiv(f.institution)) return 'zotero';
  if (eprintId(f) !== undefined && (f.archiveprefix !== undefined || f.eprinttype !== undefined)) return 'arxiv-export';
  if (doi !== undefined && ARXIV_DOI.test(doi)) return 'arxiv-doi';
  const id = eprintId(f) ?? arxivIdIn(f.arxivid) ?? arxivIdIn(f.url) ?? arxivIdIn(f.note);
  return id !== undefined ? 'eprint' : undefined;
}

/** The arXiv id an entry names anywhere it may: eprint, arxivid, journal, volume, DOI, URLs, note. */
export function entryArxivId(record: BibRecord): string | undefined {
  const f = record.fields;
  const fromArxivId = f.arxivid !== undefined ? normaliseArxivId(latexToPlain(f.arxivid)) : undefined;
  return (
    eprintId(f) ??
    fromArxivId ??
    [f.journal, f.journaltitle, f.volume, f.doi, f.url, f.howpublished, f.pages, f.eid, f.note]
      .map(arxivIdIn)
      .find((id) => id !== undefined)
  );
}

/** The arXiv-only entries of a parsed .bib, in file order. */
export function findPreprintEntries(entries: readonly BibRecord[]): PreprintEntry[] {
  const found: PreprintEntry[] = [];
  for (const record of entries) {
    const style = preprintStyle(record);
    if (style === undefined) continue;
    const f = record.fields;
    const arxivId = entryArxivId(record);
    const doi = f.doi !== undefined ? ARXIV_DOI.exec(latexToPlain(f.doi))?.[1].toLowerCase() : undefined;
    const year = /\d{4}/.exec(f.year ?? f.date ?? '')?.[0];
    found.push({
      record,
      style,
      ...(arxivId !== undefined ? { arxivId } : {}),
      ...(doi !== undefined ? { doi } : {}),
      title: latexToPlain(f.title ?? ''),
      authors: plainAuthors(f.author ?? ''),
      ...(year !== undefined ? { year } : {}),
    });
  }
  return found;
}
