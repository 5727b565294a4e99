import * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';

const FAILURES_BEFORE_WARNING = 3;

/**
 * Refreshes in the background: at start-up when the cache is older than the interval, then
 * on that interval while the window is open. Quiet, unless it keeps failing.
 */
export class AutoRefresher implements vscode.Disposable {
  private timer: ReturnType<typeof setInterval> | undefined;
  private warned = false;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly lastFetched: () => Promise<string | undefined>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * (Re)starts with `hours` between refreshes; 0 turns it off. `atStartup` also refreshes
   * now when the cache is older than the interval.
   */
  async start(hours: number, options: { atStartup: boolean }): Promise<void> {
    this.stop();
    if (!(hours > 0)) return;
    const intervalMs = hours * 3_600_000;
    if (options.atStartup) {
      const last = await this.lastFetched();
      const age = last ? Date.now() - Date.parse(last) : Infinity;
      if (!(age < intervalMs)) this.run('start-up, cache older than the interval');
    }
    this.timer = setInterval(() => this.run('interval'), intervalMs);
  }

  /** Called after every refresh, manual ones included. */
  noteOutcome(ok: boolean, consecutiveFailures: number): void {
    if (ok) {
      this.warned = false;
      return;
    }
    if (consecutiveFailures >= FAILURES_BEFORE_WARNING && !this.warned && this.timer) {
      this.warned = true;
      const showLog = vscode.l10n.t('Show Log');
      vscode.window
        .showWarningMessage(
          vscode.l10n.t(
            'LitFeed: the feed could not be refreshed {0} times in a row; showing cached papers.',
            consecutiveFailures,
          ),
          showLog,
        )
        .then((choice) => (choice === showLog ? vscode.commands.executeCommand('litfeed.showLog') : undefined));
    }
  }

  private run(reason: string): void {
    this.log.info(`auto-refresh (${reason})`);
    this.refresh().catch((err) => this.log.error(`auto-refresh failed: ${errorMessage(err)}`));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stop();
  }
}
