/**
 * "Make PDF Available Offline": downloads the PDFs of the papers given (the whole Reading List
 * when none are), one at a time through the arXiv gate, skipping those already cached, with
 * cancellable progress; and the same quietly in the background for every saved paper when
 * `litfeed.pdf.keepSavedPapersOffline` is on.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';
import type { Paper } from '../../core/paper';
import { PdfError } from '../../core/pdf/pdfCache';
import type { PdfTabs } from './pdfTabs';

export interface OfflineReport {
  downloaded: number;
  cached: number;
  failed: number;
  /** Papers LitFeed knows no PDF for. */
  without: number;
  cancelled: boolean;
}

async function downloadAll(
  tabs: PdfTabs,
  papers: readonly Paper[],
  log: vscode.LogOutputChannel,
  signal: AbortSignal,
  step?: (done: number, paper: Paper) => void,
): Promise<OfflineReport> {
  const report: OfflineReport = { downloaded: 0, cached: 0, failed: 0, without: 0, cancelled: false };
  for (const [i, paper] of papers.entries()) {
    if (signal.aborted) {
      report.cancelled = true;
      break;
    }
    step?.(i, paper);
    if (!tabs.sourceOf(paper)) {
      report.without++;
      continue;
    }
    try {
      report[(await tabs.download(paper, signal)) === 'cached' ? 'cached' : 'downloaded']++;
    } catch (err) {
      if (signal.aborted || (err instanceof PdfError && err.problem === 'cancelled')) {
        report.cancelled = true;
        break;
      }
      report.failed++;
      log.warn(`making the PDF of ${paper.id} available offline failed: ${errorMessage(err)}`);
    }
  }
  return report;
}

export async function makeAvailableOffline(
  tabs: PdfTabs,
  papers: readonly Paper[],
  log: vscode.LogOutputChannel,
): Promise<OfflineReport> {
  const report = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('LitFeed: downloading PDFs'),
      cancellable: true,
    },
    async (progress, token) => {
      const controller = new AbortController();
      const listener = token.onCancellationRequested(() => controller.abort());
      try {
        return await downloadAll(tabs, papers, log, controller.signal, (done, paper) =>
          progress.report({
            message: vscode.l10n.t('{0} of {1}: {2}', done + 1, papers.length, paper.title),
            increment: 100 / Math.max(1, papers.length),
          }),
        );
      } finally {
        listener.dispose();
      }
    },
  );
  const parts = [vscode.l10n.t('{0} PDF(s) available offline', report.downloaded + report.cached)];
  if (report.failed > 0) {
    parts.push(vscode.l10n.t('{0} could not be downloaded (the LitFeed log says why)', report.failed));
  }
  if (report.without > 0) parts.push(vscode.l10n.t('{0} without a known PDF', report.without));
  if (report.cancelled) parts.push(vscode.l10n.t('cancelled'));
  const show = report.failed > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(`LitFeed: ${parts.join('; ')}.`);
  return report;
}

/** The background variant: one run at a time, new papers queued behind it; nothing shown but the log. */
export class OfflineKeeper implements vscode.Disposable {
  private running: Promise<void> | undefined;
  private again = false;
  private readonly controller = new AbortController();

  constructor(
    private readonly tabs: PdfTabs,
    private readonly papers: () => readonly Paper[],
    private readonly enabled: () => boolean,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Called when the reading list or the setting changed. */
  poke(): void {
    if (!this.enabled() || this.controller.signal.aborted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.poke();
      }
    });
  }

  dispose(): void {
    this.controller.abort();
  }

  private async run(): Promise<void> {
    const report = await downloadAll(this.tabs, this.papers(), this.log, this.controller.signal);
    if (report.downloaded > 0 || report.failed > 0) {
      this.log.info(
        `Reading List PDFs: ${report.downloaded} downloaded, ${report.cached} already there, ${report.failed} failed`,
      );
    }
  }
}
