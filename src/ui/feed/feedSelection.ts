import type * as vscode from 'vscode';
import type { FeedNode, FeedTreeProvider } from './feedTree';

/**
 * The feed rows selected, as the user sees them: right after a redraw (opening a paper marks
 * it read) VS Code reports no selection until it has fetched the tree again, so the last
 * non-empty selection stands in while its papers are still shown.
 */
export class FeedSelection implements vscode.Disposable {
  private last: readonly FeedNode[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly view: vscode.TreeView<FeedNode>,
    private readonly tree: FeedTreeProvider,
  ) {
    this.subscription = view.onDidChangeSelection((e) => {
      if (e.selection.length > 0) this.last = e.selection;
    });
  }

  current(): readonly FeedNode[] {
    if (this.view.selection.length > 0) return this.view.selection;
    // Still shown: the same ids are in the redrawn tree.
    const shown = new Set(this.tree.visiblePapers().map((p) => p.id));
    return this.last.filter((n) => n.kind !== 'paper' || shown.has(n.paper.id));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
