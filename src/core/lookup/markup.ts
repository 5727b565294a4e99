/**
 * Small readers shared by the look-up service parsers: the markup services leave in titles
 * and abstracts (Crossref's JATS and HTML tags, DBLP's HTML entities), and the error a parser
 * throws when an answer does not have the documented shape.
 */
import { collapseWhitespace } from '../paper';
import type { WorkService } from './work';

/** An answer that parsed as JSON but is not what the service documents; the message names the service. */
export class LookupFormatError extends Error {
  override readonly name = 'LookupFormatError';
  constructor(
    readonly service: WorkService,
    message: string,
  ) {
    super(message);
  }
}

// Only what looks like an element (`<jats:italic>`, `</i>`, `<br/>`), so a stray `<` in a
// formula survives.
const TAG = /<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>/g;

// The entities services actually send in titles and names; unknown ones stay as written.
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  times: '×',
  minus: '−',
  deg: '°',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  agrave: 'à',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ntilde: 'ñ',
  ccedil: 'ç',
  oslash: 'ø',
  aring: 'å',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** Tags dropped, then entities decoded (in that order, so an escaped `&lt;i&gt;` stays text). */
export function stripMarkup(text: string): string {
  return decodeEntities(text.replace(TAG, ''));
}

/** A title or name as plain text on one line. */
export function plainLine(text: string): string {
  return collapseWhitespace(stripMarkup(text));
}

/**
 * A JATS or HTML abstract as plain paragraphs: a leading "Abstract" heading is dropped and
 * paragraph ends become blank lines.
 */
export function plainAbstract(text: string): string {
  const withoutHeading = text.replace(/^\s*<(jats:)?title>\s*abstract\s*<\/(jats:)?title>/i, '');
  const paragraphs = withoutHeading.replace(/<\/(?:jats:)?(?:p|title|sec)>|<br\s*\/?>/gi, '\n\n');
  return stripMarkup(paragraphs)
    .split(/\n[ \t]*\n+/)
    .map((p) => collapseWhitespace(p))
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/** A string field, or undefined when absent, of another type, or blank. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = collapseWhitespace(value);
  return trimmed === '' ? undefined : trimmed;
}

/** Like `text`, but a number is read too: volumes and issues come either way. */
export function textOrNumber(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value);
}

/** Four digits from a number or string year, else undefined. */
export function fourDigitYear(value: unknown): string | undefined {
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^\d{4}$/.test(raw) ? raw : undefined;
}

/** Page ranges with a plain hyphen, as the publication record keeps them (`525 - 535`, `770–778`). */
export function plainPages(value: string): string {
  return value.replace(/\s*[-‐‑‒–—]+\s*/g, '-').trim();
}

/** DOIs compare case-insensitively; the services are read and compared in lower case. */
export function lowerDoi(value: unknown): string | undefined {
  const doi = text(value);
  if (doi === undefined) return undefined;
  const bare = doi.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, '');
  return /^10\.\d{4,9}\/\S+$/.test(bare) ? bare.toLowerCase() : undefined;
}

/** arXiv's own DOIs (`10.48550/arXiv.…`) name the preprint, never a published version. */
export function isArxivDoi(doi: string): boolean {
  return doi.toLowerCase().startsWith('10.48550/arxiv.');
}
