import * as vscode from 'vscode';
import type { Paper } from '../../core/paper';
import { READING_LIST_KEY, ReadState, ReadingList, type TagChange } from '../../core/tracking/readingList';
import type { TagCount } from '../../core/tracking/tags';

/**
 * The user's own state in `globalState`: the reading list (synced with Settings Sync) and
 * read marks (kept on this machine). Problems reading either are reported once, and the
 * unreadable value is kept aside rather than lost.
 */
export class UserState {
  readonly readingList: ReadingList;
  readonly readState: ReadState;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a paper is saved, unsaved, tagged or marked read. */
  readonly onDidChange = this.changed.event;
  private readonly focus: vscode.Disposable;

  constructor(context: vscode.ExtensionContext, log: vscode.LogOutputChannel) {
    this.readingList = new ReadingList(context.globalState);
    this.readState = new ReadState(context.globalState);
    context.globalState.setKeysForSync([READING_LIST_KEY]);
    // Another window, or Settings Sync, may have saved or tagged papers meanwhile; VS Code
    // tells no one, so the list is read again when this window comes back.
    this.focus = vscode.window.onDidChangeWindowState((state) => {
      if (state.focused && this.readingList.reload()) this.changed.fire();
    });
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

  tagsOf(paper: Paper): readonly string[] {
    return this.readingList.tagsOf(paper.id);
  }

  allTags(): TagCount[] {
    return this.readingList.allTags();
  }

  /** Sets each paper's tags exactly, saving the unsaved ones that get some; resolves to how many changed. */
  async setTags(changes: readonly TagChange[]): Promise<number> {
    const changed = await this.readingList.setTags(changes);
    if (changed > 0) this.changed.fire();
    return changed;
  }

  async renameTag(from: string, to: string): Promise<{ changed: number; to?: string }> {
    const result = await this.readingList.renameTag(from, to);
    if (result.changed > 0) this.changed.fire();
    return result;
  }

  async deleteTag(tag: string): Promise<number> {
    const changed = await this.readingList.deleteTag(tag);
    if (changed > 0) this.changed.fire();
    return changed;
  }

  dispose(): void {
    this.focus.dispose();
    this.changed.dispose();
  }
}
