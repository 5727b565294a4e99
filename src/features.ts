/**
 * Everything LitFeed does beyond drawing the cached feed: the network, search, citations,
 * the paper panel, the arXiv view's fetching, and the commands' bodies. Built as its own
 * bundle (`dist/features.js`) that `extension.ts` loads on first use — the first command,
 * completion in a citation, a restored panel, a refresh — or once the first screen is drawn
 * when something there needs it (a start-up refresh, arXiv categories). See docs/performance.md.
 */
import * as vscode from 'vscode';
import { ArxivFeed } from './core/feed/arxivFeed';
import { bibliographyText } from './core/cite/exportBib';
import { ageLabel } from './core/feed/dayGroups';
import type { FeedFilter } from './core/feed/filter';
import type { HttpOptions } from './core/net/http';
import { PaperLibrary } from './core/search/library';
import type { Paper } from './core/paper';
import { Politeness } from './core/net/politeness';
import type { FeedRange } from './core/range';
import { checkBaseUrl } from './core/net/baseUrl';
import { searchHuggingFace } from './core/sources/hfSearch';
import { fetchDailyPapers } from './core/sources/huggingface';
import type { FeedStore } from './core/feed/store';
import { Citer } from './ui/citations';
import { CiteCompletionProvider } from './ui/citeCompletion';
import { commandHandlers, type App } from './ui/commands';
import type { Features, Host } from './ui/host';
import { createPaperPanel } from './ui/paperPanel';
import { showSearchPick } from './ui/searchPick';
import type { Settings } from './ui/settings';
import { errorMessage } from './core/guards';

export function createFeatures(host: Host): Features {
  const { context, log, store, user, marker, feed, tree, view, arxivTree, arxivView } = host;
  const settings = host.settings;
  const disposables: vscode.Disposable[] = [];

  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const http = (signal?: AbortSignal): HttpOptions => ({
    timeoutMs: settings().timeoutMs,
    userAgent: `LitFeed/${version} (VS Code extension)`,
    log,
    ...(signal ? { signal } : {}),
  });
  const baseUrl = (raw: string, setting: string): string => {
    const check = checkBaseUrl(raw);
    if (!check.ok) throw new Error(vscode.l10n.t('the setting {0} is refused: {1}', setting, check.reason));
    return check.url;
  };
  const huggingFace = () => baseUrl(settings().huggingFaceBaseUrl, 'litfeed.sources.huggingFace.baseUrl');

  const library = new PaperLibrary(store, ['hf-daily', 'hf-search', 'arxiv'], log);
  library.add(user.savedPapers());
  library.add(feed.papers());

  const paperPanel = createPaperPanel(context, {
    cite: (paper) => vscode.commands.executeCommand('litfeed.cite', paper),
    copyBibtex: (paper) => vscode.commands.executeCommand('litfeed.copyBibtex', paper),
    toggleSaved: (paper) => user.toggleSaved(paper),
    isSaved: (paper) => user.isSaved(paper),
    findPaper: (id) => library.get(id),
    log,
  });
  const citer = new Citer(() => settings().citation, log);
  disposables.push(paperPanel, citer.trackEditors());

  const arxiv = new ArxivFeed({ store, gate: new Politeness(), log });
  const reloadArxiv = async () => {
    const snap = await arxiv.snapshot();
    library.add(snap.papers);
    const s = settings();
    arxivTree.update({
      categories: s.arxivCategories,
      papers: snap.papers.map((p) => library.get(p.id) ?? p),
      sort: s.sort,
      today: host.today(),
    });
    arxivView.description =
      snap.fetchedAt && s.arxivCategories.length > 0
        ? vscode.l10n.t('fetched {0}', ageLabel(snap.fetchedAt, new Date()))
        : undefined;
  };
  const refreshArxiv = async (quiet: boolean) => {
    const s = settings();
    if (s.arxivCategories.length === 0) {
      if (!quiet) vscode.commands.executeCommand('workbench.action.openSettings', 'litfeed.sources.arxiv.categories');
      return;
    }
    const outcome = await vscode.window.withProgress(
      {
        location: quiet ? { viewId: 'litfeed.arxiv' } : vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('LitFeed: fetching arXiv listings'),
        cancellable: !quiet,
      },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await arxiv.refresh({
            baseUrl: baseUrl(s.arxivBaseUrl, 'litfeed.sources.arxiv.baseUrl'),
            categories: s.arxivCategories,
            maxResults: s.arxivMaxResults,
            http: http(abort.signal),
          });
        } catch (err) {
          return { papers: 0, skipped: 0, errors: [errorMessage(err)] };
        } finally {
          sub.dispose();
        }
      },
    );
    await reloadArxiv();
    arxivView.message =
      outcome.errors.length > 0 ? vscode.l10n.t('Some listings failed: {0}', outcome.errors.join('; ')) : undefined;
    if (outcome.errors.length > 0 && !quiet) {
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: {0}', outcome.errors.join('; ')));
    }
  };

  const showWatched = async (papers: Paper[] = tree.watchedPapers()) => {
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
    if (pick) await app.openPaper(pick.paper);
  };

  const exportReadingList = async () => {
    const papers = user.savedPapers();
    if (papers.length === 0) {
      vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: the reading list is empty.'));
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'reading-list.bib') } : {}),
      filters: { BibTeX: ['bib'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return;
    const citation = settings().citation;
    const { text } = bibliographyText(papers, {
      keyStyle: citation.keyStyle,
      ascii: citation.ascii,
      ...(citation.keyTemplate ? { keyTemplate: citation.keyTemplate } : {}),
    });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    vscode.window.showInformationMessage(
      vscode.l10n.t('LitFeed: exported {0} papers to {1}.', papers.length, vscode.workspace.asRelativePath(target)),
    );
  };

  const app: App = {
    feed,
    tree,
    view,
    selection: host.selection,
    log,
    user,
    citer,
    today: host.today,
    openPaper: async (paper: Paper) => {
      paperPanel.show(library.get(paper.id) ?? paper);
      await user.markRead([paper]);
    },
    knownPapers: () => {
      const seen = new Set<string>();
      return [...feed.papers(), ...user.savedPapers(), ...arxivTree.allPapers()].filter(
        (p) => !seen.has(p.id) && seen.add(p.id),
      );
    },
    isSaved: (paper) => user.isSaved(paper),
    search: () =>
      showSearchPick({
        library,
        open: (paper) => app.openPaper(paper),
        cite: (paper) => vscode.commands.executeCommand('litfeed.cite', paper),
        toggleSaved: (paper) => user.toggleSaved(paper),
        isSaved: (paper) => user.isSaved(paper),
        searchRemote: async (query, signal) => {
          const { papers } = await searchHuggingFace({ baseUrl: huggingFace(), query, http: http(signal) });
          await cacheSearchResults(store, papers, host.today(), log);
          library.add(papers);
          return papers.map((p) => library.get(p.id) ?? p);
        },
      }),
    setFilter: (filter: FeedFilter | undefined) => {
      tree.setFilter(filter);
      vscode.commands.executeCommand('setContext', 'litfeed.filtered', filter !== undefined);
      feed.redraw();
    },
    refreshArxiv: () => refreshArxiv(false),
    exportReadingList,
    showWatched: () => showWatched(),
  };
  const completion = new CiteCompletionProvider(() => app.knownPapers(), citer);

  return {
    commands: commandHandlers(app),
    fetchRange: (range: FeedRange, signal?: AbortSignal) =>
      fetchDailyPapers({ baseUrl: huggingFace(), range, http: http(signal) }),
    restorePanel: (panel, state) => paperPanel.restore(panel, state),
    provideCompletionItems: (doc, position) => completion.provideCompletionItems(doc, position),
    reloadArxiv,
    refreshArxiv,
    showWatched,
    feedRefreshed: () => library.add(feed.papers()),
    userChanged: () => {
      paperPanel.refreshSaved();
      library.add(user.savedPapers());
    },
    settingsChanged: (before: Settings) => {
      reloadArxiv().catch((err) => log.error(`arXiv view: ${errorMessage(err)}`));
      if (settings().arxivCategories.join() !== before.arxivCategories.join()) refreshArxiv(true);
    },
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}

/** Search results are cached like feed papers (under today's day of the `hf-search` source). */
async function cacheSearchResults(
  store: FeedStore,
  papers: Paper[],
  day: string,
  log: vscode.LogOutputChannel,
): Promise<void> {
  if (papers.length === 0) return;
  try {
    const { day: old } = await store.readDay('hf-search', day);
    const byId = new Map((old?.papers ?? []).map((p) => [p.id, p]));
    for (const p of papers) byId.set(p.id, p);
    await store.writeDay({ source: 'hf-search', day, fetchedAt: new Date().toISOString(), papers: [...byId.values()] });
  } catch (err) {
    log.warn(`caching search results failed: ${errorMessage(err)}`);
  }
}
