import * as vscode from 'vscode';

/** Unread papers in the current range and new watch-list matches; a click shows the view. */
export class FeedStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('litfeed.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'LitFeed';
    this.item.command = 'litfeed.feed.focus';
  }

  update(counts: { unread: number; watched: number }, enabled: boolean): void {
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
    this.item.dispose();
  }
}
