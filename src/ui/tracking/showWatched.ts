import * as vscode from 'vscode';
import type { Paper } from '../../core/paper';
import type { PaperMarker } from '../feed/feedTree';

/** "Show Watch-List Matches": a pick of `papers` with what each matched; the picked one opens. */
export async function showWatched(
  papers: Paper[],
  marker: PaperMarker,
  open: (paper: Paper) => Promise<void>,
): Promise<void> {
  if (papers.length === 0) {
    vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: nothing shown matches your watch list.'));
    return;
  }
  const pick = await vscode.window.showQuickPick(
    papers.map((paper) => {
      const m = marker.watchMatch(paper);
      return {
        label: paper.title,
        description: [...(m?.keywords ?? []), ...(m?.authors ?? [])].join(', '),
        detail: paper.authors.slice(0, 4).join(', '),
        paper,
      };
    }),
    { placeHolder: vscode.l10n.t('Papers matching your watch list') },
  );
  if (pick) await open(pick.paper);
}
