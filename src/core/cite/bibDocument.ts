/**
 * Reading a document's existing .bib file, with the maintained parser behind Better BibTeX
 * (`@retorquere/bibtex-parser`), and appending to it without touching what is there.
 *
 * The parser is about 560 KB once bundled, more than the whole extension host bundle may
 * weigh, so it is loaded on first use only: from `bibtex-parser.js` beside this file when the
 * extension is bundled (esbuild builds that file from the package on its own), else from
 * node_modules (tests, scripts). It is an ES module whose CommonJS build cannot load one of
 * its own dependencies, so in plain Node it has to come through `import()`, never `require()`.
 *
 * What counts as "does not parse": any error the parser reports with a position — an entry
 * whose braces or quotes never close, a field without `=`, a missing `{` after `@type`, `$`
 * math left open inside a field. Appending after such a file could join our entry to the
 * broken one, so `parseBib` returns `ok: false` with the line where each broken entry starts.
 * The parser tolerates, and so do we (they come back as `warnings`): text between entries
 * (BibTeX treats it as a comment), `%` comment lines, stray `}` between entries, a missing
 * comma after the key, references to undefined `@string`s, duplicate keys.
 *
 * Speed: about 0.5 ms per entry (the parser runs a LaTeX grammar over every field), so a
 * 1,000-entry file takes around half a second; `parseBib` yields to the event loop every
 * 1,000 entries and remembers its last few results by text.
 */
import type * as BibtexParser from '@retorquere/bibtex-parser' with { 'resolution-mode': 'import' };
import type { Paper } from '../paper';
import { errorMessage } from '../guards';
import { lazyModule } from '../lazyModule';
import { lineNumber, lineStarts } from '../textLines';

/** One entry of a .bib file, fields as written (LaTeX not interpreted, names not split). */
export interface BibRecord {
  key: string;
  /** Entry type in lower case: `article`, `misc`, … */
  type: string;
  /** Field names in lower case; values without their outer braces or quotes. */
  fields: Record<string, string>;
  /** 1-based line of the entry's `@`. */
  line: number;
}

export interface BibProblem {
  /** 1-based line where the broken entry starts. */
  line: number;
  message: string;
}

export type BibParseResult =
  { ok: true; entries: BibRecord[]; warnings: string[] } | { ok: false; errors: BibProblem[] };

// ---------------------------------------------------------------------------------------------
// Loading the parser

type ParserModule = Pick<typeof BibtexParser, 'parseAsync' | 'FieldMode'>;

/** The parser's bundle, built next to the extension bundle (an esbuild entry of its own). */
export const BIBTEX_PARSER_BUNDLE = 'bibtex-parser.js';

// Held in a variable so that esbuild leaves the import to run time instead of pulling the
// parser into the extension bundle.
const PARSER_PACKAGE = '@retorquere/bibtex-parser';

const loadParser = lazyModule<ParserModule>(
  BIBTEX_PARSER_BUNDLE,
  async () => (await import(PARSER_PACKAGE)) as ParserModule,
);

// ---------------------------------------------------------------------------------------------
// Parsing

const POSITIONED = /at line (\d+), column \d+/;

async function parseUncached(text: string): Promise<BibParseResult> {
  const parser = await loadParser();
  // Every field verbatim and no case or cross-reference processing: we only need values as
  // written, and the LaTeX interpretation is where the parser spends its time.
  const creatorFields = parser.FieldMode.creatorlist.filter((f): f is string => typeof f === 'string');
  let library: BibtexParser.Library;
  try {
    library = await parser.parseAsync(text, {
      raw: true,
      verbatimFields: [/.*/],
      fieldMode: Object.fromEntries(creatorFields.map((f) => [f, 'verbatim' as const])),
      sentenceCase: false,
      english: false,
      applyCrossRef: false,
    });
  } catch (e) {
    return { ok: false, errors: [{ line: 1, message: `the BibTeX parser failed: ${errorMessage(e)}` }] };
  }

  // Line starts found once: counting from the top for each entry was quadratic in the file.
  const lines = lineStarts(text);
  const errors: BibProblem[] = [];
  const warnings: string[] = [];
  let errorCursor = 0;
  for (const err of library.errors) {
    const pos = POSITIONED.exec(err.error);
    if (pos === null) {
      warnings.push(err.error);
      continue;
    }
    const at = err.input ? text.indexOf(err.input, errorCursor) : -1;
    if (at >= 0) errorCursor = at + 1;
    errors.push({ line: at >= 0 ? lineNumber(lines, at) : Number(pos[1]), message: err.error });
  }
  if (errors.length > 0) return { ok: false, errors };

  const entries: BibRecord[] = [];
  const seen = new Map<string, number>();
  let cursor = 0;
  for (const entry of library.entries) {
    const at = text.indexOf(entry.input, cursor);
    if (at >= 0) cursor = at + entry.input.length;
    const line = at >= 0 ? lineNumber(lines, at) : 0;
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(entry.fields)) {
      fields[name.toLowerCase()] = Array.isArray(value) ? value.join(' and ') : String(value);
    }
    const previous = seen.get(entry.key.toLowerCase());
    if (previous !== undefined) warnings.push(`duplicate key "${entry.key}" (lines ${previous} and ${line})`);
    else seen.set(entry.key.toLowerCase(), line);
    entries.push({ key: entry.key, type: entry.type.toLowerCase(), fields, line });
  }
  return { ok: true, entries, warnings };
}

const recent = new Map<string, Promise<BibParseResult>>();
const RECENT_MAX = 4;

/**
 * Parses a .bib file. `ok: false` means it must not be written to; each error says where the
 * broken entry starts. Results for the last few texts are reused.
 */
export function parseBib(text: string): Promise<BibParseResult> {
  const hit = recent.get(text);
  if (hit !== undefined) {
    recent.delete(text);
    recent.set(text, hit);
    return hit;
  }
  const result = parseUncached(text);
  recent.set(text, result);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value as string);
  result.catch(() => recent.delete(text));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Looking up

/** `1706.03762` from `arXiv:1706.03762v2`, lower case, or undefined. */
function arxivKey(raw: string): string | undefined {
  const s = raw
    .trim()
    .replace(/^arxiv:\s*/i, '')
    .replace(/v\d+$/i, '')
    .toLowerCase();
  return /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})$/.test(s) ? s : undefined;
}

// An id is not followed by another digit: `1706.037621` must not match `1706.03762`.
const ARXIV_ID_PATTERN = String.raw`([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?!\d)`;
const ARXIV_IN_TEXT = new RegExp(
  String.raw`arxiv\.org\/(?:abs|pdf)\/` + ARXIV_ID_PATTERN + String.raw`|arxiv\s*[:.]?\s*` + ARXIV_ID_PATTERN,
  'gi',
);

/** Every arXiv id an entry mentions: eprint, arxivid, arXiv URLs, "arXiv:…" in journal or note, arXiv DOIs. */
export function arxivIdsOf(record: BibRecord): Set<string> {
  const ids = new Set<string>();
  const f = record.fields;
  const add = (raw: string | undefined) => {
    const id = raw !== undefined ? arxivKey(raw) : undefined;
    if (id !== undefined) ids.add(id);
  };
  if (
    f.eprint !== undefined &&
    (f.archiveprefix === undefined || /arxiv/i.test(f.archiveprefix) || /arxiv/i.test(f.eprinttype ?? ''))
  ) {
    add(f.eprint);
  }
  add(f.arxivid);
  add(f.arxiv);
  for (const name of ['url', 'journal', 'note', 'howpublished', 'eprint', 'pdf', 'doi', 'journaltitle']) {
    const value = f[name];
    if (value === undefined) continue;
    for (const m of value.matchAll(ARXIV_IN_TEXT)) add(m[1] ?? m[2]);
  }
  return ids;
}

/** A DOI in lower case without resolver prefix. */
function doiKey(raw: string): string | undefined {
  const s = raw
    .trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '')
    .toLowerCase();
  return /^10\.\d{4,9}\/\S+$/.test(s) ? s : undefined;
}

export function doisOf(record: BibRecord): Set<string> {
  const dois = new Set<string>();
  const fromField = record.fields.doi !== undefined ? doiKey(record.fields.doi) : undefined;
  if (fromField !== undefined) dois.add(fromField);
  const url = /(?:dx\.)?doi\.org\/(10\.\d{4,9}\/\S+)/i.exec(record.fields.url ?? '');
  if (url) dois.add(url[1].toLowerCase());
  return dois;
}

/**
 * The entry already standing for `paper`: same arXiv id (versions and case ignored; from
 * eprint, arXiv URLs, "arXiv:…" mentions or an arXiv DOI) or same DOI. First match in file order.
 */
export function findExisting(entries: readonly BibRecord[], paper: Paper): BibRecord | undefined {
  const arxivId = arxivKey(paper.arxivId ?? paper.id);
  const doi = paper.doi !== undefined ? doiKey(paper.doi) : undefined;
  const arxivDoi = arxivId !== undefined ? `10.48550/arxiv.${arxivId}` : undefined;
  return entries.find((e) => {
    if (arxivId !== undefined && arxivIdsOf(e).has(arxivId)) return true;
    const dois = doisOf(e);
    return (doi !== undefined && dois.has(doi)) || (arxivDoi !== undefined && dois.has(arxivDoi));
  });
}

/** The keys in use, for `bibtexEntry`'s `taken`. */
export function keysIn(entries: readonly BibRecord[]): Set<string> {
  return new Set(entries.map((e) => e.key));
}

// ---------------------------------------------------------------------------------------------
// Appending

/**
 * `bibText` followed by `entryText`, existing text untouched: the result always starts with
 * `bibText` byte for byte (BOM included). The entry is separated from what precedes it by one
 * blank line, written with the file's line endings (the first one found; `\n` for a file with
 * none), and ends with a line ending.
 */
export function appendEntry(bibText: string, entryText: string): string {
  const eol = /\r\n|\n|\r/.exec(bibText)?.[0] ?? '\n';
  const entry = entryText.replace(/^\s+|\s+$/g, '').replace(/\r\n|\r|\n/g, eol);
  const content = bibText.replace(/^\uFEFF/, '');
  // Line endings unified only to look at how the text ends (a CRLF is one break, not two).
  const tail = content.slice(-200).replace(/\r\n?/g, '\n');
  let sep = '';
  if (content.trim() !== '') {
    if (!tail.endsWith('\n')) sep = eol + eol;
    else if (!/\n[ \t]*\n$/.test(tail)) sep = eol;
  }
  return bibText + sep + entry + eol;
}
