import * as vscode from 'vscode';
import type { Paper } from '../core';

/**
 * A read-only Markdown document per paper (`litfeed-paper:` URIs). It stands in for the
 * abstract webview and stays useful for screen readers and copy-paste.
 */
export class PaperDocumentProvider implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'litfeed-paper';
  private readonly papers = new Map<string, Paper>();

  uriFor(paper: Paper): vscode.Uri {
    this.papers.set(paper.id, paper);
    const name = paper.title.replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, ' ').slice(0, 80).trim() || paper.id;
    return vscode.Uri.from({ scheme: PaperDocumentProvider.scheme, path: `/${name}.md`, query: encodeURIComponent(paper.id) });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const paper = this.papers.get(decodeURIComponent(uri.query));
    return paper ? paperMarkdown(paper) : vscode.l10n.t('This paper is no longer loaded. Open it again from the LitFeed view.');
  }
}

function paperMarkdown(paper: Paper): string {
  const lines = [`# ${paper.title}`, ''];
  if (paper.authors.length > 0) lines.push(paper.authors.join(', '), '');
  const facts = [];
  if (paper.arxivId) facts.push(`arXiv:${paper.arxivId}`);
  if (paper.published) facts.push(vscode.l10n.t('published {0}', paper.published.slice(0, 10)));
  if (paper.feedDay) facts.push(vscode.l10n.t('listed {0}', paper.feedDay));
  if (paper.upvotes !== undefined) facts.push(`▲ ${paper.upvotes}`);
  if (facts.length > 0) lines.push(facts.join(' · '), '');
  lines.push('## ' + vscode.l10n.t('Abstract'), '', paper.abstract || vscode.l10n.t('(no abstract)'), '');
  if (paper.aiSummary) lines.push('## ' + vscode.l10n.t('AI summary'), '', paper.aiSummary, '');
  const links = Object.entries(paper.links).filter(([, url]) => typeof url === 'string');
  if (links.length > 0) {
    lines.push('## ' + vscode.l10n.t('Links'), '');
    for (const [kind, url] of links) lines.push(`- ${kind}: <${url}>`);
    lines.push('');
  }
  return lines.join('\n');
}
