import * as vscode from 'vscode';
import { bibliographyText } from '../../core/cite/exportBib';
import type { Paper } from '../../core/paper';
import { entryOptions, type CitationSettings } from '../settings';

/**
 * "Export Reading List to BibTeX": the papers' entries, to a .bib file the user picks — the
 * whole reading list, or the papers of a tag ("Export Tag to BibTeX", offering `fileName`).
 */
export async function exportReadingList(
  papers: Paper[],
  citation: CitationSettings,
  fileName = 'reading-list.bib',
): Promise<void> {
  if (papers.length === 0) {
    vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: the reading list is empty.'));
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
    filters: { BibTeX: ['bib'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!target) return;
  // No document, so no engine: `auto` writes UTF-8 (biber, pandoc, Typst); `true` still gives ASCII.
  const { text } = bibliographyText(papers, entryOptions(citation, undefined));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  vscode.window.showInformationMessage(
    vscode.l10n.t('LitFeed: exported {0} papers to {1}.', papers.length, vscode.workspace.asRelativePath(target)),
  );
}
