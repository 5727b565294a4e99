import * as vscode from 'vscode';
import { dateFormat } from '../../core/dateFormat';
import type { Paper } from '../../core/paper';
import type { ReadingListSort, SavedPaper } from '../../core/tracking/readingList';
import type { PaperMarker } from '../feed/feedTree';
import { paperItem, paperTooltip, type PaperMarks } from '../feed/paperItem';
import type { UserState } from './userState';

export type ReadingNode = { kind: 'saved'; entry: SavedPaper };

/** The Reading List view: saved papers with their save date, kept whole by the reading list. */
export class ReadingListProvider implements vscode.TreeDataProvider<ReadingNode> {
  private readonly changed = new vscode.EventEmitter<ReadingNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly state: UserState,
    private readonly sort: () => ReadingListSort,
    /** Only asked where a paper is cited: read and saved come from `state`. */
    private readonly marker?: Pick<PaperMarker, 'citedPlaces'>,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: ReadingNode): ReadingNode[] {
    if (node) return [];
    return this.state.readingList.list(this.sort()).map((entry) => ({ kind: 'saved', entry }));
  }

  getTreeItem(node: ReadingNode): vscode.TreeItem {
    const { paper } = node.entry;
    const item = paperItem(paper, this.marks(node), `saved:${paper.id}`);
    item.accessibilityInformation = { label: `${paper.title}, ${String(item.description)}` };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: ReadingNode): vscode.TreeItem {
    item.tooltip = paperTooltip(node.entry.paper, this.marks(node));
    return item;
  }

  private marks(node: ReadingNode): PaperMarks {
    const { paper, savedAt } = node.entry;
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
    const description = vscode.l10n.t('saved {0}', when);
    const cited = this.marker?.citedPlaces?.(paper) ?? [];
    return { unread: !this.state.isRead(paper), saved: true, description, ...(cited.length > 0 ? { cited } : {}) };
  }

  papers(): Paper[] {
    return this.state.readingList.list(this.sort()).map((e) => e.paper);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
