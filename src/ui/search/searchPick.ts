import * as vscode from 'vscode';
import { localCount } from '../displayLanguage';
import type { Paper } from '../../core/paper';
import type { PaperLibrary } from '../../core/search/library';
import type { SearchHit } from '../../core/search/paperIndex';
import { errorMessage } from '../../core/guards';
import type { PaperCitations } from '../refs/citedPlaces';

export interface SearchPickDeps {
  library: PaperLibrary;
  /** Asks Hugging Face's paper search; results are cached by the caller. */
  searchRemote(query: string, signal: AbortSignal): Promise<Paper[]>;
  open(paper: Paper): unknown;
  cite(paper: Paper): unknown;
  toggleSaved(paper: Paper): Promise<boolean>;
  isSaved(paper: Paper): boolean;
  /** "Cite Paper by ID, DOI or Title…" with the typed text: for papers LitFeed has never seen. */
  lookUp(query: string): unknown;
  /** Where the workspace cites papers; cited ones show their first place. */
  citations?: PaperCitations;
}

type PaperPickItem = vscode.QuickPickItem & { paper?: Paper; remote?: string; lookUp?: string };

const MAX_RESULTS = 50;

/**
 * "Search Papers": every cached and saved paper, searched as you type from the library's
 * index (built once, never per keystroke), plus a last item that asks Hugging Face.
 */
export async function showSearchPick(deps: SearchPickDeps): Promise<void> {
  const pick = vscode.window.createQuickPick<PaperPickItem>();
  pick.placeholder = vscode.l10n.t('Search papers by title, author or keyword (typos are fine)');
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  const citeButton: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('quote'),
    tooltip: vscode.l10n.t('Cite Paper'),
  };
  const saveButton: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('bookmark'),
    tooltip: vscode.l10n.t('Save to Reading List'),
  };
  const unsaveButton: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('trash'),
    tooltip: vscode.l10n.t('Remove from Reading List'),
  };
  let closed = false;
  let remote: { query: string; papers: Paper[] } | undefined;
  let remoteAbort: AbortController | undefined;

  const toItem = (paper: Paper): PaperPickItem => {
    const facts = [
      paper.published?.slice(0, 10) ?? paper.feedDay,
      paper.upvotes !== undefined ? `▲ ${localCount(paper.upvotes)}` : undefined,
      paper.arxivId ? `arXiv:${paper.arxivId}` : undefined,
    ];
    const cited = citedText(deps.citations, paper);
    return {
      label: paper.title,
      description: paper.authors.slice(0, 3).join(', ') + (paper.authors.length > 3 ? ' …' : ''),
      detail: [...facts, cited].filter(Boolean).join(' · '),
      // The library has ranked them already; the QuickPick must not filter them again.
      alwaysShow: true,
      paper,
      buttons: [citeButton, deps.isSaved(paper) ? unsaveButton : saveButton],
    };
  };

  // Each keystroke's query cancels the one before: only the latest answer is shown.
  let rendering: AbortController | undefined;
  const render = async () => {
    rendering?.abort();
    const turn = (rendering = new AbortController());
    const query = pick.value.trim();
    const items: PaperPickItem[] = [];
    if (remote && remote.query === query) {
      items.push({ label: vscode.l10n.t('Hugging Face results'), kind: vscode.QuickPickItemKind.Separator });
      items.push(...remote.papers.map(toItem));
    } else if (query) {
      let hits: SearchHit[] = [];
      try {
        hits = await deps.library.search(query, MAX_RESULTS, { signal: turn.signal });
      } catch (err) {
        vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: searching the library failed: {0}', errorMessage(err)));
      }
      if (turn.signal.aborted || closed) return;
      items.push(...hits.map((hit) => toItem(hit.paper)));
      items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
      // The query stays out of the label: the QuickPick sorts labels that match the typed
      // text first, which would put this item above the papers on every typo.
      items.push({
        label: vscode.l10n.t('$(search) Search Hugging Face'),
        description: `"${query}"`,
        alwaysShow: true,
        remote: query,
      });
      items.push({
        label: vscode.l10n.t('$(link) Cite by ID, DOI or Title'),
        description: `"${query}"`,
        detail: vscode.l10n.t('Look it up on arXiv, Crossref, DBLP and more'),
        alwaysShow: true,
        lookUp: query,
      });
    }
    if (turn.signal.aborted || closed) return;
    pick.items = items;
    const first = items.find((i) => i.paper);
    if (first) pick.activeItems = [first];
  };

  const runRemote = async (query: string) => {
    remoteAbort?.abort();
    const abort = (remoteAbort = new AbortController());
    pick.busy = true;
    try {
      const papers = await deps.searchRemote(query, abort.signal);
      if (abort.signal.aborted) return;
      remote = { query, papers };
      if (papers.length === 0) {
        vscode.window.setStatusBarMessage(vscode.l10n.t('LitFeed: Hugging Face found nothing for "{0}"', query), 4000);
      }
      void render();
    } catch (err) {
      if (!abort.signal.aborted) {
        vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: searching Hugging Face failed: {0}', errorMessage(err)));
      }
    } finally {
      if (remoteAbort === abort) pick.busy = false;
    }
  };

  const disposables = [
    pick.onDidChangeValue(() => {
      if (remote && remote.query !== pick.value.trim()) remote = undefined;
      void render();
    }),
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (!item) return;
      if (item.remote) {
        runRemote(item.remote);
        return;
      }
      if (item.lookUp !== undefined) {
        pick.hide();
        deps.lookUp(item.lookUp);
        return;
      }
      if (item.paper) {
        pick.hide();
        deps.open(item.paper);
      }
    }),
    pick.onDidTriggerItemButton(async ({ item, button }) => {
      if (!item.paper) return;
      if (button === citeButton) {
        pick.hide();
        await deps.cite(item.paper);
        return;
      }
      await deps.toggleSaved(item.paper);
      void render();
    }),
    pick.onDidHide(() => {
      closed = true;
      rendering?.abort();
      remoteAbort?.abort();
      for (const d of disposables) d.dispose();
      pick.dispose();
    }),
  ];
  pick.show();
  // Answers from the persisted index once it is open, and again once any day it lacked (on a
  // first start, all of them) is indexed; busy until then.
  pick.busy = true;
  await deps.library.ensureLoaded();
  if (closed) return;
  void render();
  await deps.library.whenCurrent();
  if (closed) return;
  pick.busy = false;
  void render();
}

/** `$(quote) paper.tex:42` for a cited paper (`+2` when cited in more places), else nothing. */
export function citedText(citations: PaperCitations | undefined, paper: Paper): string | undefined {
  try {
    if (!citations?.isCited(paper)) return undefined;
    const places = citations.places(paper);
    const first = places[0];
    if (!first) return undefined;
    return places.length > 1
      ? vscode.l10n.t('$(quote) {0} +{1}', first.label, places.length - 1)
      : `$(quote) ${first.label}`;
  } catch {
    return undefined;
  }
}
