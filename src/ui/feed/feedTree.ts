import * as vscode from 'vscode';
import { localDayLabel } from '../displayLanguage';
import { passesFilter, type FeedFilter } from '../../core/feed/filter';
import { groupByDay, type DayGroup, type SortOrder } from '../../core/feed/dayGroups';
import type { Paper } from '../../core/paper';
import type { WatchMatch } from '../../core/tracking/watchList';
import type { CitedPlace } from '../refs/citedPlaces';
import { paperItem, paperTooltip, type PaperMarks } from './paperItem';
import type { RankingState, RankReason } from './paperMarks';
import { TreeRefetch } from '../treeRefetch';

export type FeedNode =
  | { kind: 'day'; group: DayGroup; watched: Paper[]; others: Paper[] }
  | { kind: 'watched'; day: string; papers: Paper[] }
  | { kind: 'paper'; paper: Paper; parent: string };

export interface FeedTreeInput {
  papers: readonly Paper[];
  sort: SortOrder;
  today: string;
  /** Marks day groups of the bundled sample so nobody takes them for today's feed. */
  sample: boolean;
}

/** What the tree asks about each paper, supplied by the reading list, read marks and watch list. */
export interface PaperMarker {
  watchMatch(paper: Paper): WatchMatch | undefined;
  isRead(paper: Paper): boolean;
  isSaved(paper: Paper): boolean;
  /** Where the workspace cites `paper`; absent or empty when nothing says. */
  citedPlaces?(paper: Paper): readonly CitedPlace[];
  /** Whether `paper` has a notes file; absent when nothing says. */
  hasNotes?(paper: Paper): boolean;
  /** The "For you" rank, higher first; absent when nothing ranks. */
  rank?(paper: Paper): number;
  /** How the "For you" model stands; absent or undefined when nothing ranks yet. */
  rankingState?(): RankingState | undefined;
  /** Why the "For you" order ranks `paper` where it does; absent or undefined when nothing says. */
  reason?(paper: Paper): RankReason | undefined;
}

/** A tree's rank function for its order: only the "For you" order asks the marker. */
export function rankFor(marker: PaperMarker, sort: SortOrder): ((paper: Paper) => number) | undefined {
  return sort === 'forYou' && marker.rank ? (paper) => marker.rank?.(paper) ?? 0 : undefined;
}

/** A paper row's tooltip, with the "For you" reason when the tree is in that order. */
export function rowTooltip(marker: PaperMarker, paper: Paper, sort: SortOrder): vscode.MarkdownString {
  const marks = rowMarks(marker, paper);
  const reason = sort === 'forYou' ? marker.reason?.(paper) : undefined;
  return paperTooltip(paper, reason ? { ...marks, reason } : marks);
}

/** The marks of one paper row, as every tree draws them. */
export function rowMarks(marker: PaperMarker, paper: Paper): PaperMarks {
  const watched = marker.watchMatch(paper);
  const cited = marker.citedPlaces?.(paper) ?? [];
  return {
    unread: !marker.isRead(paper),
    saved: marker.isSaved(paper),
    ...(watched ? { watched } : {}),
    ...(cited.length > 0 ? { cited } : {}),
    ...(marker.hasNotes?.(paper) ? { notes: true } : {}),
  };
}

/**
 * The Daily Papers tree: day groups, each starting with a "Watched" group when papers match
 * the watch list, then the other papers. Built from Paper records only.
 */
export class FeedTreeProvider implements vscode.TreeDataProvider<FeedNode> {
  private readonly changed = new vscode.EventEmitter<FeedNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private days: Extract<FeedNode, { kind: 'day' }>[] = [];
  private input: FeedTreeInput = { papers: [], sort: 'upvotes', today: '', sample: false };
  private filter: FeedFilter | undefined;
  private delivered: (() => void) | undefined;
  private updated = false;
  /** Whether VS Code knows the rows again after a redraw; the feed's selection waits on it. */
  readonly refetch = new TreeRefetch<FeedNode>((node) =>
    node.kind === 'day' ? `day:${node.group.day}` : node.kind === 'watched' ? `watched:${node.day}` : undefined,
  );
  /**
   * Settles once VS Code has asked for the top-level rows after the first update (not the
   * empty tree it may ask for while the cache is still being read): the first screen is out.
   */
  readonly firstShown = new Promise<void>((resolve) => (this.delivered = resolve));

  constructor(private readonly marker: PaperMarker) {}

  update(input: FeedTreeInput): void {
    this.input = input;
    this.updated = true;
    this.rebuild();
  }

  /** Re-reads marks (read, saved, watch list) without new papers. */
  redraw(): void {
    this.rebuild();
  }

  setFilter(filter: FeedFilter | undefined): void {
    this.filter = filter;
    this.rebuild();
  }

  get currentFilter(): FeedFilter | undefined {
    return this.filter;
  }

  /** How the "For you" model stands, for the view's message. */
  rankingState(): RankingState | undefined {
    return this.marker.rankingState?.();
  }

  /** Papers in the order the tree shows them. */
  visiblePapers(): Paper[] {
    return this.days.flatMap((d) => [...d.watched, ...d.others]);
  }

  /** Watched papers among `ids` (or all shown), in tree order. */
  watchedPapers(): Paper[] {
    return this.days.flatMap((d) => d.watched);
  }

  getChildren(node?: FeedNode): FeedNode[] {
    if (!node) {
      if (this.updated) this.delivered?.();
      return this.refetch.fetched(node, this.days);
    }
    if (node.kind === 'day') {
      const children: FeedNode[] = [];
      if (node.watched.length > 0) children.push({ kind: 'watched', day: node.group.day, papers: node.watched });
      for (const paper of node.others) children.push({ kind: 'paper', paper, parent: node.group.day });
      return this.refetch.fetched(node, children);
    }
    if (node.kind === 'watched') {
      return this.refetch.fetched(
        node,
        node.papers.map((paper): FeedNode => ({ kind: 'paper', paper, parent: `watched:${node.day}` })),
      );
    }
    return [];
  }

  getParent(node: FeedNode): FeedNode | undefined {
    if (node.kind === 'day') return undefined;
    const dayOf = node.kind === 'watched' ? node.day : node.parent.replace(/^watched:/, '');
    const day = this.days.find((d) => d.group.day === dayOf);
    if (!day) return undefined;
    if (node.kind === 'paper' && node.parent.startsWith('watched:')) {
      return { kind: 'watched', day: dayOf, papers: day.watched };
    }
    return day;
  }

  getTreeItem(node: FeedNode): vscode.TreeItem {
    switch (node.kind) {
      case 'day':
        return this.dayItem(node);
      case 'watched': {
        const item = new vscode.TreeItem(vscode.l10n.t('Watched'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `watched:${node.day}:${this.input.sample ? 'sample' : 'feed'}`;
        item.description =
          node.papers.length === 1 ? vscode.l10n.t('1 paper') : vscode.l10n.t('{0} papers', node.papers.length);
        item.iconPath = new vscode.ThemeIcon('eye', new vscode.ThemeColor('charts.orange'));
        item.contextValue = 'watchedGroup';
        return item;
      }
      case 'paper':
        return paperItem(node.paper, rowMarks(this.marker, node.paper), `paper:${node.parent}:${node.paper.id}`);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: FeedNode): vscode.TreeItem {
    if (node.kind === 'paper') item.tooltip = rowTooltip(this.marker, node.paper, this.input.sort);
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private rebuild(): void {
    const papers = this.filter
      ? this.input.papers.filter((p) => passesFilter(p, this.filter as FeedFilter))
      : this.input.papers;
    this.days = groupByDay(papers, this.input.sort, rankFor(this.marker, this.input.sort)).map((group) => {
      const watched: Paper[] = [];
      const others: Paper[] = [];
      for (const paper of group.papers) (this.marker.watchMatch(paper) ? watched : others).push(paper);
      return { kind: 'day', group, watched, others };
    });
    this.refetch.redrawn();
    this.changed.fire(undefined);
  }

  private dayItem(node: Extract<FeedNode, { kind: 'day' }>): vscode.TreeItem {
    const { group } = node;
    const label = localDayLabel(group.day, this.input.today);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `day:${group.day}:${this.input.sample ? 'sample' : 'feed'}`;
    const count =
      group.papers.length === 1 ? vscode.l10n.t('1 paper') : vscode.l10n.t('{0} papers', group.papers.length);
    const unread = group.papers.filter((p) => !this.marker.isRead(p)).length;
    const parts = [count];
    if (unread > 0 && unread < group.papers.length) parts.push(vscode.l10n.t('{0} unread', unread));
    if (this.input.sample) parts.push(vscode.l10n.t('sample'));
    item.description = parts.join(' · ');
    item.contextValue = unread > 0 ? 'day.unread' : 'day';
    item.iconPath = new vscode.ThemeIcon('calendar');
    return item;
  }
}
