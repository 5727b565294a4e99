import * as vscode from 'vscode';
import { localAge } from '../displayLanguage';
import { forYouNote } from '../feed/forYouNote';
import type { ArxivFeed, ArxivRefreshOutcome } from '../../core/feed/arxivFeed';
import { errorMessage } from '../../core/guards';
import type { PaperLibrary } from '../../core/search/library';
import type { Host } from '../host';
import type { Network } from '../network';
import type { Settings } from '../settings';

export interface ArxivControllerDeps extends Pick<Host, 'arxivTree' | 'arxivView' | 'settings' | 'today' | 'log'> {
  /** The cached and fetched category listings. */
  listings: ArxivFeed;
  /** Learns the listed papers, and gives back the richer record when it knows one (e.g. from Hugging Face). */
  library: PaperLibrary;
  net: Network;
}

/**
 * The arXiv view's counterpart of FeedController: reads the cached listings into the tree,
 * fetches the configured categories with progress and cancel, and keeps the view's
 * description (when fetched) and message (which listings failed) in step.
 */
export class ArxivController {
  /** Which listings failed at the last fetch, for the view's message. */
  private failed: string | undefined;

  constructor(private readonly deps: ArxivControllerDeps) {}

  /** Re-reads the cached arXiv listings into the view. */
  async reload(): Promise<void> {
    const snap = await this.deps.listings.snapshot();
    this.deps.library.add(snap.papers);
    const s = this.deps.settings();
    this.deps.arxivTree.update({
      categories: s.arxivCategories,
      papers: snap.papers.map((p) => this.deps.library.get(p.id) ?? p),
      sort: s.sort,
      today: this.deps.today(),
    });
    this.deps.arxivView.description =
      snap.fetchedAt && s.arxivCategories.length > 0
        ? vscode.l10n.t('fetched {0}', localAge(snap.fetchedAt))
        : undefined;
    this.showMessage();
  }

  /** The view's message: failed listings, else what the "For you" order needs. */
  showMessage(): void {
    this.deps.arxivView.message =
      this.failed ?? forYouNote(this.deps.settings().sort, this.deps.arxivTree.rankingState());
  }

  /**
   * Fetches the configured categories; `quiet` (start-up, a settings change) shows progress in
   * the view and failures only in its message. With no categories, a manual refresh opens the setting.
   */
  async refresh(quiet: boolean): Promise<void> {
    const s = this.deps.settings();
    if (s.arxivCategories.length === 0) {
      if (!quiet) vscode.commands.executeCommand('workbench.action.openSettings', 'litfeed.sources.arxiv.categories');
      return;
    }
    const outcome = await vscode.window.withProgress(
      {
        location: quiet ? { viewId: 'litfeed.arxiv' } : vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('LitFeed: fetching arXiv listings'),
        cancellable: !quiet,
      },
      (_progress, token) => this.fetch(s, token),
    );
    this.failed =
      outcome.errors.length > 0 ? vscode.l10n.t('Some listings failed: {0}', outcome.errors.join('; ')) : undefined;
    await this.reload();
    if (outcome.errors.length > 0 && !quiet) {
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: {0}', outcome.errors.join('; ')));
    }
  }

  /** Redraws with the new settings; fetches again when the categories changed. */
  settingsChanged(before: Settings): void {
    this.reloadLogged();
    if (this.deps.settings().arxivCategories.join() !== before.arxivCategories.join()) this.refresh(true);
  }

  /** reload() for callers that do not wait for it: a failure goes to the log. */
  reloadLogged(): void {
    this.reload().catch((err) => this.deps.log.error(`arXiv view: ${errorMessage(err)}`));
  }

  private async fetch(s: Settings, token: vscode.CancellationToken): Promise<ArxivRefreshOutcome> {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      return await this.deps.listings.refresh({
        baseUrl: this.deps.net.arxiv(),
        categories: s.arxivCategories,
        maxResults: s.arxivMaxResults,
        http: this.deps.net.http(abort.signal),
      });
    } catch (err) {
      return { papers: 0, skipped: 0, errors: [errorMessage(err)] };
    } finally {
      sub.dispose();
    }
  }
}
