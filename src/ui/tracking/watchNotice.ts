import * as vscode from 'vscode';
import type { Paper } from '../../core/paper';
import type { PaperMarker } from '../feed/feedTree';

/**
 * After a refresh: tells the user when new papers match the watch list and are still unread,
 * with a button that shows them. Not awaited by the refresh; the button acts whenever clicked.
 */
export function notifyWatched(
  newPapers: readonly Paper[],
  marker: PaperMarker,
  enabled: boolean,
  show: (matches: Paper[]) => unknown,
): void {
  const matches = newPapers.filter((p) => marker.watchMatch(p) && !marker.isRead(p));
  if (matches.length === 0 || !enabled) return;
  const button = vscode.l10n.t('Show');
  const message =
    matches.length === 1
      ? vscode.l10n.t('LitFeed: 1 new paper matches your watch list: {0}', matches[0].title)
      : vscode.l10n.t('LitFeed: {0} new papers match your watch list.', matches.length);
  vscode.window
    .showInformationMessage(message, button)
    .then((choice) => (choice === button ? show(matches) : undefined));
}
