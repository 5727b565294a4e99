import * as vscode from 'vscode';
import { segmentsToPlainText, splitMath } from '../../core/view/texSegments';
import { firstAuthorLabel, type Paper } from '../../core/paper';
import type { WatchMatch } from '../../core/tracking/watchList';

/** What the tree shows about a paper beyond its own data. */
export interface PaperMarks {
  watched?: WatchMatch;
  unread: boolean;
  saved: boolean;
  /** Replaces the default "▲ upvotes · first author" description (the reading list shows its save date). */
  description?: string;
}

const ABSTRACT_PREVIEW = 400;

/**
 * A paper's tree row: a blue dot while unread, an eye for watch-list matches, a bookmark
 * when saved, and a tooltip with the authors, facts and the start of the abstract.
 * `contextValue` is `paper` or `paper.saved`, which menus use to offer Save or Unsave.
 */
export function paperItem(paper: Paper, marks: PaperMarks, id: string): vscode.TreeItem {
  const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  const parts = [];
  if (paper.upvotes !== undefined) parts.push(`▲ ${paper.upvotes}`);
  const author = firstAuthorLabel(paper);
  if (author) parts.push(author);
  item.description = marks.description ?? parts.join(' · ');
  item.tooltip = paperTooltip(paper, marks);
  item.contextValue = marks.saved ? 'paper.saved' : 'paper';
  // A watched paper's eye is coloured while unread, plain once read.
  item.iconPath = marks.watched
    ? new vscode.ThemeIcon('eye', marks.unread ? new vscode.ThemeColor('charts.orange') : undefined)
    : marks.saved
      ? new vscode.ThemeIcon('bookmark')
      : new vscode.ThemeIcon(
          marks.unread ? 'circle-filled' : 'file-text',
          marks.unread ? new vscode.ThemeColor('charts.blue') : undefined,
        );
  item.command = { command: 'litfeed.openPaper', title: vscode.l10n.t('Open Paper'), arguments: [paper] };
  const state = [
    marks.unread ? vscode.l10n.t('unread') : '',
    marks.watched ? vscode.l10n.t('watched') : '',
    marks.saved ? vscode.l10n.t('saved') : '',
  ]
    .filter(Boolean)
    .join(', ');
  item.accessibilityInformation = { label: [paper.title, item.description, state].filter(Boolean).join(', ') };
  return item;
}

function paperTooltip(paper: Paper, marks: PaperMarks): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.supportHtml = false;
  md.isTrusted = false;
  md.appendMarkdown('**')
    .appendText(segmentsToPlainText(splitMath(paper.title)))
    .appendMarkdown('**\n\n');
  if (paper.authors.length > 0) md.appendText(paper.authors.join(', ')).appendMarkdown('\n\n');
  const facts = [];
  if (paper.arxivId) facts.push(`arXiv:${paper.arxivId}`);
  if (paper.published) facts.push(paper.published.slice(0, 10));
  if (paper.upvotes !== undefined) facts.push(`▲ ${paper.upvotes}`);
  if (paper.numComments !== undefined) facts.push(vscode.l10n.t('{0} comments', paper.numComments));
  if (paper.categories?.length) facts.push(paper.categories.join(', '));
  if (facts.length > 0) md.appendText(facts.join(' · ')).appendMarkdown('\n\n');
  if (marks.watched) {
    const matches = [...marks.watched.keywords, ...marks.watched.authors];
    md.appendMarkdown('$(eye) ')
      .appendText(vscode.l10n.t('matches: {0}', matches.join(', ')))
      .appendMarkdown('\n\n');
    md.supportThemeIcons = true;
  }
  // Hovers do not typeset math: `$O(n^2)$` reads better as O(n^2).
  const plain = segmentsToPlainText(splitMath(paper.abstract));
  const abstract = plain.length > ABSTRACT_PREVIEW ? `${plain.slice(0, ABSTRACT_PREVIEW).trimEnd()}…` : plain;
  if (abstract) md.appendText(abstract);
  return md;
}
