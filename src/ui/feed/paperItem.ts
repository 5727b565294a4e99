import * as vscode from 'vscode';
import { localCount } from '../displayLanguage';
import { segmentsToPlainText, splitMath } from '../../core/view/texSegments';
import { firstAuthorLabel, type Paper } from '../../core/paper';
import type { WatchMatch } from '../../core/tracking/watchList';
import type { CitedPlace } from '../refs/citedPlaces';
import type { RankReason } from './paperMarks';

/** What the tree shows about a paper beyond its own data. */
export interface PaperMarks {
  watched?: WatchMatch;
  unread: boolean;
  saved: boolean;
  /** Replaces the default "▲ upvotes · first author" description (the reading list shows its save date). */
  description?: string;
  /** Where the workspace cites the paper; none or empty when it is not cited. */
  cited?: readonly CitedPlace[];
  /** The paper has a notes file. */
  notes?: boolean;
  /** The saved paper's tags. */
  tags?: readonly string[];
  /** Why the "For you" order ranks the paper where it does (in that order only). */
  reason?: RankReason;
}

/** Places named in a row's tooltip; the rest are counted. */
const TOOLTIP_PLACES = 3;

const ABSTRACT_PREVIEW = 400;

/**
 * A paper's tree row: a blue dot while unread, an eye for watch-list matches, a bookmark
 * when saved. `contextValue` is `paper` or `paper.saved`, which menus use to offer Save or
 * Unsave. The tooltip (`paperTooltip`) is left to the trees' `resolveTreeItem`, which VS Code
 * calls when the pointer rests on a row: built for every row, the tooltips were most of what
 * the first screen carried to the window (about 1 KB of Markdown a row).
 */
export function paperItem(paper: Paper, marks: PaperMarks, id: string): vscode.TreeItem {
  const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  const parts = [];
  if (paper.upvotes !== undefined) parts.push(`▲ ${localCount(paper.upvotes)}`);
  const author = firstAuthorLabel(paper);
  if (author) parts.push(author);
  const cited = (marks.cited?.length ?? 0) > 0;
  item.description = [
    marks.description ?? parts.join(' · '),
    cited ? vscode.l10n.t('cited') : '',
    marks.notes ? vscode.l10n.t('notes') : '',
  ]
    .filter(Boolean)
    .join(' · ');
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
  // The description carries "cited" and "notes", so the label does not say them twice.
  item.accessibilityInformation = { label: [paper.title, item.description, state].filter(Boolean).join(', ') };
  return item;
}

/** A row's tooltip: the title, authors, facts, watch-list matches, where it is cited, and the start of the abstract. */
export function paperTooltip(paper: Paper, marks: PaperMarks): vscode.MarkdownString {
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
  if (paper.upvotes !== undefined) facts.push(`▲ ${localCount(paper.upvotes)}`);
  if (paper.numComments !== undefined) {
    facts.push(paper.numComments === 1 ? vscode.l10n.t('1 comment') : vscode.l10n.t('{0} comments', paper.numComments));
  }
  if (paper.categories?.length) facts.push(paper.categories.join(', '));
  if (facts.length > 0) md.appendText(facts.join(' · ')).appendMarkdown('\n\n');
  if (marks.watched) {
    const matches = [...marks.watched.keywords, ...marks.watched.authors];
    md.appendMarkdown('$(eye) ')
      .appendText(vscode.l10n.t('matches: {0}', matches.join(', ')))
      .appendMarkdown('\n\n');
    md.supportThemeIcons = true;
  }
  if (marks.cited && marks.cited.length > 0) {
    md.appendMarkdown('$(quote) ').appendText(citedInText(marks.cited)).appendMarkdown('\n\n');
    md.supportThemeIcons = true;
  }
  if (marks.reason && (marks.reason.like || marks.reason.words.length > 0)) {
    md.appendMarkdown('$(sparkle) ');
    if (marks.reason.like) {
      md.appendText(vscode.l10n.t('For you, like:'))
        .appendMarkdown(' *')
        .appendText(segmentsToPlainText(splitMath(marks.reason.like)))
        .appendMarkdown('*');
      if (marks.reason.words.length > 0) md.appendText(' · ');
    }
    if (marks.reason.words.length > 0) md.appendText(vscode.l10n.t('words: {0}', marks.reason.words.join(', ')));
    md.appendMarkdown('\n\n');
    md.supportThemeIcons = true;
  }
  if (marks.tags && marks.tags.length > 0) {
    md.appendMarkdown('$(tag) ')
      .appendText(vscode.l10n.t('Tags: {0}', marks.tags.join(', ')))
      .appendMarkdown('\n\n');
    md.supportThemeIcons = true;
  }
  // Hovers do not typeset math: `$O(n^2)$` reads better as O(n^2).
  const plain = segmentsToPlainText(splitMath(paper.abstract));
  const abstract = plain.length > ABSTRACT_PREVIEW ? `${plain.slice(0, ABSTRACT_PREVIEW).trimEnd()}…` : plain;
  if (abstract) md.appendText(abstract);
  return md;
}

/** "Cited in paper.tex:42, intro.tex:7", the first few places and how many more. */
export function citedInText(places: readonly CitedPlace[], max = TOOLTIP_PLACES): string {
  const shown = places
    .slice(0, max)
    .map((p) => p.label)
    .join(', ');
  const more = places.length - Math.min(max, places.length);
  return more > 0 ? vscode.l10n.t('Cited in {0} and {1} more', shown, more) : vscode.l10n.t('Cited in {0}', shown);
}
