/**
 * A BibTeX field's LaTeX read back as plain Unicode text, and its author list as names: what
 * LitFeed needs to compare an entry someone else wrote (DBLP's, the ACL Anthology's, a user's
 * .bib) with a paper. Accents (`{\"u}`, `\'e`, `\c{c}`, `\'\i`) and letter commands (`\o`,
 * `\ss`) are decoded, `\&` `\%` `\_` unescaped, `--` and `---` are dashes, `~` a space,
 * formatting (`\emph{…}`, `{\em …}`, `\url{…}`) is reduced to its text and grouping braces go.
 * `$…$` math is kept as written.
 */
import { collapseWhitespace } from '../paper';

const ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
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
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  i: 'ı',
  j: 'ȷ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
};

const SYMBOLS: Record<string, string> = {
  textendash: '–',
  textemdash: '—',
  textquoteright: '’',
  textquoteleft: '‘',
  textquotedblleft: '“',
  textquotedblright: '”',
  ldots: '…',
  dots: '…',
  textellipsis: '…',
  textasciitilde: '~',
  textbackslash: '\\',
  textunderscore: '_',
  textregistered: '®',
  texttrademark: '™',
  textcopyright: '©',
  S: '§',
  P: '¶',
};

/** Commands whose argument is the text (`\emph{x}` → `x`) or that only switch a font (`{\em x}`). */
const STYLE =
  /\\(?:emph|textit|textbf|textsc|texttt|textrm|textsf|textsl|textup|textmd|textnormal|mbox|text|mathrm|url|nolinkurl)\s*(?=\{)/g;
const SWITCH = /\\(?:em|it|bf|sc|tt|rm|sf|sl|up|md|normalfont)(?![A-Za-z])\s*/g;

// An accent command with its letter: `\"u`, `\"{u}`, `{\'{a}}`, `\c c`, `\c{c}`, `\'\i`.
const ACCENT_SYMBOL = /\\(['`^"~=.])\s*(?:\{\s*(\\[ij](?![A-Za-z])|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))/g;
const ACCENT_LETTER = /\\([uvHckrdb])(?:\s*\{\s*(\\[ij](?![A-Za-z])|[A-Za-z])\s*\}|\s+([A-Za-z]))/g;
// TeX swallows the spaces after a control word (`Stra\ss e` is Straße); `{}` ends it keeping them.
const LETTER = /\\(ss|aa|AA|ae|AE|oe|OE|dh|DH|th|TH|ng|NG|o|O|l|L|i|j)(?![A-Za-z])(?:\s*\{\}|\s+)?/g;
const SYMBOL = /\\([A-Za-z]+)(?![A-Za-z])(?:\s*\{\}|\s+)?/g;
const ESCAPED = /\\([&%$#_{}])/g;

function accented(command: string, braced: string | undefined, bare: string | undefined): string {
  // A dotless i or j under an accent is the ordinary letter: `\'{\i}` is í.
  const base = (braced ?? bare ?? '').replace(/^\\([ij])$/, '$1');
  return (base + ACCENTS[command]).normalize('NFC');
}

function decodeText(text: string): string {
  return (
    text
      .replace(ACCENT_SYMBOL, (_, c: string, braced?: string, bare?: string) => accented(c, braced, bare))
      .replace(ACCENT_LETTER, (_, c: string, braced?: string, bare?: string) => accented(c, braced, bare))
      .replace(LETTER, (_, name: string) => LETTERS[name])
      .replace(STYLE, '')
      .replace(SWITCH, '')
      .replace(SYMBOL, (whole, name: string) => SYMBOLS[name] ?? whole)
      .replace(/\\[ ,;:!]/g, ' ')
      .replace(/---/g, '—')
      .replace(/--/g, '–')
      .replace(/~/g, ' ')
      // Escaped braces survive as placeholders while the grouping ones are dropped.
      .replace(/\\\{/g, '\u0000')
      .replace(/\\\}/g, '\u0001')
      .replace(/[{}]/g, '')
      .replace(/\u0000/g, '{')
      .replace(/\u0001/g, '}')
      .replace(ESCAPED, '$1')
  );
}

/**
 * A BibTeX field's LaTeX as plain Unicode on one line. `$…$` math is kept as written: titles
 * are written back to BibTeX, where math must stay math.
 */
export function latexToPlain(latex: string): string {
  const parts = latex.split(/(?<!\\)(\$[^$]*\$)/);
  return collapseWhitespace(parts.map((part, i) => (i % 2 === 1 ? part : decodeText(part))).join('')).normalize('NFC');
}

/** A .bib field read back as plain text; undefined when the entry lacks it or it reads as nothing. */
export function plainField(record: { fields: Record<string, string> }, name: string): string | undefined {
  const raw = record.fields[name];
  if (raw === undefined) return undefined;
  const plain = latexToPlain(raw);
  return plain === '' ? undefined : plain;
}

/** Splits `a and b and c` on the `and`s outside braces (`{Barnes and Noble}` is one name). */
function splitAuthors(field: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < field.length; i++) {
    const ch = field[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && /\s/.test(ch)) {
      const m = /^\s+and\s+/i.exec(field.slice(i));
      if (m) {
        names.push(field.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  names.push(field.slice(start));
  return names.map((n) => n.trim()).filter((n) => n !== '');
}

/** Commas outside braces: `Last, First` and `Last, Jr, First`. */
function commaParts(name: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      parts.push(name.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(name.slice(start));
  return parts.map((p) => p.trim());
}

export interface BibName {
  display: string;
  /** Known only when the name was written `Last, First`. */
  family?: string;
}

function readName(raw: string): BibName | undefined {
  if (/^others$/i.test(raw.trim())) return undefined;
  const parts = commaParts(raw);
  let display: string;
  let family: string | undefined;
  if (parts.length === 1) {
    display = latexToPlain(parts[0]);
  } else {
    const [last, ...rest] = parts.map(latexToPlain);
    const first = rest.length >= 2 ? rest[1] : rest[0];
    const suffix = rest.length >= 2 ? rest[0] : '';
    family = last;
    display = [first, last, suffix].filter((p) => p !== '').join(' ');
  }
  // DBLP tells namesakes apart with a number (`Wei Wang 0001`), which is not part of the name.
  display = display.replace(/\s+\d{4}$/, '');
  if (display === '') return undefined;
  return family !== undefined && family !== '' ? { display, family } : { display };
}

/** Every name of an author field, `Last, First` turned around; `others` dropped. */
export function bibNames(field: string): BibName[] {
  return splitAuthors(field)
    .map(readName)
    .filter((n): n is BibName => n !== undefined);
}
