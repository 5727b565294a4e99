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
import { collapseWhitespace, normaliseArxivId } from '../paper';

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

// ---------------------------------------------------------------------------------------------
// LaTeX to plain text

const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
};

const LETTERS: Record<string, string> = {
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  ss: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  i: 'ı',
  j: 'ȷ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  textendash: '–',
  textemdash: '—',
  textquoteright: '’',
  textquoteleft: '‘',
};

// `\"u`, `{\"u}`, `\"{u}`, `\c{c}`, `\c c`, `\'\i`: a symbol accent takes the next letter, a
// letter accent (`\c`, `\v`, …) must not be the start of a longer command.
const ACCENTED = /\\([`'^"~=.]|[uvHckrdb](?![A-Za-z]))\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))/g;

/**
 * A LaTeX field value as plain text, for matching: accents (`{\"u}`, `\'e`, `\c{c}`) and
 * letter commands (`\o`, `\ss`) decoded, `\&` `\%` `\_` `\$` `\#` unescaped, `--` as a dash,
 * `~` as a space, formatting commands (`\emph{…}`) reduced to their text, braces dropped.
 */
export function latexPlain(value: string): string {
  let s = value;
  s = s.replace(ACCENTED, (m, cmd: string, braced?: string, bare?: string) => {
    const letter = (braced ?? bare ?? '').replace(/^\\/, '');
    const accent = ACCENTS[cmd];
    return accent === undefined || letter === '' ? m : (letter + accent).normalize('NFC');
  });
  s = s.replace(/\\([A-Za-z]+)(?![A-Za-z])\s*(?:\{\})?/g, (m, cmd: string) => LETTERS[cmd] ?? m);
  s = s.replace(/\\([&%_$#{}])/g, '$1');
  s = s.replace(
    /\\(?:emph|textit|textbf|texttt|textsc|textrm|textsf|mathrm|mbox|url|href|nolinkurl|text|em|it|bf|sc|rm|tt)\b\s*/g,
    '',
  );
  s = s.replace(/\\[,;:!\s]/g, ' ').replace(/~/g, ' ');
  s = s.replace(/---/g, '—').replace(/--/g, '–');
  s = s.replace(/[{}]/g, '');
  return collapseWhitespace(s);
}

/** Splits at ` and ` outside braces; `Last, First` becomes `First Last`, `Last, Jr., First` `First Last Jr.`. */
export function plainAuthors(raw: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && /\s/.test(ch)) {
      const m = /^\s+and\s+/i.exec(raw.slice(i));
      if (m !== null) {
        names.push(raw.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  names.push(raw.slice(start));
  return names
    .map((name) => {
      const parts = topLevelCommaSplit(name).map(latexPlain);
      if (parts.length === 2) return collapseWhitespace(`${parts[1]} ${parts[0]}`);
      if (parts.length >= 3) return collapseWhitespace(`${parts.slice(2).join(' ')} ${parts[0]} ${parts[1]}`);
      return parts[0];
    })
    .filter((name) => name !== '' && !/^others$/i.test(name));
}

function topLevelCommaSplit(name: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '{') depth++;
    else if (name[i] === '}') depth = Math.max(0, depth - 1);
    else if (name[i] === ',' && depth === 0) {
      parts.push(name.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(name.slice(start));
  return parts;
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
  return value !== undefined && ARXIV_VENUE.test(latexPlain(value));
}

const ID = String.raw`(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?(?!\d)`;
const ID_IN_TEXT = new RegExp(String.raw`(?:arxiv\.org\/(?:abs|pdf|html)\/|arxiv\s*[:.]\s*|abs\/)` + ID, 'i');

/** The versionless arXiv id a field value names (`arXiv:…`, `abs/…`, an arXiv URL or DOI). */
export function arxivIdIn(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = ID_IN_TEXT.exec(latexPlain(value).replace(/\s+/g, ' '));
  return m !== null ? normaliseArxivId(m[1]) : undefined;
}

function eprintId(f: Record<string, string>): string | undefined {
  const kind = f.archiveprefix ?? f.eprinttype;
  if (f.eprint === undefined || (kind !== undefined && !/arxiv/i.test(kind))) return undefined;
  return normaliseArxivId(latexPlain(f.eprint)) ?? arxivIdIn(f.eprint);
}

const ARXIV_DOI = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?(10\.48550\/arxiv\.\S+)$/i;

const TYPES = new Set(['article', 'misc', 'unpublished', 'online', 'preprint', 'eprint', 'electronic', 'techreport']);

/** How an entry says it is an arXiv preprint, or undefined when it names another venue. */
export function preprintStyle(record: BibRecord): PreprintStyle | undefined {
  const f = record.fields;
  if (!TYPES.has(record.type) || f.booktitle !== undefined || f.crossref !== undefined) return undefined;
  for (const name of ['journal', 'journaltitle', 'publisher', 'howpublished', 'institution', 'organization']) {
    if (f[name] !== undefined && latexPlain(f[name]) !== '' && !namesArxiv(f[name])) return undefined;
  }
  const doi = f.doi !== undefined ? latexPlain(f.doi) : undefined;
  if (doi !== undefined && doi !== '' && !ARXIV_DOI.test(doi)) return undefined;

  const journal = f.journal ?? f.journaltitle;
  if (journal !== undefined && /^(?:corr|computing research repository)\b/i.test(latexPlain(journal))) {
    return 'dblp-corr';
  }
  if (journal !== undefined && /^arxiv\s+preprint/i.test(latexPlain(journal))) return 'google-scholar';
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
  const fromArxivId = f.arxivid !== undefined ? normaliseArxivId(latexPlain(f.arxivid)) : undefined;
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
    const doi = f.doi !== undefined ? ARXIV_DOI.exec(latexPlain(f.doi))?.[1].toLowerCase() : undefined;
    const year = /\d{4}/.exec(f.year ?? f.date ?? '')?.[0];
    found.push({
      record,
      style,
      ...(arxivId !== undefined ? { arxivId } : {}),
      ...(doi !== undefined ? { doi } : {}),
      title: latexPlain(f.title ?? ''),
      authors: plainAuthors(f.author ?? ''),
      ...(year !== undefined ? { year } : {}),
    });
  }
  return found;
}
