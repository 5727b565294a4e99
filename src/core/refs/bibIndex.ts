/**
 * A bibliography file read for the editor's live features (hover, go to entry, diagnostics,
 * completion): every entry with where it is, `@string` macros expanded, and what is wrong.
 *
 * Why not `parseBib`: that one runs the package's LaTeX grammar over every field (2–3 ms an
 * entry, five seconds for a 2,000-entry file) and gives up on the whole file at the first
 * broken entry, which is right before writing to a file and wrong for reading one. The same
 * package's first pass, its verbatim reader, reads fields as written, expands `@string`s,
 * carries on after a broken entry and reports the same errors — so a file LitFeed refuses to
 * cite into and the diagnostics agree — at about 20 µs an entry. The package exports only its
 * full parser, so that pass is built into a bundle of its own (`bibtex-verbatim.js`, see
 * esbuild.js) and, outside the bundle, loaded from the package's files.
 *
 * The text is read in slices of whole entries, with a turn of the event loop between them,
 * so that a very large file never holds the extension host for long.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { arxivIdsOf, doisOf, type BibRecord } from '../cite/bibDocument';
import { lazyModule } from '../lazyModule';
import { lineNumber, lineStarts } from '../textLines';

/** One entry: `BibRecord`'s fields (macros expanded) and its place in the text. */
export interface BibEntryInfo extends BibRecord {
  /** Offsets of the entry's `@` and just past its end. */
  start: number;
  end: number;
  /** Offsets of the key. */
  keyStart: number;
  keyEnd: number;
  /** Set when the entry does not parse: the reader's message. Its fields are then empty. */
  broken?: string;
}

export type BibIssueKind = 'broken' | 'duplicate-key' | 'same-paper';

/** Something wrong with a bibliography file, at an offset range of its text. */
export interface BibIssue {
  kind: BibIssueKind;
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** `broken`: the reader's message; `same-paper`: the identifier both entries carry. */
  message: string;
  /** For `duplicate-key` and `same-paper`: the key and line of the entry met first. */
  other?: string;
  otherLine?: number;
}

export interface BibIndex {
  entries: BibEntryInfo[];
  /** First entry of each key, exactly as written. */
  byKey: ReadonlyMap<string, BibEntryInfo>;
  /** First entry of each key in lower case: BibTeX matches keys ignoring case, biber does not. */
  byLowerKey: ReadonlyMap<string, BibEntryInfo>;
  issues: BibIssue[];
}

// ---------------------------------------------------------------------------------------------
// Loading the reader

interface VerbatimEntry {
  input: string;
  type: string;
  key: string;
  fields: Record<string, string>;
}
interface VerbatimLibrary {
  entries: VerbatimEntry[];
  strings: Record<string, string>;
  errors: { error: string; input?: string }[];
}
interface VerbatimModule {
  parse(input: string, options?: { strings?: Record<string, string> }): VerbatimLibrary;
}

/** The reader's bundle, built beside the extension bundles. */
export const BIBTEX_VERBATIM_BUNDLE = 'bibtex-verbatim.js';
// The package's own ES module; held in a variable so that bundlers leave it alone.
const VERBATIM_MODULE = ['dist', 'esm', 'verbatim.js'];
const PARSER_PACKAGE = '@retorquere/bibtex-parser';

// The package's exports map hides the file, so it is found from the package's main one.
const loadReader = lazyModule<VerbatimModule>(BIBTEX_VERBATIM_BUNDLE, async () => {
  const main = createRequire(__filename).resolve(PARSER_PACKAGE);
  const root = main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`));
  return (await import(pathToFileURL(path.join(root, ...VERBATIM_MODULE)).href)) as VerbatimModule;
});

// ---------------------------------------------------------------------------------------------
// Slicing

/** Characters read between two turns of the event loop (a few milliseconds of work). */
const SLICE_CHARS = 64 * 1024;

/**
 * Offsets where the text may be cut into slices: the start of a line that begins with `@`
 * while no brace is open, at least `size` characters after the previous cut.
 */
export function sliceStarts(text: string, size = SLICE_CHARS): number[] {
  const starts = [0];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125) depth = Math.max(0, depth - 1);
    else if (
      c === 64 &&
      depth === 0 &&
      i - last >= size &&
      (text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13)
    ) {
      starts.push(i);
      last = i;
    }
  }
  return starts;
}

// ---------------------------------------------------------------------------------------------
// Indexing

export interface IndexOptions {
  /** Called between slices; the default waits for a turn of the event loop. */
  pause?: () => Promise<void>;
  /** Characters per slice (tests use small ones). */
  sliceChars?: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Where `key` is written in the entry starting at `start`: after `@type{` or `@type(`. */
function keySpan(text: string, start: number, key: string): [number, number] {
  const open = /@\s*[A-Za-z]+\s*[{(]\s*/y;
  open.lastIndex = start;
  if (open.exec(text) !== null && text.startsWith(key, open.lastIndex)) {
    return [open.lastIndex, open.lastIndex + key.length];
  }
  const at = text.indexOf(key, start);
  return at >= 0 ? [at, at + key.length] : [start, start];
}

/** Reads `text`, a .bib file, into an index. Never throws for bad input: problems become issues. */
export async function indexBib(text: string, options: IndexOptions = {}): Promise<BibIndex> {
  const verbatim = await loadReader();
  const pause = options.pause ?? nextTurn;
  // The two passes over the whole text and the final one over every entry each take a turn
  // of their own: at 2 MB each costs about as much as a slice of entries.
  const lines = lineStarts(text);
  await pause();
  const cuts = sliceStarts(text, options.sliceChars);
  const entries: BibEntryInfo[] = [];
  const issues: BibIssue[] = [];
  let strings: Record<string, string> = {};
  for (let s = 0; s < cuts.length; s++) {
    await pause();
    const base = cuts[s];
    const slice = text.slice(base, cuts[s + 1] ?? text.length);
    const library = verbatim.parse(slice, { strings });
    strings = { ...strings, ...library.strings };
    readSlice(text, slice, base, library, lines, entries, issues);
  }
  await pause();
  return finish(entries, issues, lines);
}

function readSlice(
  text: string,
  slice: string,
  base: number,
  library: VerbatimLibrary,
  lines: readonly number[],
  entries: BibEntryInfo[],
  issues: BibIssue[],
): void {
  // Broken entries come back with no input; their place is the input of the error about them.
  const brokenAt: { start: number; message: string }[] = [];
  let errorCursor = 0;
  for (const err of library.errors) {
    const at = err.input ? slice.indexOf(err.input, errorCursor) : -1;
    if (at < 0) continue; // an undefined @string and the like: not tied to one entry
    errorCursor = at + 1;
    const start = base + at;
    const message = err.error.replace(/\s+at line \d+, column \d+.*$/s, '');
    brokenAt.push({ start, message });
    const lineEnd = text.indexOf('\n', start);
    issues.push({
      kind: 'broken',
      start,
      end: lineEnd < 0 ? text.length : lineEnd,
      line: lineNumber(lines, start),
      message,
    });
  }
  let cursor = 0;
  let broken = 0;
  for (const entry of library.entries) {
    let start: number;
    let end: number;
    let problem: string | undefined;
    if (entry.input === '') {
      const b = brokenAt[broken++];
      if (b === undefined) continue;
      start = b.start;
      end = b.start;
      problem = b.message;
    } else {
      const at = slice.indexOf(entry.input, cursor);
      if (at < 0) continue;
      cursor = at + entry.input.length;
      start = base + at;
      end = start + entry.input.length;
    }
    const [keyStart, keyEnd] = keySpan(text, start, entry.key);
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(entry.fields)) fields[name.toLowerCase()] = value;
    entries.push({
      key: entry.key,
      type: entry.type.toLowerCase(),
      fields,
      line: lineNumber(lines, start),
      start,
      end,
      keyStart,
      keyEnd,
      ...(problem !== undefined ? { broken: problem } : {}),
    });
  }
}

function finish(entries: BibEntryInfo[], issues: BibIssue[], lines: readonly number[]): BibIndex {
  const byKey = new Map<string, BibEntryInfo>();
  const byLowerKey = new Map<string, BibEntryInfo>();
  const byId = new Map<string, BibEntryInfo>();
  for (const entry of entries) {
    if (entry.key === '') continue;
    const first = byLowerKey.get(entry.key.toLowerCase());
    if (first !== undefined) {
      issues.push({
        kind: 'duplicate-key',
        start: entry.keyStart,
        end: entry.keyEnd,
        line: lineNumber(lines, entry.keyStart),
        message: `duplicate key "${entry.key}" (first on line ${first.line})`,
        other: first.key,
        otherLine: first.line,
      });
    } else {
      byLowerKey.set(entry.key.toLowerCase(), entry);
      byKey.set(entry.key, entry);
    }
    if (entry.broken !== undefined) continue;
    const ids = entryIds(entry);
    const same = ids.map((id) => [id, byId.get(id)] as const).find(([, e]) => e !== undefined && e.key !== entry.key);
    if (same !== undefined) {
      const [id, other] = same;
      issues.push({
        kind: 'same-paper',
        start: entry.keyStart,
        end: entry.keyEnd,
        line: lineNumber(lines, entry.keyStart),
        // The identifier both entries carry.
        message: id,
        other: other!.key,
        otherLine: other!.line,
      });
    }
    for (const id of ids) if (!byId.has(id)) byId.set(id, entry);
  }
  issues.sort((a, b) => a.start - b.start);
  return { entries, byKey, byLowerKey, issues };
}

/** The identifiers an entry carries, as `arXiv:<id>` and `doi:<doi>` in lower case. */
export function entryIds(record: BibRecord): string[] {
  return [...[...arxivIdsOf(record)].map((id) => `arXiv:${id}`), ...[...doisOf(record)].map((d) => `doi:${d}`)];
}

/** The entry `key` names: exactly, else ignoring case. */
export function entryFor(index: BibIndex, key: string): BibEntryInfo | undefined {
  return index.byKey.get(key) ?? index.byLowerKey.get(key.toLowerCase());
}
