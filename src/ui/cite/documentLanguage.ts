import type * as vscode from 'vscode';

/**
 * Without the Typst, Quarto or R Markdown extensions VS Code opens `.typ`, `.qmd` and `.Rmd`
 * files as plain text; their file extension still says how they cite.
 */
const BY_EXTENSION: Record<string, string> = {
  '.typ': 'typst',
  '.qmd': 'quarto',
  '.rmd': 'rmd',
  '.tex': 'latex',
  '.ltx': 'latex',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.rst': 'restructuredtext',
};

export function documentLanguage(doc: Pick<vscode.TextDocument, 'languageId' | 'uri'>): string {
  if (doc.languageId !== 'plaintext') return doc.languageId;
  const ext = /\.[^./]+$/.exec(doc.uri.path)?.[0].toLowerCase();
  return (ext && BY_EXTENSION[ext]) ?? doc.languageId;
}
