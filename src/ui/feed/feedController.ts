import * as vscode from 'vscode';
import { forYouNote } from './forYouNote';
import { localAge } from '../displayLanguage';
import { dateFormat } from '../../core/dateFormat';
import { isoWeekOf } from '../../core/dates';
import type { FeedFilter } from '../../core/feed/filter';
import type { FeedService, FeedSnapshot } from '../../core/feed/feedService';
import type { Paper } from '../../core/paper';
import { rangeReachesToday, shiftRange, type FeedRange, type RangeKind } from '../../core/range';
import type { FeedTreeProvider } from './feedTree';
import type { Settings } from '../settings';

/** What the view shows, for the status line and for tests. */
export interface FeedState {
  source: 'network' | 'cache' | 'sample' | 'empty';
  stale: boolean;
  fetchedAt?: string;
  lastError?: string;
  range: FeedRange;
  papers: number;
  /** What the view's message says, when it says something. */
  message?: string;
}

/**
 * Owns the current range, asks the FeedService for snapshots and refreshes, and keeps the
 * tree, its description and its message in step. Every refresh outcome ends up on screen.
 */
export interface RefreshEvent {
  ok: boolean;
  /** Papers shown after the refresh that were not shown before it. */
  newPapers: Paper[];
  /** Failed refreshes in a row, this one included (0 after a success). */
  consecutiveFailures: number;
  quiet: boolean;
}

export class FeedController implements vscode.Disposable {
  private range: FeedRange;
  private snapshot: FeedSnapshot | undefined;
  private lastError: string | undefined;
  private refreshedThisSession = new Set<string>();
  private readonly refreshed = new vscode.EventEmitter<RefreshEvent>();
  /** Fires after each refresh with the papers the range did not show before. */
  readonly onDidRefresh = this.refreshed.event;
  private consecutiveFailures = 0;

  constructor(
    private readonly service: FeedService,
    private readonly tree: FeedTreeProvider,
    private readonly view: vscode.TreeView<unknown>,
    private settings: Settings,
    private readonly today: () => string,
  ) {
    this.range = { kind: settings.range, anchor: today() };
  }

  get currentRange(): FeedRange {
    return this.range;
  }

  state(): FeedState {
    const snap = this.snapshot;
    const origin = snap?.origin ?? 'empty';
    const fresh = origin === 'cache' && this.refreshedThisSession.has(this.key()) && !this.lastError;
    return {
      source: fresh ? 'network' : origin,
      stale: origin === 'cache' && this.lastError !== undefined,
      ...(snap?.fetchedAt ? { fetchedAt: snap.fetchedAt } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      range: this.range,
      papers: snap?.papers.length ?? 0,
      ...(this.view.message ? { message: this.view.message } : {}),
    };
  }

  papers(): readonly Paper[] {
    return this.snapshot?.papers ?? [];
  }

  applySettings(settings: Settings): Promise<void> {
    const rangeChanged = settings.range !== this.settings.range;
    this.settings = settings;
    if (rangeChanged) this.range = { kind: settings.range, anchor: this.range.anchor };
    return this.reload();
  }

  /** Re-reads the cache for the current range and redraws. */
  async reload(): Promise<void> {
    this.snapshot = await this.service.snapshot(this.range);
    for (const problem of this.snapshot.problems) {
      vscode.window.showWarningMessage(
        vscode.l10n.t(
          'LitFeed: a cached day could not be read ({0}); it was set aside and will be fetched again.',
          problem.reason,
        ),
      );
    }
    this.render();
  }

  async setRange(range: FeedRange, options: { fetchIfMissing: boolean }): Promise<void> {
    this.range = range;
    this.lastError = undefined;
    await this.reload();
    if (options.fetchIfMissing && this.needsFetch()) await this.refresh({ quiet: true });
  }

  shift(direction: 1 | -1): Promise<void> {
    return this.setRange(shiftRange(this.range, direction), { fetchIfMissing: true });
  }

  setKind(kind: RangeKind): Promise<void> {
    return this.setRange({ kind, anchor: this.range.anchor }, { fetchIfMissing: true });
  }

  /** True when the range has days up to today that were never fetched (or only the sample shows). */
  needsFetch(): boolean {
    const snap = this.snapshot;
    if (!snap) return true;
    if (snap.origin === 'sample' || snap.origin === 'empty') return true;
    return snap.missingDays.length > 0;
  }

  /**
   * Fetches the current range with a cancellable progress notification. `quiet` (start-up,
   * navigation) reports failures in the view instead of a pop-up.
   */
  async refresh(options: { quiet?: boolean } = {}): Promise<void> {
    const range = this.range;
    const before = new Set((this.snapshot?.origin === 'cache' ? this.snapshot.papers : []).map((p) => p.id));
    const outcome = await vscode.window.withProgress(
      {
        location: options.quiet ? { viewId: 'litfeed.feed' } : vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('LitFeed: fetching {0}', this.rangeLabel(range)),
        cancellable: !options.quiet,
      },
      (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        return this.service.refresh(range, abort.signal).finally(() => sub.dispose());
      },
    );
    if (range !== this.range) return;
    if (outcome.ok) {
      this.lastError = undefined;
      this.refreshedThisSession.add(this.key());
      if (outcome.skipped > 0) {
        vscode.window.showWarningMessage(
          vscode.l10n.t('LitFeed: {0} malformed items in the feed were skipped (details in the log).', outcome.skipped),
        );
      }
    } else if (outcome.cancelled) {
      this.lastError = undefined;
    } else {
      this.lastError = outcome.error;
    }
    await this.reload();
    if (outcome.ok || !outcome.cancelled) {
      this.consecutiveFailures = outcome.ok ? 0 : this.consecutiveFailures + 1;
      const newPapers = outcome.ok ? (this.snapshot?.papers ?? []).filter((p) => !before.has(p.id)) : [];
      this.refreshed.fire({
        ok: outcome.ok,
        newPapers,
        consecutiveFailures: this.consecutiveFailures,
        quiet: options.quiet ?? false,
      });
    }
    if (!outcome.ok && !outcome.cancelled && !options.quiet) {
      const keep =
        this.snapshot?.origin === 'cache'
          ? vscode.l10n.t('Showing the cached feed from {0}.', localAge(this.snapshot.fetchedAt ?? ''))
          : this.snapshot?.origin === 'sample'
            ? vscode.l10n.t('Showing the bundled sample feed.')
            : '';
      const showLog = vscode.l10n.t('Show Log');
      const retry = vscode.l10n.t('Retry');
      // Not awaited: the refresh is over; the notification's buttons act whenever clicked.
      vscode.window
        .showErrorMessage(
          `${vscode.l10n.t('LitFeed: refresh failed: {0}.', outcome.error)} ${keep}`.trim(),
          retry,
          showLog,
        )
        .then((choice) => {
          if (choice === retry) return this.refresh();
          if (choice === showLog) return vscode.commands.executeCommand('litfeed.showLog');
          return undefined;
        });
    }
  }

  rangeLabel(range: FeedRange = this.range): string {
    const date = new Date(`${range.anchor}T00:00:00Z`);
    switch (range.kind) {
      case 'day':
        return dateFormat(vscode.env.language, {
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(date);
      case 'week': {
        const [year, week] = isoWeekOf(range.anchor).split('-W');
        return vscode.l10n.t('Week {0}, {1}', Number(week), year);
      }
      case 'month':
        return dateFormat(vscode.env.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
    }
  }

  private key(): string {
    return `${this.range.kind}:${this.range.anchor}`;
  }

  private render(): void {
    const snap = this.snapshot;
    const today = this.today();
    this.tree.update({
      papers: snap?.papers ?? [],
      sort: this.settings.sort,
      today,
      sample: snap?.origin === 'sample',
    });
    const parts = [this.rangeLabel()];
    const filter = this.tree.currentFilter;
    if (filter) parts.push(filterLabel(filter));
    let message: string | undefined;
    if (snap?.origin === 'sample') {
      parts.push(vscode.l10n.t('sample feed'));
      message = this.lastError
        ? vscode.l10n.t(
            'Offline: {0}. Showing the bundled sample feed (real papers, illustrative votes).',
            this.lastError,
          )
        : vscode.l10n.t(
            'Showing the bundled sample feed (real papers, illustrative votes). Refresh to fetch the live feed.',
          );
    } else if (snap?.origin === 'cache') {
      const age = localAge(snap.fetchedAt ?? '');
      if (this.lastError) {
        parts.push(vscode.l10n.t('offline · cached {0}', age));
        message = vscode.l10n.t('Offline: {0}. Showing papers cached {1}.', this.lastError, age);
      } else if (!this.refreshedThisSession.has(this.key())) {
        parts.push(vscode.l10n.t('cached {0}', age));
      }
    } else if (this.lastError) {
      message = vscode.l10n.t('Refresh failed: {0}.', this.lastError);
    }
    if (snap?.origin === 'cache' && snap.papers.length === 0 && !message) {
      message = rangeReachesToday(this.range, today)
        ? vscode.l10n.t('No papers listed yet for {0}.', this.rangeLabel())
        : vscode.l10n.t('No papers were listed for {0}.', this.rangeLabel());
    }
    this.view.description = parts.join(' · ');
    this.view.message = message ?? forYouNote(this.settings.sort, this.tree.rankingState());
  }

  /** Redraws with the current snapshot (after a settings or marks change). */
  redraw(): void {
    this.render();
  }

  dispose(): void {
    this.refreshed.dispose();
  }
}

export function filterLabel(filter: FeedFilter): string {
  const parts = [];
  if (filter.text) parts.push(`"${filter.text}"`);
  if (filter.minUpvotes > 0) parts.push(`▲ ≥ ${filter.minUpvotes}`);
  return vscode.l10n.t('filter: {0}', parts.join(' '));
}
