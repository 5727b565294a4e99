import type * as vscode from 'vscode';
import type { Paper } from '../core/paper';
import type { ViewId } from './commandIds';
import type { TreeRefetch } from './treeRefetch';
import { nodePapers, type TreeNode } from './treeNodes';

/**
 * How long a command waits for VS Code to know a redrawn tree's rows again before it takes
 * the last selection it saw: a hidden view is not asked for its rows until it shows.
 */
const REFETCH_WAIT_MS = 3_000;

/** Counts selections made in any of the trees, so the one chosen in last can be told. */
let choices = 0;

/**
 * The rows selected in one of LitFeed's trees, as the user sees them. Right after a redraw
 * (opening a paper marks it read, a citation found in the workspace marks a row) VS Code
 * reports no selection until it has fetched the tree again (see TreeRefetch): the selection
 * is read once it has, and the last non-empty selection stands in while its papers are
 * still shown.
 */
export class ViewSelection<T extends TreeNode> implements vscode.Disposable {
  private last: readonly T[] = [];
  /** When rows were last selected here, on the `choices` count; 0 before the first time. */
  chosenAt = 0;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly view: vscode.TreeView<T>,
    private readonly refetch: Pick<TreeRefetch<T>, 'settled' | 'whenSettled'>,
    /** The papers the tree shows now. */
    private readonly shown: () => readonly Paper[],
  ) {
    this.subscription = view.onDidChangeSelection((e) => {
      if (e.selection.length === 0) return;
      this.last = e.selection;
      this.chosenAt = ++choices;
    });
  }

  async current(): Promise<readonly T[]> {
    if (this.view.selection.length === 0 && this.view.visible && !this.refetch.settled) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.refetch.whenSettled(),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, REFETCH_WAIT_MS))),
      ]);
      clearTimeout(timer);
    }
    if (this.view.selection.length > 0) return this.view.selection;
    // Still shown: the same ids are in the redrawn tree.
    const shown = new Set(this.shown().map((p) => p.id));
    return this.last.filter((n) => (n.kind !== 'paper' && n.kind !== 'saved') || shown.has(nodePapers(n)[0].id));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** The selections of the three trees, by view id. */
export type Selections = Record<
  ViewId,
  vscode.Disposable & { chosenAt: number; current(): Promise<readonly TreeNode[]> }
>;

/**
 * The rows selected in `view`, or with no view named (the palette; a context-menu command whose
 * row VS Code lost in a redraw) in the tree the user selected in last: the feed before any.
 */
export function selectedRows(selections: Selections, view?: ViewId): Promise<readonly TreeNode[]> {
  if (view) return selections[view].current();
  let latest = selections['litfeed.feed'];
  for (const s of Object.values(selections)) if (s.chosenAt > latest.chosenAt) latest = s;
  return latest.current();
}
