/**
 * "Papers for This Document": the local library ranked against what the active document says
 * and what its bibliography holds — for finding what to cite while writing. Papers its
 * bibliography already has are left out. Computed on this machine from the search index.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';
import type { Paper } from '../../core/paper';
import { entryIds } from '../../core/refs/bibIndex';
import { entrySummary } from '../../core/refs/entrySummary';
import { writingText } from '../../core/recs/writingText';
import { TimeSlicer } from '../../core/timeSlice';
import { similarItem } from '../../core/view/similarView';
import type { DocBibliography } from '../refs/bibliographies';

export interface DocumentPapersDeps {
  /** The library's `limit` papers most like `text`, best first, without those `exclude` names. */
  rank(
    text: string,
    limit: number,
    exclude: (paper: Paper) => boolean,
    signal: AbortSignal,
  ): Promise<readonly { paper: Paper; similarity: number }[]>;
  bibliography(doc: vscode.TextDocument): Promise<DocBibliography | undefined>;
  open(paper: Paper): Promise<unknown>;
  cite(paper: Paper): Promise<unknown>;
  log: vscode.LogOutputChannel;
}

/** Papers listed. */
const LISTED = 20;
/** Entries of a bibliography read (their titles and abstracts join the document's words). */
const MAX_ENTRIES = 2000;

interface PaperPick extends vscode.QuickPickItem {
  paper?: Paper;
}

/**
 * The text ranked against: the document's words, then its bibliography's titles and abstracts.
 * Read in slices: reading 2,000 entries as text took 50–200 ms, too long for the extension host's
 * thread in one stretch.
 */
async function documentQuery(
  docText: string,
  bib: DocBibliography | undefined,
  slicer = new TimeSlicer(),
): Promise<{ text: string; cited: Set<string> }> {
  const parts = [writingText(docText)];
  const cited = new Set<string>();
  let read = 0;
  for (const { entry } of bib?.entries() ?? []) {
    if (read++ >= MAX_ENTRIES) break;
    for (const id of entryIds(entry)) cited.add(id.toLowerCase());
    const summary = entrySummary(entry);
    parts.push(summary.title, summary.abstract ?? '');
    if (slicer.due()) await slicer.yield();
  }
  return { text: parts.join('\n'), cited };
}

/**
 * Shows the pick; resolves with the papers it lists once they are there (the pick stays open
 * for the reader), or with none when there is no document or the reader closed it first.
 */
export async function papersForDocument(deps: DocumentPapersDeps): Promise<Paper[]> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    vscode.window.showInformationMessage(
      vscode.l10n.t('LitFeed: open the document you are writing, then run Papers for This Document again.'),
    );
    return [];
  }
  const doc = editor.document;
  const name = vscode.workspace.asRelativePath(doc.uri);
  const pick = vscode.window.createQuickPick<PaperPick>();
  pick.title = vscode.l10n.t('Papers for {0}', name);
  pick.placeholder = vscode.l10n.t('Ranking the library against {0}…', name);
  pick.matchOnDescription = true;
  pick.busy = true;
  const cite: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('quote'), tooltip: vscode.l10n.t('Cite') };
  const open: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('preview'), tooltip: vscode.l10n.t('Open') };
  const abort = new AbortController();
  const run = (work: () => Promise<unknown>) =>
    work().catch((err: unknown) => {
      deps.log.error(`Papers for This Document: ${errorMessage(err)}`);
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: that did not work. The LitFeed log has the details.'));
    });
  pick.onDidHide(() => {
    abort.abort();
    pick.dispose();
  });
  pick.onDidAccept(() => {
    const paper = pick.selectedItems[0]?.paper;
    if (!paper) return;
    pick.hide();
    void run(() => deps.open(paper));
  });
  pick.onDidTriggerItemButton(({ item, button }) => {
    const paper = item.paper;
    if (!paper) return;
    if (button === cite) {
      // The citation goes where the writer was: the document, once the pick is out of the way.
      pick.hide();
      void run(async () => {
        await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
        await deps.cite(paper);
      });
    } else {
      void run(() => deps.open(paper));
    }
  });
  pick.show();

  try {
    const bib = await deps.bibliography(doc).catch(() => undefined);
    const { text, cited } = await documentQuery(doc.getText(), bib);
    if (abort.signal.aborted) return [];
    const inBibliography = (paper: Paper) =>
      (paper.arxivId !== undefined && cited.has(`arxiv:${paper.arxivId.toLowerCase()}`)) ||
      (paper.doi !== undefined && cited.has(`doi:${paper.doi.toLowerCase()}`));
    const hits = (await deps.rank(text, LISTED, inBibliography, abort.signal)).slice(0, LISTED);
    if (abort.signal.aborted) return [];
    pick.items =
      hits.length > 0
        ? hits.map((hit) => {
            const { title, detail, similarity } = similarItem(hit);
            return {
              label: title,
              description: detail,
              detail: vscode.l10n.t('{0} % similar', Math.round(similarity * 100)),
              buttons: [cite, open],
              paper: hit.paper,
            };
          })
        : [{ label: vscode.l10n.t('No paper of the library is like this document yet.'), alwaysShow: true }];
    pick.placeholder = vscode.l10n.t('Enter opens a paper; the buttons cite it here or open it');
    return hits.map((h) => h.paper);
  } catch (err) {
    deps.log.error(`Papers for This Document: ${errorMessage(err)}`);
    pick.items = [{ label: vscode.l10n.t('Ranking failed: {0}', errorMessage(err)), alwaysShow: true }];
    return [];
  } finally {
    pick.busy = false;
  }
}
