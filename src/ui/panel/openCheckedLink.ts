/**
 * Opens a link a webview asked for (the abstract view's, a PDF's) only when the allow-list in
 * core/view/linkPolicy lets it through, and then through VS Code, which asks the user before
 * leaving for a site they have not trusted. A refused link is named in the log, never in the
 * notification: notifications render Markdown links.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';
import type { Paper } from '../../core/paper';
import { checkLink, type LinkRefusalCode } from '../../core/view/linkPolicy';

export function openCheckedLink(url: string, paper: Paper | undefined, log: (message: string) => void): void {
  const check = checkLink(url, paper);
  if (check.ok) {
    vscode.env
      .openExternal(vscode.Uri.parse(check.url, true))
      .then(undefined, (err: unknown) => log(`opening a link failed: ${errorMessage(err)}`));
    return;
  }
  log(`refused to open ${JSON.stringify(url.slice(0, 200))}: ${check.refusal.message}`);
  vscode.window.showWarningMessage(
    vscode.l10n.t('LitFeed did not open that link: {0}', refusalText(check.refusal.code)),
  );
}

function refusalText(code: LinkRefusalCode): string {
  switch (code) {
    case 'malformed':
      return vscode.l10n.t('it is not a valid web address.');
    case 'scheme':
      return vscode.l10n.t('only https links are opened.');
    case 'characters':
      return vscode.l10n.t('it contains characters that could disguise where it leads.');
    case 'credentials':
      return vscode.l10n.t('it carries a user name or password, which can disguise where it leads.');
    case 'port':
      return vscode.l10n.t('it names a non-standard port.');
    case 'host':
      return vscode.l10n.t('LitFeed opens only Hugging Face, arXiv, GitHub and the paper’s own project page.');
  }
}
