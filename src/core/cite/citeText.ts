/**
 * Citation text for the document being written, by VS Code language id:
 *
 * | syntax   | language ids                                                   | text            |
 * |----------|----------------------------------------------------------------|-----------------|
 * | latex    | latex, tex, doctex, latex-expl3, rsweave, jlweave, pweave      | `\cite{a,b}`    |
 * | pandoc   | markdown, quarto, rmd, pandoc                                   | `[@a; @b]`      |
 * | typst    | typst                                                          | `@a @b`         |
 * | rst      | restructuredtext (sphinxcontrib-bibtex)                        | `` :cite:`a,b` `` |
 *
 * Other languages have no citation syntax; `citationFor` then gives the BibTeX entries or a
 * plain reference ("Authors (Year). Title. arXiv:id"), as the `fallback` setting says.
 */
import type { Paper } from '../paper';
import { normaliseArxivId, paperYear } from '../paper';

export type CitationSyntax = 'latex' | 'pandoc' | 'typst' | 'rst';

const SYNTAX_BY_LANGUAGE: Record<string, CitationSyntax> = {
  latex: 'latex',
  tex: 'latex',
  doctex: 'latex',
  'latex-expl3': 'latex',
  rsweave: 'latex',
  jlweave: 'latex',
  pweave: 'latex',
  markdown: 'pandoc',
  quarto: 'pandoc',
  rmd: 'pandoc',
  pandoc: 'pandoc',
  typst: 'typst',
  restructuredtext: 'rst',
};

/** How `languageId` cites, or undefined for languages without a citation syntax. */
export function citationSyntax(languageId: string): CitationSyntax | undefined {
  return SYNTAX_BY_LANGUAGE[languageId.toLowerCase()];
}

export interface CiteOptions {
  /** LaTeX command, with or without backslash: `cite` (default), `citep`, `citet`, `autocite`, `textcite*`, … */
  latexCommand?: string;
}

function latexCommand(options: CiteOptions | undefined): string {
  const cmd = (options?.latexCommand ?? '').trim().replace(/^\\/, '');
  return /^[A-Za-z]+\*?$/.test(cmd) ? cmd : 'cite';
}

// Pandoc's bare key syntax; other keys need its `@{…}` form.
const PANDOC_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*$/u;
// Typst's `@label` syntax; other keys need `#cite(label("…"))`.
const TYPST_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_-]|[:.](?=[\p{L}\p{N}_-]))*$/u;

function pandocRef(key: string): string {
  return PANDOC_KEY.test(key) ? `@${key}` : `@{${key}}`;
}

function typstRef(key: string): string {
  return TYPST_KEY.test(key) ? `@${key}` : `#cite(label(${JSON.stringify(key)}))`;
}

/**
 * Citation text for `keys` in a document of `languageId`. Languages without a citation syntax
 * get the LaTeX form; use `citationFor` when they should get an entry or a plain reference.
 */
export function citeText(keys: string[], languageId: string, options?: CiteOptions): string {
  switch (citationSyntax(languageId) ?? 'latex') {
    case 'latex':
      return `\\${latexCommand(options)}{${keys.join(',')}}`;
    case 'pandoc':
      return `[${keys.map(pandocRef).join('; ')}]`;
    case 'typst':
      return keys.map(typstRef).join(' ');
    case 'rst':
      return `:cite:\`${keys.join(',')}\``;
  }
}

/** A paper with its BibTeX entry: `{ paper, ...bibtexEntry(paper) }`. */
export interface CitedPaper {
  key: string;
  /** The BibTeX entry text. */
  text: string;
  paper: Paper;
}

/**
 * What "Cite" inserts: the citation when the language has a syntax, else the BibTeX entries
 * (`fallback: 'entry'`, the default) or plain references (`'plain'`), one per paper.
 */
export function citationFor(
  items: readonly CitedPaper[],
  languageId: string,
  options?: CiteOptions & { fallback?: 'entry' | 'plain' },
): string {
  if (citationSyntax(languageId) !== undefined) {
    return citeText(
      items.map((i) => i.key),
      languageId,
      options,
    );
  }
  if (options?.fallback === 'plain') return items.map((i) => plainCitation(i.paper)).join('\n');
  return items.map((i) => i.text.trimEnd()).join('\n\n') + '\n';
}

function nameList(authors: string[]): string {
  if (authors.length <= 2) return authors.join(' and ');
  if (authors.length === 3) return `${authors[0]}, ${authors[1]} and ${authors[2]}`;
  return `${authors[0]} et al.`;
}

/**
 * A one-line reference: `Ashish Vaswani et al. (2017). Attention Is All You Need. arXiv:1706.03762`.
 * Up to three authors are named; `n.d.` stands in for an unknown year; the identifier is the
 * arXiv id, else the DOI, else the paper's link.
 */
export function plainCitation(paper: Paper): string {
  const authors = paper.authors.map((a) => a.replace(/\s+/g, ' ').trim()).filter((a) => a !== '');
  const title = paper.title.replace(/\s+/g, ' ').trim();
  const titlePart = /[.?!]$/.test(title) ? title : `${title}.`;
  const year = `(${paperYear(paper) ?? 'n.d.'})`;
  const arxivId = paper.arxivId ?? normaliseArxivId(paper.id);
  const where =
    arxivId !== undefined
      ? `arXiv:${arxivId}`
      : paper.doi !== undefined
        ? `doi:${paper.doi}`
        : (paper.links.huggingFace ?? paper.links.project);
  const head = authors.length > 0 ? `${nameList(authors)} ${year}. ${titlePart}` : `${titlePart} ${year}.`;
  return where !== undefined ? `${head} ${where}` : head;
}

// ---------------------------------------------------------------------------------------------
// Adding to an existing citation

export interface Insertion {
  /** Offset in the document text where `insertText` goes. */
  offset: number;
  insertText: string;
}

/** How far back from the cursor an enclosing citation is looked for. */
const LOOKBEHIND = 2000;

interface Group {
  /** Offset just after the opening delimiter. */
  start: number;
  /** Offset of the closing delimiter. */
  end: number;
  /** Separator between keys: `,` or `;`. */
  separator: string;
  existing: string[];
}

/** The key list of `\cite…[..][..]{…|…}` around `offset`. */
function latexGroup(text: string, offset: number): Group | undefined {
  const before = text.slice(Math.max(0, offset - LOOKBEHIND), offset);
  const m = /\\[A-Za-z]*[Cc]ite[A-Za-z]*\*?(?:\s*\[[^\]]*\]){0,2}\s*\{([^{}\\]*)$/.exec(before);
  if (!m) return undefined;
  const start = offset - m[1].length;
  const close = text.indexOf('}', offset);
  if (close < 0 || /[{\\]/.test(text.slice(offset, close))) return undefined;
  return commaGroup(text, start, close);
}

/** A comma-separated key list from `start` to `close` (LaTeX's braces, reST's backquotes). */
function commaGroup(text: string, start: number, close: number): Group {
  const existing = text
    .slice(start, close)
    .split(',')
    .map((k) => k.trim());
  return { start, end: close, separator: ',', existing };
}

/** The `[…@key…]` bracket around `offset`, when it holds a pandoc citation. */
function pandocGroup(text: string, offset: number): Group | undefined {
  const before = text.slice(Math.max(0, offset - LOOKBEHIND), offset);
  const open = before.lastIndexOf('[');
  const between = before.slice(open + 1);
  // A `]` after the last `[` closed it; a blank line ends the paragraph it was in.
  if (open < 0 || between.includes(']') || /\n\s*\n/.test(between)) return undefined;
  const start = offset - (before.length - open - 1);
  const close = text.indexOf(']', offset);
  if (close < 0 || /\[/.test(text.slice(offset, close))) return undefined;
  const inner = text.slice(start, close);
  const refs = [...inner.matchAll(/(?:^|[\s;[-])-?@(\{[^}]*\}|[\p{L}\p{N}_][^\s;,\]]*)/gu)].map((r) =>
    r[1].replace(/^\{|\}$/g, ''),
  );
  if (refs.length === 0) return undefined;
  return { start, end: close, separator: ';', existing: refs };
}

/** The ``:cite:`…` `` role around `offset`. */
function rstGroup(text: string, offset: number): Group | undefined {
  const before = text.slice(Math.max(0, offset - LOOKBEHIND), offset);
  const m = /:cite(?::[a-z]+)*:`([^`]*)$/.exec(before);
  if (!m) return undefined;
  const start = offset - m[1].length;
  const close = text.indexOf('`', offset);
  if (close < 0) return undefined;
  return commaGroup(text, start, close);
}

/** Adds `keys` to the list `group`, at the cursor (moved to the end of a key it is inside). */
function addToGroup(text: string, offset: number, group: Group, keys: string[], ref: (k: string) => string): Insertion {
  const fresh = keys.filter((k) => !group.existing.includes(k));
  const sep = group.separator;
  const isItemChar = (c: string | undefined) => c !== undefined && !/\s/.test(c) && c !== sep;
  let at = offset;
  while (at > group.start && at < group.end && isItemChar(text[at]) && isItemChar(text[at - 1])) at++;
  if (fresh.length === 0) return { offset: at, insertText: '' };
  const prev = text.slice(group.start, at).trimEnd().slice(-1);
  const next = text.slice(at, group.end).trimStart().charAt(0);
  const joiner = sep === ';' ? '; ' : ',';
  const body = fresh.map(ref).join(joiner);
  const lead = prev === '' || prev === sep ? '' : joiner;
  const trail = next === '' || next === sep ? '' : joiner;
  return { offset: at, insertText: lead + body + trail };
}

/**
 * The edit that cites `keys` at `offset`: inside an existing `\cite{a|}` it adds `,k`,
 * inside `[@a|]` it adds `; @k`, inside ``:cite:`a|` `` it adds `,k` (keys already there are
 * not repeated); anywhere else it inserts the full citation (`citeText`).
 */
export function insertionAt(
  text: string,
  offset: number,
  keys: string[],
  languageId: string,
  options?: CiteOptions,
): Insertion {
  const syntax = citationSyntax(languageId) ?? 'latex';
  const group =
    syntax === 'latex'
      ? latexGroup(text, offset)
      : syntax === 'pandoc'
        ? pandocGroup(text, offset)
        : syntax === 'rst'
          ? rstGroup(text, offset)
          : undefined;
  if (group !== undefined) return addToGroup(text, offset, group, keys, syntax === 'pandoc' ? pandocRef : (k) => k);
  let insertText = citeText(keys, languageId, options);
  // Typst reads `word@key` as text; a space makes it a reference.
  if (syntax === 'typst' && /[\p{L}\p{N}_]$/u.test(text.slice(0, offset))) insertText = ` ${insertText}`;
  return { offset, insertText };
}
