import type * as vscode from 'vscode';
import type { Paper } from '../core/paper';
import type { ViewId } from './commandIds';
import { nodePapers, type TreeNode } from './treeNodes';

/**
 * The rows selected in one of LitFeed's trees, as the user sees them: right after a redraw
 * (opening a paper marks it read, saving one redraws the Reading List) VS Code reports no
 * selection until it has fetched the tree again, so the last non-empty selection stands in
 * while its papers are still shown.
 */
export class ViewSelection<T extends TreeNode> implements vscode.Disposable {
  private last: readonly T[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly view: vscode.TreeView<T>,
    /** The papers the tree shows now. */
    private readonly shown: () => readonly Paper[],
  ) {
    this.subscription = view.onDidChangeSelection((e) => {
      if (e.selection.length > 0) this.last = e.selection;
    });
  }

  current(): readonly T[] {
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
export type Selections = Record<ViewId, vscode.Disposable & { current(): readonly TreeNode[] }>;
