import * as vscode from 'vscode';
import type { PdfProblem } from '../../core/pdf/pdfCache';
import type { PdfLoadFailure } from '../../webview/pdf/pdfProtocol';
import type { PdfStrings } from './pdfHtml';

export function pdfStrings(): PdfStrings {
  return {
    toolbar: vscode.l10n.t('PDF toolbar'),
    previousPage: vscode.l10n.t('Previous page (P)'),
    nextPage: vscode.l10n.t('Next page (N)'),
    page: vscode.l10n.t('Page'),
    ofPages: vscode.l10n.t('of {0}'),
    zoomOut: vscode.l10n.t('Zoom out (Ctrl+-)'),
    zoomIn: vscode.l10n.t('Zoom in (Ctrl++)'),
    zoom: vscode.l10n.t('Zoom'),
    fitWidth: vscode.l10n.t('Fit width'),
    fitPage: vscode.l10n.t('Fit page'),
    automatic: vscode.l10n.t('Automatic'),
    find: vscode.l10n.t('Find in PDF (Ctrl+F)'),
    findPrevious: vscode.l10n.t('Previous match (Shift+Enter)'),
    findNext: vscode.l10n.t('Next match (Enter)'),
    matches: vscode.l10n.t('{0} of {1}'),
    noMatches: vscode.l10n.t('No matches'),
    openInBrowser: vscode.l10n.t('Open in Browser'),
    tryAgain: vscode.l10n.t('Try Again'),
    cancel: vscode.l10n.t('Cancel'),
    opening: vscode.l10n.t('Opening the PDF…'),
    downloading: vscode.l10n.t('Downloading the PDF… {0}'),
    downloadingOf: vscode.l10n.t('Downloading the PDF… {0} of {1}'),
  };
}

/** The headline of the tab's message when the PDF cannot be shown; the detail says more. */
export function pdfProblemTitle(problem: PdfProblem | PdfLoadFailure | 'no-pdf'): string {
  switch (problem) {
    case 'not-found':
      return vscode.l10n.t('The server has no PDF for this paper (404).');
    case 'not-pdf':
      return vscode.l10n.t('The server sent a web page instead of the PDF.');
    case 'too-large':
      return vscode.l10n.t('The PDF is larger than LitFeed downloads.');
    case 'truncated':
      return vscode.l10n.t('The download broke off before the PDF was complete.');
    case 'unavailable':
      return vscode.l10n.t('The server did not send the PDF.');
    case 'offline':
      return vscode.l10n.t('The PDF could not be downloaded: the server cannot be reached.');
    case 'disk-full':
      return vscode.l10n.t('The PDF could not be saved: the disk is full.');
    case 'write-failed':
      return vscode.l10n.t('The PDF could not be saved.');
    case 'cancelled':
      return vscode.l10n.t('The download was cancelled.');
    case 'password':
      return vscode.l10n.t('This PDF is protected by a password; open it in a PDF reader.');
    case 'invalid':
      return vscode.l10n.t('The PDF is damaged and cannot be shown.');
    case 'other':
      return vscode.l10n.t('The PDF cannot be shown.');
    case 'no-pdf':
      return vscode.l10n.t('LitFeed knows no PDF for this paper.');
  }
}
