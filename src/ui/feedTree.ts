import * as vscode from 'vscode';
import { dayLabel, firstAuthorLabel, groupByDay, type DayGroup, type Paper, type SortOrder } from '../core';

export type FeedNode = { kind: 'day'; group: DayGroup } | { kind: 'paper'; paper: Paper };

export interface FeedTreeInput {
  papers: readonly Paper[];
  sort: SortOrder;
  today: string;
  /** Marks day groups of the bundled sample so nobody takes them for today's feed. */
  sample: boolean;
}

const ABSTRACT_PREVIEW = 400;

/** The Daily Papers tree: day groups, then papers. Built from Paper records only. */
export class FeedTreeProvider implements vscode.TreeDataProvider<FeedNode> {
  private readonly changed = new vscode.EventEmitter<FeedNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: DayGroup[] = [];
  private input: FeedTreeInput = { papers: [], sort: 'upvotes', today: '', sample: false };

  update(input: FeedTreeInput): void {
    this.input = input;
    this.groups = groupByDay(input.papers, input.sort);
    this.changed.fire(undefined);
  }

  /** Papers in the order the tree shows them. */
  visiblePapers(): Paper[] {
    return this.groups.flatMap((g) => g.papers);
  }

  getChildren(node?: FeedNode): FeedNode[] {
    if (!node) return this.groups.map((group) => ({ kind: 'day', group }));
    if (node.kind === 'day') return node.group.papers.map((paper) => ({ kind: 'paper', paper }));
    return [];
  }

  getParent(node: FeedNode): FeedNode | undefined {
    if (node.kind === 'day') return undefined;
    const group = this.groups.find((g) => g.papers.includes(node.paper));
    return group ? { kind: 'day', group } : undefined;
  }

  getTreeItem(node: FeedNode): vscode.TreeItem {
    return node.kind === 'day' ? this.dayItem(node.group) : paperItem(node.paper);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private dayItem(group: DayGroup): vscode.TreeItem {
    const label = dayLabel(group.day, this.input.today, vscode.env.language);
    const words = {
      Today: vscode.l10n.t('Today'),
      Yesterday: vscode.l10n.t('Yesterday'),
      Undated: vscode.l10n.t('Undated'),
    } as Record<string, string>;
    const item = new vscode.TreeItem(words[label] ?? label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `day:${group.day}:${this.input.sample ? 'sample' : 'feed'}`;
    const count = group.papers.length === 1 ? vscode.l10n.t('1 paper') : vscode.l10n.t('{0} papers', group.papers.length);
    item.description = this.input.sample ? vscode.l10n.t('{0} · sample', count) : count;
    item.contextValue = 'day';
    item.iconPath = new vscode.ThemeIcon('calendar');
    return item;
  }
}

function paperItem(paper: Paper): vscode.TreeItem {
  const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
  item.id = `paper:${paper.feedDay ?? ''}:${paper.id}`;
  const parts = [];
  if (paper.upvotes !== undefined) parts.push(`▲ ${paper.upvotes}`);
  const author = firstAuthorLabel(paper);
  if (author) parts.push(author);
  item.description = parts.join(' · ');
  item.tooltip = paperTooltip(paper);
  item.contextValue = 'paper';
  item.iconPath = new vscode.ThemeIcon('file-text');
  item.command = { command: 'litfeed.openPaper', title: vscode.l10n.t('Open Paper'), arguments: [paper] };
  item.accessibilityInformation = { label: `${paper.title}, ${item.description}` };
  return item;
}

function paperTooltip(paper: Paper): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.supportHtml = false;
  md.isTrusted = false;
  md.appendMarkdown('**').appendText(paper.title).appendMarkdown('**\n\n');
  if (paper.authors.length > 0) md.appendText(paper.authors.join(', ')).appendMarkdown('\n\n');
  const facts = [];
  if (paper.arxivId) facts.push(`arXiv:${paper.arxivId}`);
  if (paper.published) facts.push(paper.published.slice(0, 10));
  if (paper.upvotes !== undefined) facts.push(`▲ ${paper.upvotes}`);
  if (paper.numComments !== undefined) facts.push(vscode.l10n.t('{0} comments', paper.numComments));
  if (facts.length > 0) md.appendText(facts.join(' · ')).appendMarkdown('\n\n');
  const abstract = paper.abstract.length > ABSTRACT_PREVIEW ? `${paper.abstract.slice(0, ABSTRACT_PREVIEW).trimEnd()}…` : paper.abstract;
  if (abstract) md.appendText(abstract);
  return md;
}
