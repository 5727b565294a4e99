/**
 * Rewriting one arXiv-only entry as its published version, touching as little as possible:
 *
 * - The key never changes. The type becomes `inproceedings` or `article` in the case the entry
 *   wrote its own: `@misc` → `@inproceedings`, `@MISC` → `@INPROCEEDINGS`, and a capitalised
 *   type (`@Misc`, `@Article`) → `@InProceedings` / `@Article`, as JabRef and biblatex's manual
 *   write them.
 * - Fields that name arXiv as the venue go: a `journal`/`journaltitle` of `arXiv preprint …`,
 *   `CoRR`, `arXiv:… [cs]` or `ArXiv`; a `publisher`, `howpublished`, `institution` or
 *   `organization` of arXiv; a `volume`, `number`, `pages` or `eid` that is an arXiv id
 *   (`abs/1706.03762`, `arXiv:2002.01335`); an arXiv DOI.
 * - The publication's `booktitle` or `journal`, `year`, `volume`, `number`, `pages`,
 *   `publisher` (proceedings only) and `doi` are written: over a field of that name where the entry has one (in
 *   its place, with its name, spacing and delimiters), the venue in the place of the arXiv
 *   venue it replaces, the rest after the venue. A `date` stands in for a missing `year`.
 * - `eprint`, `archivePrefix`/`eprinttype`, `primaryClass`, `url`, `note`, `keywords`, `file`,
 *   `abstract` and every other field stay byte for byte, in their order. When no kept field
 *   still names the arXiv id (it was only in a removed journal, volume or DOI), `eprint` and
 *   `archivePrefix={arXiv}` are added, so the free copy stays one click away.
 * - New fields follow the entry's layout: its indentation and line ending, its `name = value`
 *   spacing (aligned `=` columns stay aligned), the case of its field names, braces or quotes,
 *   and whether the last field ends with a comma.
 *
 * Values are LaTeX-escaped by `escapeLatexText`; the caller passes `ascii: true` for a file
 * that is pure ASCII today (or whose engine needs it), so it stays so.
 */
import type { Publication } from '../paper';
import { isArxivDoi, publishedFields } from '../cite/publishedFields';
import type { BibRecord } from '../cite/bibDocument';
import { latexToPlain } from '../cite/latexPlain';
import { entryArxivId, namesArxiv } from './preprintEntries';

export interface UpgradeOptions {
  /** Write new values in ASCII only (LaTeX escapes), for a file that is pure ASCII. */
  ascii?: boolean;
}

/** An entry `upgradeEntry` cannot read as `@type{key, name = value, …}`. */
export class EntrySyntaxError extends Error {
  override readonly name = 'EntrySyntaxError';
}

interface Field {
  /** Whitespace before the name. */
  lead: string;
  name: string;
  /** From the end of the name to the value: `=` and the spaces around it. */
  sep: string;
  /** As written, delimiters included (`{…}`, `"…"`, `2019`, `jun`, `"a" # b`). */
  value: string;
  /** Whitespace between the value and its comma. */
  after: string;
  comma: boolean;
}

interface Parsed {
  /** `@`, the type and what follows it, up to the type's end. */
  at: string;
  type: string;
  /** From the opening delimiter to the comma after the key, inclusive. */
  head: string;
  fields: Field[];
  /** Whitespace and the closing delimiter. */
  tail: string;
}

// ---------------------------------------------------------------------------------------------
// Reading

function parseEntry(text: string): Parsed {
  const start = /^(@[ \t]*)([A-Za-z][\w:-]*)([ \t\r\n]*([{(])[ \t\r\n]*[^\s,{}()"=]+[ \t\r\n]*,)/.exec(text);
  if (start === null) throw new EntrySyntaxError('not an entry with a key and fields');
  const closer = start[4] === '(' ? ')' : '}';
  const fields: Field[] = [];
  let pos = start[0].length;
  const ws = () => {
    const m = /^\s*/.exec(text.slice(pos)) as RegExpExecArray;
    pos += m[0].length;
    return m[0];
  };
  for (;;) {
    const lead = ws();
    if (text[pos] === closer && pos === text.length - 1) {
      return { at: start[1], type: start[2], head: start[3], fields, tail: lead + closer };
    }
    const name = /^[^\s=,{}()"#%]+/.exec(text.slice(pos))?.[0];
    if (name === undefined) throw new EntrySyntaxError(`unexpected text at offset ${pos}`);
    pos += name.length;
    const sep = /^\s*=\s*/.exec(text.slice(pos))?.[0];
    if (sep === undefined) throw new EntrySyntaxError(`field ${name} has no "="`);
    pos += sep.length;
    const valueStart = pos;
    let valueEnd = pos;
    for (;;) {
      pos = valuePart(text, pos, closer, name);
      valueEnd = pos;
      const concat = /^\s*#\s*/.exec(text.slice(pos));
      if (concat === null) break;
      pos += concat[0].length;
    }
    const after = ws();
    if (text[pos] === ',') {
      fields.push({ lead, name, sep, value: text.slice(valueStart, valueEnd), after, comma: true });
      pos++;
    } else if (text[pos] === closer && pos === text.length - 1) {
      fields.push({ lead, name, sep, value: text.slice(valueStart, valueEnd), after: '', comma: false });
      return { at: start[1], type: start[2], head: start[3], fields, tail: after + closer };
    } else throw new EntrySyntaxError(`field ${name} is not followed by "," or the entry's end`);
  }
}

/** Offset after one `{…}`, `"…"` or bare value part starting at `pos`. */
function valuePart(text: string, pos: number, closer: string, name: string): number {
  const open = text[pos];
  if (open === '{' || open === '"') {
    let depth = 0;
    for (let i = pos + 1; i < text.length; i++) {
      const ch = text[i];
      if (ch === '{') depth++;
      else if (ch === '}') {
        if (depth === 0 && open === '{') return i + 1;
        if (depth === 0) break;
        depth--;
      } else if (ch === '"' && open === '"' && depth === 0) return i + 1;
    }
    throw new EntrySyntaxError(`the value of ${name} never closes`);
  }
  const bare = new RegExp(`^[^\\s,#{}"${closer === ')' ? '()' : ''}]+`).exec(text.slice(pos));
  if (bare === null) throw new EntrySyntaxError(`field ${name} has no value`);
  return pos + bare[0].length;
}

/** A value without its outer delimiters, as `parseBib` gives it. */
function inner(value: string): string {
  return /^[{"]/.test(value) ? value.slice(1, -1) : value;
}

// ---------------------------------------------------------------------------------------------
// The entry's style

interface Style {
  eol: string;
  lead: string;
  sep: (name: string) => string;
  name: (lower: string) => string;
  quote: boolean;
  trailingComma: boolean;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = v;
  return best;
}

function detectStyle(text: string, parsed: Parsed): Style {
  const { fields } = parsed;
  const eol = /\r\n|\n/.exec(text)?.[0] ?? '';
  const leads = fields.map((f) => f.lead).filter((l) => l.includes('\n'));
  const indent = mostCommon(leads.map((l) => l.slice(l.lastIndexOf('\n') + 1))) ?? '  ';
  const lead = eol !== '' ? eol + indent : ' ';
  // Aligned `=` (DBLP's `author       = {…}`, tab stops in older files): when most fields put
  // their `=` in the same column, a new field pads its name to that column the same way.
  const indentOf = (f: Field) => f.lead.slice(f.lead.lastIndexOf('\n') + 1);
  const columns = fields.map((f) => visualColumn(indentOf(f) + f.name + f.sep.slice(0, f.sep.indexOf('='))));
  const column = Number(mostCommon(columns.map(String)) ?? 0);
  const aligned =
    fields.length >= 2 &&
    columns.filter((c) => c === column).length * 2 > fields.length &&
    fields.some((f) => /^\s{2,}=|^\t/.test(f.sep));
  const tabs = fields.some((f) => /^\s*\t/.test(f.sep));
  const commonSep = mostCommon(fields.map((f) => f.sep)) ?? ' = ';
  const afterEq = commonSep.slice(commonSep.indexOf('=') + 1);
  const sep = (name: string) => {
    if (!aligned) return commonSep;
    const from = visualColumn(indent + name);
    if (!tabs) return ' '.repeat(Math.max(1, column - from)) + '=' + afterEq;
    let pad = '\t';
    while (visualColumn(indent + name + pad) < column) pad += '\t';
    return pad + '=' + afterEq;
  };
  const letters = fields.map((f) => f.name).filter((n) => /[A-Za-z]{2}/.test(n));
  const upper = letters.length > 0 && letters.every((n) => n === n.toUpperCase());
  const capital = !upper && letters.length > 0 && letters.every((n) => /^[A-Z]/.test(n));
  const camel: Record<string, string> = { archiveprefix: 'archivePrefix', primaryclass: 'primaryClass' };
  const name = (lower: string) => {
    if (upper) return lower.toUpperCase();
    const written = camel[lower] ?? lower;
    return capital ? written[0].toUpperCase() + written.slice(1) : written;
  };
  const delimited = fields.map((f) => f.value[0]).filter((c) => c === '{' || c === '"');
  const quote = delimited.filter((c) => c === '"').length > delimited.length / 2;
  const trailingComma = fields.length === 0 || fields[fields.length - 1].comma;
  return { eol, lead, sep, name, quote, trailingComma };
}

/** The column a line's text ends in, tabs stopping every 8 columns as editors and TeX show them. */
function visualColumn(text: string): number {
  let col = 0;
  for (const ch of text) col = ch === '\t' ? (Math.floor(col / 8) + 1) * 8 : col + 1;
  return col;
}

function typeLike(original: string, lower: 'article' | 'inproceedings'): string {
  if (original === original.toUpperCase() && /[A-Z]/.test(original)) return lower.toUpperCase();
  if (/^[A-Z]/.test(original)) return lower === 'inproceedings' ? 'InProceedings' : 'Article';
  return lower;
}

/** `raw` between the delimiters `like` used (braces for a bare value unless it is a number). */
function delimit(raw: string, like: string, quote: boolean): string {
  const style = like === '' ? (quote ? '"' : '{') : like[0];
  if (style === '"' && !raw.includes('"')) return `"${raw}"`;
  if (style !== '{' && style !== '"' && /^\d+$/.test(raw)) return raw;
  return `{${raw}}`;
}

// ---------------------------------------------------------------------------------------------
// Upgrading

const VENUE_FIELDS = new Set(['journal', 'journaltitle', 'publisher', 'howpublished', 'institution', 'organization']);
const NUMBER_FIELDS = new Set(['volume', 'number', 'pages', 'eid', 'issue']);

/** True when the field says arXiv is where the paper appeared. */
function namesArxivVenue(lower: string, value: string): boolean {
  if (VENUE_FIELDS.has(lower)) return namesArxiv(value);
  if (NUMBER_FIELDS.has(lower)) return /^(?:abs\/|arxiv\b)/i.test(latexToPlain(value));
  if (lower === 'doi') return isArxivDoi(latexToPlain(value));
  return false;
}

function recordOf(fields: readonly Field[]): BibRecord {
  const record: BibRecord = { key: '', type: 'misc', fields: {}, line: 0 };
  for (const f of fields) record.fields[f.name.toLowerCase()] ??= inner(f.value);
  return record;
}

/**
 * `entryText` (one whole entry, from its `@` to its closing delimiter) rewritten as the
 * published version `publication`, by the rules above. Throws `EntrySyntaxError` when the text
 * is not one entry with fields.
 */
export function upgradeEntry(entryText: string, publication: Publication, options: UpgradeOptions = {}): string {
  // Whitespace after the closing delimiter is not the entry's; it is given back as it was.
  const text = entryText.replace(/\s+$/, '');
  const parsed = parseEntry(text);
  const style = detectStyle(text, parsed);
  const arxivId = entryArxivId(recordOf(parsed.fields));

  const removed = new Set<Field>();
  for (const f of parsed.fields) if (namesArxivVenue(f.name.toLowerCase(), inner(f.value))) removed.add(f);
  const venueSlot = parsed.fields.find((f) => removed.has(f) && VENUE_FIELDS.has(f.name.toLowerCase()));

  const fields = [...parsed.fields];
  const fresh = (lower: string, raw: string): Field => {
    const name = style.name(lower);
    return {
      lead: style.lead,
      name,
      sep: style.sep(name),
      value: delimit(raw, '', style.quote),
      after: '',
      comma: true,
    };
  };
  const wanted = publishedFields(publication, options.ascii ?? false);
  const pending: Field[] = [];
  let venueAt: Field | undefined;
  for (const [lower, raw] of wanted) {
    const same = (f: Field) => f.name.toLowerCase() === lower;
    const existing =
      fields.find(same) ??
      (lower === 'year' ? fields.find((f) => f.name.toLowerCase() === 'date') : undefined) ??
      (lower === 'journal' ? fields.find((f) => f.name.toLowerCase() === 'journaltitle') : undefined);
    const isVenue = lower === 'booktitle' || lower === 'journal';
    if (existing !== undefined) {
      removed.delete(existing);
      existing.value = delimit(raw, existing.value, style.quote);
      if (isVenue) venueAt = existing;
    } else if (isVenue && venueSlot !== undefined) {
      removed.delete(venueSlot);
      const name = style.name(lower);
      Object.assign(venueSlot, { name, sep: style.sep(name), value: delimit(raw, venueSlot.value, style.quote) });
      venueAt = venueSlot;
    } else {
      const field = fresh(lower, raw);
      pending.push(field);
      if (isVenue) venueAt = field;
    }
  }

  const kept = fields.filter((f) => !removed.has(f));
  if (arxivId !== undefined && entryArxivId(recordOf(kept)) === undefined) {
    pending.push(fresh('eprint', arxivId));
    const names = new Set(kept.map((f) => f.name.toLowerCase()));
    if (!names.has('archiveprefix') && !names.has('eprinttype')) pending.push(fresh('archiveprefix', 'arXiv'));
  }
  insertPending(kept, pending, venueAt);
  kept.forEach((f, i) => {
    f.comma = i < kept.length - 1 || style.trailingComma;
    if (!f.comma) f.after = '';
  });

  const type = typeLike(parsed.type, publication.kind);
  const body = kept.map((f) => f.lead + f.name + f.sep + f.value + f.after + (f.comma ? ',' : '')).join('');
  return parsed.at + type + parsed.head + body + parsed.tail + entryText.slice(text.length);
}

/**
 * New fields go after the venue when it kept a place of its own, else (venue included) after
 * the last of author, title, year or date, else at the end.
 */
function insertPending(kept: Field[], pending: Field[], venueAt: Field | undefined): void {
  if (pending.length === 0) return;
  let at = venueAt !== undefined ? kept.indexOf(venueAt) : -1;
  if (at < 0) {
    const anchors = kept
      .map((f, i) => (['author', 'title', 'year', 'date'].includes(f.name.toLowerCase()) ? i : -1))
      .filter((i) => i >= 0);
    at = anchors.length > 0 ? Math.max(...anchors) : kept.length - 1;
  }
  kept.splice(at + 1, 0, ...pending);
}
