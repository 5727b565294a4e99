/**
 * Where a citation key is being typed. Part of the start-up bundle: the completion provider
 * registered there asks this before loading the rest of LitFeed, so typing elsewhere in a
 * .tex or .md file loads nothing.
 */
import type * as vscode from 'vscode';
import { citationSyntax, type CitationSyntax } from '../../core/cite/citeText';
import { documentLanguage } from './documentLanguage';

/** Languages whose citation syntax LitFeed completes, and the text before the cursor that starts a key. */
const CONTEXTS: Record<string, RegExp> = {
  // \cite{a,b|  \citep[p.~3]{|  \autocite*{|
  latex: /\\[A-Za-z]*cite[A-Za-z]*\*?(?:\[[^\]\n]*\]){0,2}\{[^}\n]*$/,
  // [@a; @b|   or a bare @key in running text
  markdown: /(?:^|[\s[;(])-?@[\p{L}\p{N}_:.#$%&+?<>~/-]*$/u,
  // @key   #cite(<key
  typst: /(?:(?:^|[\s(\[])@[\p{L}\p{N}_:.-]*|#cite\(\s*<[\p{L}\p{N}_:.-]*)$/u,
  // :cite:`a,b|   :cite:p:`|   :footcite:`|
  rst: /:(?:foot)?cite(?::[a-z]+)*:`[^`\n]*$/,
};
const LANGUAGE_CONTEXT: Record<string, string> = {
  latex: 'latex',
  tex: 'latex',
  markdown: 'markdown',
  quarto: 'markdown',
  rmd: 'markdown',
  typst: 'typst',
  restructuredtext: 'rst',
};

/** The languages LitFeed's citation features serve; `.typ`, `.qmd`, `.Rmd` and `.rst` files opened as plain text included. */
export const CITATION_SELECTOR: vscode.DocumentSelector = [
  ...Object.keys(LANGUAGE_CONTEXT).map((language) => ({ language })),
  { language: 'plaintext', pattern: '**/*.{typ,qmd,Rmd,rmd,rst}' },
];

/** The line up to the cursor when it is inside a citation, else undefined. */
export function citeLinePrefix(doc: vscode.TextDocument, position: vscode.Position): string | undefined {
  const context = CONTEXTS[LANGUAGE_CONTEXT[documentLanguage(doc)] ?? ''];
  if (!context) return undefined;
  const line = doc.lineAt(position.line).text.slice(0, position.character);
  return context.test(line) ? line : undefined;
}

/** Whether LitFeed's citation features serve `doc` (hover, definition, diagnostics, ...). */
export function servesCitations(doc: vscode.TextDocument): boolean {
  return LANGUAGE_CONTEXT[documentLanguage(doc)] !== undefined;
}

/** Text that may hold a citation in each syntax; text without any needs nothing loaded. */
const MAY_CITE: Record<CitationSyntax, RegExp> = {
  latex: /\\[A-Za-z]*cite/,
  pandoc: /@/,
  typst: /@|#cite/,
  rst: /:(?:foot)?cite:/,
};

/** Whether `text` of a document in `languageId` may cite at all. */
export function mayCite(text: string, languageId: string): boolean {
  const syntax = citationSyntax(languageId);
  return syntax !== undefined && MAY_CITE[syntax].test(text);
}

/** Lines above the cursor looked at: a LaTeX citation's keys may run over a few lines. */
const CITATION_LINES = 3;

/** Whether the cursor may be on a citation key: the start-up bundle asks before loading the hover. */
export function mayBeOnCitation(doc: vscode.TextDocument, position: vscode.Position): boolean {
  const first = Math.max(0, position.line - CITATION_LINES);
  const lines = [];
  for (let line = first; line <= position.line; line++) lines.push(doc.lineAt(line).text);
  return mayCite(lines.join('\n'), documentLanguage(doc));
}
