/**
 * Reads BibTeX back with the maintained parser (@retorquere/bibtex-parser), the way a
 * reference manager would: LaTeX turned into Unicode, names split, no case changes.
 */
import type * as BibtexParser from '@retorquere/bibtex-parser' with { 'resolution-mode': 'import' };

let parser: Promise<typeof BibtexParser> | undefined;

/** The parser module, through `import()`: its CommonJS build cannot be required. */
export function bibParser(): Promise<typeof BibtexParser> {
  parser ??= import('@retorquere/bibtex-parser');
  return parser;
}

export interface ReadEntry {
  key: string;
  type: string;
  title: string | undefined;
  /** Names put back in reading order: given, particle, family, suffix (or the literal name). */
  authors: string[];
  fields: Record<string, string>;
}

export interface ReadBack {
  errors: string[];
  entries: ReadEntry[];
}

function nameOf(c: BibtexParser.Creator): string {
  if (c.name !== undefined) return c.name;
  const main = [c.firstName, c.prefix, c.lastName].filter((p) => p !== undefined && p !== '').join(' ');
  return c.suffix ? `${main} ${c.suffix}` : main;
}

export async function readBack(text: string): Promise<ReadBack> {
  const { parse } = await bibParser();
  const lib = parse(text, { english: false, caseProtection: false, sentenceCase: false });
  return {
    errors: lib.errors.map((e) => e.error),
    entries: lib.entries.map((e) => {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(e.fields)) {
        if (typeof v === 'string') fields[k] = v.normalize('NFC');
      }
      return {
        key: e.key,
        type: e.type,
        title: fields.title,
        authors: (e.fields.author ?? []).map((c) => nameOf(c).normalize('NFC')),
        fields,
      };
    }),
  };
}

/**
 * True when BibTeX's own brace count (which counts `\{` too) never goes below zero and ends at
 * zero — what it needs to find where a field ends.
 */
export function bibtexBalanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Field values of a generated entry as written (`name={value},` lines). */
export function writtenFields(entry: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of entry.matchAll(/^ {6}(\w+)=\{(.*)\},$/gm)) out[m[1]] = m[2];
  return out;
}
