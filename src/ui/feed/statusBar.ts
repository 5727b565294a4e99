import * as vscode from 'vscode';
import type { FeedController } from './feedController';
import type { FeedTreeProvider, PaperMarker } from './feedTree';
import { statusCounts, type StatusCounts } from './statusCounts';

/**
 * Unread papers in the current range and new watch-list matches; a click shows the view.
 * Follows the feed tree: every redraw recounts, and sets `litfeed.hasWatched` for the menus.
 */
export class FeedStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('litfeed.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly feed: FeedController,
    private readonly tree: FeedTreeProvider,
    private readonly marker: PaperMarker,
    private readonly enabled: () => boolean,
  ) {
    this.item.name = 'LitFeed';
    this.item.command = 'litfeed.feed.focus';
    this.subscription = tree.onDidChangeTreeData(() => this.recount());
  }

  private recount(): void {
    const sample = this.feed.state().source === 'sample';
    this.update(statusCounts(this.tree.visiblePapers(), sample, this.marker), this.enabled());
    vscode.commands.executeCommand('setContext', 'litfeed.hasWatched', this.tree.watchedPapers().length > 0);
  }

  private update(counts: StatusCounts, enabled: boolean): void {
    if (!enabled || (counts.unread === 0 && counts.watched === 0)) {
      this.item.hide();
      return;
    }
    const parts = [`$(book) ${counts.unread}`];
    if (counts.watched > 0) parts.push(`$(eye) ${counts.watched}`);
    this.item.text = parts.join('  ');
    this.item.tooltip = [
      vscode.l10n.t('LitFeed: {0} unread papers in the feed', counts.unread),
      counts.watched > 0 ? vscode.l10n.t('{0} unread papers match your watch list', counts.watched) : '',
    ]
      .filter(Boolean)
      .join('\n');
    this.item.accessibilityInformation = { label: this.item.tooltip };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
