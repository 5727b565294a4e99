import * as vscode from 'vscode';
import { paperYear, type Paper } from '../core';
import type { Citer } from './citations';
import { documentLanguage } from './documentLanguage';

/** Languages whose citation syntax LitFeed completes, and the text before the cursor that starts a key. */
const CONTEXTS: Record<string, RegExp> = {
  // \cite{a,b|  \citep[p.~3]{|  \autocite*{|
  latex: /\\[A-Za-z]*cite[A-Za-z]*\*?(?:\[[^\]\n]*\]){0,2}\{[^}\n]*$/,
  // [@a; @b|   or a bare @key in running text
  markdown: /(?:^|[\s[;(])@[\p{L}\p{N}_:.#$%&+?<>~/-]*$/u,
  typst: /(?:^|[\s(\[])@[\p{L}\p{N}_:.-]*$/u,
};
const LANGUAGE_CONTEXT: Record<string, string> = { latex: 'latex', tex: 'latex', markdown: 'markdown', quarto: 'markdown', rmd: 'markdown', typst: 'typst' };

/** The documents completion is offered in, plain-text .typ/.qmd/.Rmd files included. */
export const COMPLETION_SELECTOR: vscode.DocumentSelector = [
  ...Object.keys(LANGUAGE_CONTEXT).map((language) => ({ language })),
  { language: 'plaintext', pattern: '**/*.{typ,qmd,Rmd,rmd}' },
];

/**
 * Offers saved and cached papers where a citation key is being typed; accepting one adds
 * its entry to the document's bibliography (through a command the item carries).
 */
export class CiteCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly papers: () => readonly Paper[],
    private readonly citer: Citer,
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const context = CONTEXTS[LANGUAGE_CONTEXT[documentLanguage(doc)] ?? ''];
    if (!context) return [];
    const line = doc.lineAt(position.line).text.slice(0, position.character);
    if (!context.test(line)) return [];
    const papers = this.papers();
    if (papers.length === 0) return [];
    const keys = await this.citer.keysFor(doc, papers);
    const wordStart = line.search(/[^\s{,;@[(]*$/);
    const range = new vscode.Range(position.line, Math.max(0, wordStart), position.line, position.character);
    return papers.map((paper, index) => {
      const key = keys.get(paper.id) ?? paper.id;
      const item = new vscode.CompletionItem({ label: key, description: paper.title }, vscode.CompletionItemKind.Reference);
      item.detail = paper.title;
      const year = paperYear(paper);
      const md = new vscode.MarkdownString();
      md.appendText(paper.authors.join(', ') || vscode.l10n.t('(no authors listed)'));
      if (year) md.appendText(` (${year})`);
      if (paper.arxivId) md.appendText(`\narXiv:${paper.arxivId}`);
      item.documentation = md;
      item.insertText = key;
      item.range = range;
      item.filterText = `${key} ${paper.title}`;
      item.sortText = String(index).padStart(6, '0');
      item.command = { command: 'litfeed.addBibEntry', title: vscode.l10n.t('Add BibTeX entry'), arguments: [doc.uri, paper] };
      return item;
    });
  }
}
