import * as vscode from 'vscode';
import { dateFormat } from '../../core/dateFormat';
import type { Paper } from '../../core/paper';
import type { ReadingListSort, SavedPaper } from '../../core/tracking/readingList';
import { filterByTag, groupByTag, sameTag, tagKey } from '../../core/tracking/tags';
import type { PaperMarker } from '../feed/feedTree';
import { paperItem, paperTooltip, type PaperMarks } from '../feed/paperItem';
import { TreeRefetch } from '../treeRefetch';
import type { UserState } from './userState';

/**
 * A saved paper's row (`tag`: the group it is shown under, when grouped), or a tag's group
 * (`tag` undefined: the papers without one).
 */
export type ReadingNode =
  { kind: 'saved'; entry: SavedPaper; tag?: string } | { kind: 'tag'; tag: string | undefined; entries: SavedPaper[] };

/** What the view shows besides the papers: grouped by tag or not, and the one tag it is filtered to. */
export interface ReadingListLayout {
  sort: ReadingListSort;
  groupByTag: boolean;
}

/** The context key the view's title bar and the palette read to offer "Clear Tag Filter". */
export const TAG_FILTER_CONTEXT = 'litfeed.readingListTagFilter';

/**
 * The Reading List view: saved papers with their save date and tags, kept whole by the
 * reading list; grouped by tag (a paper under each of its tags, the untagged last) or
 * filtered to one tag, which the view's description says.
 */
export class ReadingListProvider implements vscode.TreeDataProvider<ReadingNode> {
  private readonly changed = new vscode.EventEmitter<ReadingNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filter: string | undefined;
  /** Set by createViews: its description and message say what the view is filtered to. */
  view: Pick<vscode.TreeView<ReadingNode>, 'description' | 'message'> | undefined;
  /** Whether VS Code knows the rows again after a redraw; the view's selection waits on it. */
  readonly refetch = new TreeRefetch<ReadingNode>((node) =>
    node.kind === 'tag' ? (node.tag === undefined ? 'untagged' : `tag:${tagKey(node.tag)}`) : undefined,
  );

  constructor(
    private readonly state: UserState,
    private readonly layout: () => ReadingListLayout,
    /** Only asked where a paper is cited: read and saved come from `state`. */
    private readonly marker?: Pick<PaperMarker, 'citedPlaces'>,
  ) {}

  get tagFilter(): string | undefined {
    return this.filter;
  }

  /** Shows only the papers tagged `tag` (undefined: all of them). */
  setTagFilter(tag: string | undefined): void {
    this.filter = tag;
    void vscode.commands.executeCommand('setContext', TAG_FILTER_CONTEXT, tag !== undefined);
    this.refresh();
  }

  /** After a tag was renamed or deleted: a filter on it follows the rename or goes. */
  tagRenamed(from: string, to: string | undefined): void {
    if (this.filter !== undefined && sameTag(this.filter, from)) this.setTagFilter(to);
  }

  refresh(): void {
    this.describe();
    this.refetch.redrawn();
    this.changed.fire(undefined);
  }

  getChildren(node?: ReadingNode): ReadingNode[] {
    if (node?.kind === 'tag') {
      return this.refetch.fetched(
        node,
        node.entries.map((entry): ReadingNode => ({ kind: 'saved', entry, tag: node.tag ?? '' })),
      );
    }
    if (node) return [];
    const entries = this.entries();
    // A filter is one tag: its papers read as one list.
    if (this.filter === undefined && this.layout().groupByTag) {
      return this.refetch.fetched(
        node,
        groupByTag(entries).map(({ tag, entries }): ReadingNode => ({ kind: 'tag', tag, entries })),
      );
    }
    return this.refetch.fetched(
      node,
      entries.map((entry): ReadingNode => ({ kind: 'saved', entry })),
    );
  }

  getTreeItem(node: ReadingNode): vscode.TreeItem {
    if (node.kind === 'tag') return tagItem(node.tag, node.entries.length);
    const { paper } = node.entry;
    // A paper is under each of its tags: its row's id names the group too.
    const id = node.tag === undefined ? `saved:${paper.id}` : `saved:${tagKey(node.tag)}:${paper.id}`;
    const item = paperItem(paper, this.marks(node.entry), id);
    item.accessibilityInformation = { label: `${paper.title}, ${String(item.description)}` };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: ReadingNode): vscode.TreeItem {
    if (node.kind === 'saved') item.tooltip = paperTooltip(node.entry.paper, this.marks(node.entry));
    return item;
  }

  private marks(entry: SavedPaper): PaperMarks {
    const { paper, savedAt, tags } = entry;
    const saved = new Date(savedAt);
    // Short, since the title already fills most of the row; the year shows when it differs.
    const sameYear = saved.getFullYear() === new Date().getFullYear();
    const when = Number.isNaN(saved.getTime())
      ? ''
      : dateFormat(vscode.env.language, {
          day: 'numeric',
          month: 'short',
          ...(sameYear ? {} : { year: 'numeric' }),
        }).format(saved);
    const description = [
      vscode.l10n.t('saved {0}', when),
      tags.length > 0 ? vscode.l10n.t('tagged {0}', tags.join(', ')) : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const cited = this.marker?.citedPlaces?.(paper) ?? [];
    return {
      unread: !this.state.isRead(paper),
      saved: true,
      description,
      ...(tags.length > 0 ? { tags } : {}),
      ...(cited.length > 0 ? { cited } : {}),
    };
  }

  /** The papers the view shows (each once), in its order. */
  papers(): Paper[] {
    return this.entries().map((e) => e.paper);
  }

  private entries(): SavedPaper[] {
    const all = this.state.readingList.list(this.layout().sort);
    return this.filter === undefined ? all : filterByTag(all, this.filter);
  }

  private describe(): void {
    if (!this.view) return;
    const filter = this.filter;
    this.view.description = filter === undefined ? undefined : vscode.l10n.t('tag: {0}', filter);
    this.view.message =
      filter === undefined
        ? undefined
        : this.entries().length === 0
          ? vscode.l10n.t('No saved paper is tagged “{0}”. Clear the tag filter to see them all.', filter)
          : vscode.l10n.t('Showing the papers tagged “{0}”.', filter);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function tagItem(tag: string | undefined, count: number): vscode.TreeItem {
  const item = new vscode.TreeItem(tag ?? vscode.l10n.t('Untagged'), vscode.TreeItemCollapsibleState.Expanded);
  item.id = tag === undefined ? 'untagged' : `tag:${tagKey(tag)}`;
  item.description = count === 1 ? vscode.l10n.t('1 paper') : vscode.l10n.t('{0} papers', count);
  item.iconPath = new vscode.ThemeIcon(tag === undefined ? 'circle-slash' : 'tag');
  // Rename, Delete and Export apply to a tag; the untagged papers are no tag.
  item.contextValue = tag === undefined ? 'untagged' : 'tag';
  item.accessibilityInformation = {
    label:
      tag === undefined
        ? `${String(item.label)}, ${item.description}`
        : vscode.l10n.t('tag {0}, {1}', tag, item.description),
  };
  return item;
}
