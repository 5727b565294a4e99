import * as vscode from 'vscode';
import type { Paper } from '../../core/paper';
import { READING_LIST_KEY, ReadState, ReadingList } from '../../core/tracking/readingList';

/**
 * The user's own state in `globalState`: the reading list (synced with Settings Sync) and
 * read marks (kept on this machine). Problems reading either are reported once, and the
 * unreadable value is kept aside rather than lost.
 */
export class UserState {
  readonly readingList: ReadingList;
  readonly readState: ReadState;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a paper is saved, unsaved or marked read. */
  readonly onDidChange = this.changed.event;

  constructor(context: vscode.ExtensionContext, log: vscode.LogOutputChannel) {
    this.readingList = new ReadingList(context.globalState);
    this.readState = new ReadState(context.globalState);
    context.globalState.setKeysForSync([READING_LIST_KEY]);
    for (const problem of [...this.readingList.problems, ...this.readState.problems]) {
      log.warn(`${problem.key}: ${problem.reason}`);
      vscode.window.showWarningMessage(
        vscode.l10n.t('LitFeed: {0}. The unreadable value was kept aside; see the log.', problem.reason),
      );
    }
  }

  isSaved(paper: Paper): boolean {
    return this.readingList.has(paper.id);
  }

  isRead(paper: Paper): boolean {
    return this.readState.isRead(paper.id);
  }

  async toggleSaved(paper: Paper): Promise<boolean> {
    const saved = this.readingList.has(paper.id)
      ? !(await this.readingList.unsave(paper.id))
      : await this.readingList.save(paper);
    this.changed.fire();
    return saved;
  }

  async setSaved(papers: readonly Paper[], saved: boolean): Promise<void> {
    for (const paper of papers) {
      if (saved) await this.readingList.save(paper);
      else await this.readingList.unsave(paper.id);
    }
    this.changed.fire();
  }

  async markRead(papers: readonly Paper[]): Promise<void> {
    if ((await this.readState.markRead(papers.map((p) => p.id))) > 0) this.changed.fire();
  }

  async markUnread(papers: readonly Paper[]): Promise<void> {
    if ((await this.readState.markUnread(papers.map((p) => p.id))) > 0) this.changed.fire();
  }

  savedPapers(): Paper[] {
    return this.readingList.list('saved').map((e) => e.paper);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
