import * as vscode from 'vscode';
import { findExisting } from '../../core/cite/bibDocument';
import type { BibEntryInfo } from '../../core/refs/bibIndex';
import { authorYear, entrySummary, titleText } from '../../core/refs/entrySummary';
import { paperYear, type Paper } from '../../core/paper';
import type { Bibliographies } from '../refs/bibliographies';
import type { Citer } from './citations';
import { citeLinePrefix } from './citeContext';

/**
 * Where a citation key is being typed: first every entry of the document's bibliography files,
 * whoever wrote them, then LitFeed's saved and cached papers that no entry stands for yet.
 * Accepting one of those adds its entry to the bibliography (through a command the item carries).
 */
export class CiteCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly papers: () => readonly Paper[],
    private readonly citer: Citer,
    private readonly bibs: Bibliographies,
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const line = citeLinePrefix(doc, position);
    if (line === undefined) return [];
    const wordStart = line.search(/[^\s{,;@[(<`]*$/);
    const range = new vscode.Range(position.line, Math.max(0, wordStart), position.line, position.character);
    const bib = await this.bibs.forDocument(doc);
    const items: vscode.CompletionItem[] = [];
    const existing: BibEntryInfo[] = [];
    for (const { entry } of bib?.entries() ?? []) {
      if (entry.broken !== undefined) continue;
      existing.push(entry);
      const summary = entrySummary(entry);
      const title = titleText(summary.title);
      const item = new vscode.CompletionItem(
        { label: entry.key, description: title },
        vscode.CompletionItemKind.Reference,
      );
      item.detail = [title, summary.year].filter(Boolean).join(' · ');
      const md = new vscode.MarkdownString();
      md.appendText(summary.authors.join(', ') || vscode.l10n.t('(no authors listed)'));
      if (summary.venue) md.appendText(`\n${summary.venue}`);
      item.documentation = md;
      item.insertText = entry.key;
      item.range = range;
      item.filterText = `${entry.key} ${title} ${authorYear(summary)}`;
      item.sortText = `0${String(items.length).padStart(6, '0')}`;
      items.push(item);
    }
    const papers = this.papers().filter((paper) => findExisting(existing, paper) === undefined);
    if (papers.length === 0) return items;
    const keys = await this.citer.keysFor(doc, papers, existing);
    papers.forEach((paper, index) => {
      const key = keys.get(paper.id) ?? paper.id;
      const item = new vscode.CompletionItem(
        { label: key, description: paper.title },
        vscode.CompletionItemKind.Reference,
      );
      const year = paperYear(paper);
      item.detail = [paper.title, year].filter(Boolean).join(' · ');
      const md = new vscode.MarkdownString();
      md.appendText(paper.authors.join(', ') || vscode.l10n.t('(no authors listed)'));
      if (paper.arxivId) md.appendText(`\narXiv:${paper.arxivId}`);
      md.appendText(`\n${vscode.l10n.t('LitFeed adds its entry to the bibliography.')}`);
      item.documentation = md;
      item.insertText = key;
      item.range = range;
      item.filterText = `${key} ${paper.title}`;
      item.sortText = `1${String(index).padStart(6, '0')}`;
      item.command = {
        command: 'litfeed.addBibEntry',
        title: vscode.l10n.t('Add BibTeX entry'),
        arguments: [doc.uri, paper],
      };
      items.push(item);
    });
    return items;
  }
}
