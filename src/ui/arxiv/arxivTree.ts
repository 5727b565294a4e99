import * as vscode from 'vscode';
import { localDayLabel } from '../displayLanguage';
import { groupByDay, type DayGroup, type SortOrder } from '../../core/feed/dayGroups';
import type { Paper } from '../../core/paper';
import { rankFor, rowMarks, rowTooltip, type PaperMarker } from '../feed/feedTree';
import { paperItem } from '../feed/paperItem';
import type { RankingState } from '../feed/paperMarks';
import { TreeRefetch } from '../treeRefetch';

export type ArxivNode =
  | { kind: 'category'; category: string; papers: Paper[] }
  | { kind: 'day'; category: string; group: DayGroup }
  | { kind: 'paper'; paper: Paper; category: string };

/** The arXiv view: one section per configured category, then submission days, then papers. */
export class ArxivTreeProvider implements vscode.TreeDataProvider<ArxivNode> {
  private readonly changed = new vscode.EventEmitter<ArxivNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private categories: string[] = [];
  private papers: readonly Paper[] = [];
  private sort: SortOrder = 'date';
  private today = '';
  /** Whether VS Code knows the rows again after a redraw; the view's selection waits on it. */
  readonly refetch = new TreeRefetch<ArxivNode>((node) =>
    node.kind === 'category'
      ? `category:${node.category}`
      : node.kind === 'day'
        ? `day:${node.category}:${node.group.day}`
        : undefined,
  );

  constructor(private readonly marker: PaperMarker) {}

  update(input: { categories: string[]; papers: readonly Paper[]; sort: SortOrder; today: string }): void {
    this.categories = input.categories;
    this.papers = input.papers;
    this.sort = input.sort;
    this.today = input.today;
    this.redraw();
  }

  redraw(): void {
    this.refetch.redrawn();
    this.changed.fire(undefined);
  }

  /** How the "For you" model stands, for the view's message. */
  rankingState(): RankingState | undefined {
    return this.marker.rankingState?.();
  }

  allPapers(): readonly Paper[] {
    return this.papers;
  }

  getChildren(node?: ArxivNode): ArxivNode[] {
    if (!node) {
      return this.refetch.fetched(
        node,
        this.categories.map((category): ArxivNode => ({
          kind: 'category',
          category,
          papers: this.papers.filter((p) => p.categories?.includes(category)),
        })),
      );
    }
    if (node.kind === 'category') {
      return this.refetch.fetched(
        node,
        groupByDay(node.papers, this.sort, rankFor(this.marker, this.sort)).map((group): ArxivNode => ({
          kind: 'day',
          category: node.category,
          group,
        })),
      );
    }
    if (node.kind === 'day') {
      return this.refetch.fetched(
        node,
        node.group.papers.map((paper): ArxivNode => ({ kind: 'paper', paper, category: node.category })),
      );
    }
    return [];
  }

  getTreeItem(node: ArxivNode): vscode.TreeItem {
    switch (node.kind) {
      case 'category': {
        const item = new vscode.TreeItem(`arXiv ${node.category}`, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `arxiv:${node.category}`;
        item.description =
          node.papers.length === 1 ? vscode.l10n.t('1 paper') : vscode.l10n.t('{0} papers', node.papers.length);
        item.iconPath = new vscode.ThemeIcon('library');
        item.contextValue = 'arxivCategory';
        return item;
      }
      case 'day': {
        const item = new vscode.TreeItem(
          localDayLabel(node.group.day, this.today),
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `arxiv:${node.category}:${node.group.day}`;
        item.description =
          node.group.papers.length === 1
            ? vscode.l10n.t('1 paper')
            : vscode.l10n.t('{0} papers', node.group.papers.length);
        item.iconPath = new vscode.ThemeIcon('calendar');
        return item;
      }
      case 'paper':
        return paperItem(node.paper, rowMarks(this.marker, node.paper), `arxiv:${node.category}:${node.paper.id}`);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: ArxivNode): vscode.TreeItem {
    if (node.kind === 'paper') item.tooltip = rowTooltip(this.marker, node.paper, this.sort);
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
