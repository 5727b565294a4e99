import * as vscode from 'vscode';
import { paperYear, type Paper } from '../../core/paper';
import type { Citer } from './citations';
import { citeLinePrefix } from './citeContext';

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
    const line = citeLinePrefix(doc, position);
    if (line === undefined) return [];
    const papers = this.papers();
    if (papers.length === 0) return [];
    const keys = await this.citer.keysFor(doc, papers);
    const wordStart = line.search(/[^\s{,;@[(]*$/);
    const range = new vscode.Range(position.line, Math.max(0, wordStart), position.line, position.character);
    return papers.map((paper, index) => {
      const key = keys.get(paper.id) ?? paper.id;
      const item = new vscode.CompletionItem(
        { label: key, description: paper.title },
        vscode.CompletionItemKind.Reference,
      );
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
      item.command = {
        command: 'litfeed.addBibEntry',
        title: vscode.l10n.t('Add BibTeX entry'),
        arguments: [doc.uri, paper],
      };
      return item;
    });
  }
}
