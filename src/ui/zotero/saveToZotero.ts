import * as vscode from 'vscode';
import type { Paper } from '../../core/paper';
import { zoteroMessage, type ZoteroLink, type ZoteroSaveReport } from './zoteroLink';

/** "Save to Zotero": the papers as Zotero items, with a message saying what was saved where. */
export async function saveToZotero(
  zotero: ZoteroLink,
  papers: readonly Paper[],
): Promise<ZoteroSaveReport | undefined> {
  if (papers.length === 0) return undefined;
  let report: ZoteroSaveReport;
  try {
    report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Saving to Zotero…') },
      () => zotero.save(papers),
    );
  } catch (err) {
    vscode.window.showErrorMessage(zoteroMessage(err));
    return undefined;
  }
  const types: Record<string, string> = {
    preprint: vscode.l10n.t('preprint'),
    journalArticle: vscode.l10n.t('journal article'),
    conferencePaper: vscode.l10n.t('conference paper'),
  };
  const lines = report.saved.map((s) =>
    vscode.l10n.t(
      '"{0}" as a {1} with {2} authors{3}',
      s.title,
      types[s.itemType] ?? s.itemType,
      s.authors,
      s.pdf ? vscode.l10n.t(' and its PDF') : '',
    ),
  );
  vscode.window.showInformationMessage(
    vscode.l10n.t('LitFeed: saved to Zotero in "{0}": {1}', report.collection, lines.join('; ')),
  );
  return report;
}
