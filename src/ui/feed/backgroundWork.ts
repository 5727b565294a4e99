import type * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';
import { AutoRefresher } from './autoRefresh';
import type { RefreshEvent } from './feedController';
import type { Host } from '../host';
import type { LazyFeatures } from '../loadFeatures';
import type { Settings } from '../settings';
import { notifyWatched } from '../tracking/watchNotice';

/** How long the rest waits for the feed view to be drawn when it is not on screen. */
const FIRST_SCREEN_WAIT_MS = 1000;

/**
 * What LitFeed does unasked. The first screen comes from the cache (or the sample); the rest —
 * the arXiv view, the cache's leftover temp files (a listing of every cached day), the network —
 * waits until VS Code has asked for the feed's rows, or a moment when the view is not on
 * screen. Then the auto-refresh interval, and after each refresh the watch-list notice.
 */
export class BackgroundWork implements vscode.Disposable {
  private readonly autoRefresh: AutoRefresher;
  private waited: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: Host,
    private readonly features: LazyFeatures,
  ) {
    this.autoRefresh = new AutoRefresher(
      () => this.refreshAll(true),
      () => host.store.lastFetched('hf-daily'),
      host.log,
    );
  }

  /** Starts the rest once `firstShown` settles or the wait is over, whichever comes first. */
  startAfterFirstScreen(firstShown: Promise<void>): void {
    const shown = new Promise<void>((resolve) => (this.waited = setTimeout(resolve, FIRST_SCREEN_WAIT_MS)));
    Promise.race([firstShown, shown]).then(() => setTimeout(() => this.afterFirstScreen(), 0));
  }

  /** After every feed refresh, manual ones included. */
  refreshed(event: RefreshEvent): void {
    this.autoRefresh.noteOutcome(event.ok, event.consecutiveFailures);
    if (!event.ok) return;
    this.features.loaded?.feedRefreshed();
    notifyWatched(event.newPapers, this.host.marker, this.host.settings().notifyWatchMatches, (matches) =>
      this.features.get().showWatched(matches),
    );
  }

  settingsChanged(before: Settings): void {
    const settings = this.host.settings();
    if (this.arxivWanted() || settings.sort === 'forYou') this.features.get().settingsChanged(before);
    if (settings.autoRefreshHours !== before.autoRefreshHours) {
      this.autoRefresh.start(settings.autoRefreshHours, { atStartup: false });
    }
  }

  private afterFirstScreen(): void {
    const { feed, log, store } = this.host;
    const settings = this.host.settings();
    if (this.arxivWanted()) {
      this.features
        .get()
        .reloadArxiv()
        .catch((err) => log.error(`arXiv view: ${errorMessage(err)}`));
    }
    // The "For you" order's model lives in the lazily loaded bundle.
    if (settings.sort === 'forYou') this.features.get();
    store.cleanTemp().catch((err) => log.warn(`cleaning the cache's temp files failed: ${errorMessage(err)}`));
    const startup = settings.refreshOnStartup && feed.needsFetch() ? this.refreshAll(true) : Promise.resolve();
    startup
      .then(() => {
        const now = this.host.settings();
        return this.autoRefresh.start(now.autoRefreshHours, { atStartup: now.refreshOnStartup });
      })
      .catch((err) => log.error(`start-up refresh failed: ${errorMessage(err)}`));
  }

  /** The arXiv view has work once categories are set, or when the features are loaded anyway. */
  private arxivWanted(): boolean {
    return this.features.loaded !== undefined || this.host.settings().arxivCategories.length > 0;
  }

  private async refreshAll(quiet: boolean): Promise<void> {
    await this.host.feed.refresh({ quiet });
    if (this.host.settings().arxivCategories.length > 0) await this.features.get().refreshArxiv(true);
  }

  dispose(): void {
    clearTimeout(this.waited);
    this.autoRefresh.dispose();
  }
}
