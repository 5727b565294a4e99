import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import {
  ArxivFeed,
  FeedService,
  FeedStore,
  PaperLibrary,
  ageLabel,
  Politeness,
  bibliographyText,
  checkBaseUrl,
  compileWatchList,
  fetchDailyPapers,
  parseDailyPapers,
  searchHuggingFace,
  todayIso,
  type FeedFilter,
  type HttpOptions,
  type Paper,
  type WatchMatcher,
} from './core';
import { ArxivTreeProvider, type ArxivNode } from './ui/arxivTree';
import { AutoRefresher } from './ui/autoRefresh';
import { Citer } from './ui/citations';
import { COMPLETION_SELECTOR, CiteCompletionProvider } from './ui/citeCompletion';
import { registerCommands, type App } from './ui/commands';
import { FeedController, type FeedState } from './ui/feedController';
import { FeedTreeProvider, type FeedNode, type PaperMarker } from './ui/feedTree';
import { registerPaperPanel } from './ui/paperPanel';
import { ReadingListProvider, type ReadingNode } from './ui/readingListView';
import { showSearchPick } from './ui/searchPick';
import { SECTION, readSettings, type Settings } from './ui/settings';
import { FeedStatusBar } from './ui/statusBar';
import { UserState } from './ui/userState';

/** What activate() returns: used by the integration tests and open to other extensions. */
export interface LitFeedApi {
  tree: vscode.TreeDataProvider<FeedNode>;
  /** The Reading List view's provider. */
  readingList: vscode.TreeDataProvider<ReadingNode>;
  /** The arXiv view's provider. */
  arxiv: vscode.TreeDataProvider<ArxivNode>;
  refresh(): Promise<void>;
  state(): FeedState;
  storageDir: string;
}

export async function activate(context: vscode.ExtensionContext): Promise<LitFeedApi> {
  const log = vscode.window.createOutputChannel('LitFeed', { log: true });
  context.subscriptions.push(log);
  let settings = readSettings();
  const user = new UserState(context, log);
  // Registered before the first await so VS Code finds the serializer when it restores a panel.
  const paperPanel = registerPaperPanel(context, {
    cite: (paper) => vscode.commands.executeCommand('litfeed.cite', paper),
    copyBibtex: (paper) => vscode.commands.executeCommand('litfeed.copyBibtex', paper),
    toggleSaved: (paper) => user.toggleSaved(paper),
    isSaved: (paper) => user.isSaved(paper),
    findPaper: (id) => library.get(id),
    log,
  });

  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const http = (signal?: AbortSignal): HttpOptions => ({
    timeoutMs: settings.timeoutMs,
    userAgent: `LitFeed/${version} (VS Code extension)`,
    log,
    ...(signal ? { signal } : {}),
  });
  const baseUrl = (raw: string, setting: string): string => {
    const check = checkBaseUrl(raw);
    if (!check.ok) throw new Error(vscode.l10n.t('the setting {0} is refused: {1}', setting, check.reason));
    return check.url;
  };

  const storageDir = context.globalStorageUri.fsPath;
  // Temp files left by killed writers are cleaned after the first screen (below): that is a
  // listing of every cached day, and drawing the feed needs only the current range's files.
  const store = new FeedStore(storageDir, { log });
  const library = new PaperLibrary(store, ['hf-daily', 'hf-search', 'arxiv'], log);
  for (const saved of user.savedPapers()) library.add([saved]);

  const service = new FeedService({
    store,
    source: 'hf-daily',
    log,
    today: () => todayIso(),
    retentionDays: () => settings.retentionDays,
    fetchRange: (range, signal) =>
      fetchDailyPapers({ baseUrl: baseUrl(settings.huggingFaceBaseUrl, 'litfeed.sources.huggingFace.baseUrl'), range, http: http(signal) }),
    loadSample: async () => {
      const file = vscode.Uri.joinPath(context.extensionUri, 'resources', 'sample-feed.json').fsPath;
      return parseDailyPapers(JSON.parse(await readFile(file, 'utf8')), { source: 'sample' }).papers;
    },
  });
  const arxiv = new ArxivFeed({ store, gate: new Politeness(), log });

  let watch: WatchMatcher = compileWatchList({ keywords: settings.watchKeywords, authors: settings.watchAuthors });
  const marker: PaperMarker = {
    watchMatch: (paper) => (watch.isEmpty ? undefined : watch.matchPaper(paper)),
    isRead: (paper) => user.isRead(paper),
    isSaved: (paper) => user.isSaved(paper),
  };

  const tree = new FeedTreeProvider(marker);
  const view = vscode.window.createTreeView<FeedNode>('litfeed.feed', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const feed = new FeedController(service, tree, view as vscode.TreeView<unknown>, settings, () => todayIso());
  const readingList = new ReadingListProvider(user, () => settings.readingListSort);
  const readingView = vscode.window.createTreeView('litfeed.readingList', { treeDataProvider: readingList, canSelectMany: true });
  const arxivTree = new ArxivTreeProvider(marker);
  const arxivView = vscode.window.createTreeView('litfeed.arxiv', { treeDataProvider: arxivTree, showCollapseAll: true, canSelectMany: true });
  const citer = new Citer(() => settings.citation, log);
  const statusBar = new FeedStatusBar();
  context.subscriptions.push(user, tree, view, feed, readingList, readingView, arxivTree, arxivView, statusBar, citer.trackEditors());

  const updateCounts = () => {
    const shown = feed.state().source === 'sample' ? [] : tree.visiblePapers();
    const unread = shown.filter((p) => !user.isRead(p));
    statusBar.update({ unread: unread.length, watched: unread.filter((p) => marker.watchMatch(p)).length }, settings.statusBar);
    vscode.commands.executeCommand('setContext', 'litfeed.hasWatched', tree.watchedPapers().length > 0);
  };
  context.subscriptions.push(tree.onDidChangeTreeData(updateCounts));

  const reloadArxiv = async () => {
    const snap = await arxiv.snapshot();
    library.add(snap.papers);
    arxivTree.update({ categories: settings.arxivCategories, papers: snap.papers.map((p) => library.get(p.id) ?? p), sort: settings.sort, today: todayIso() });
    arxivView.description = snap.fetchedAt && settings.arxivCategories.length > 0 ? vscode.l10n.t('fetched {0}', ageLabel(snap.fetchedAt, new Date())) : undefined;
  };
  const refreshArxiv = async (quiet: boolean) => {
    if (settings.arxivCategories.length === 0) {
      if (!quiet) vscode.commands.executeCommand('workbench.action.openSettings', 'litfeed.sources.arxiv.categories');
      return;
    }
    const outcome = await vscode.window.withProgress(
      { location: quiet ? { viewId: 'litfeed.arxiv' } : vscode.ProgressLocation.Notification, title: vscode.l10n.t('LitFeed: fetching arXiv listings'), cancellable: !quiet },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await arxiv.refresh({
            baseUrl: baseUrl(settings.arxivBaseUrl, 'litfeed.sources.arxiv.baseUrl'),
            categories: settings.arxivCategories,
            maxResults: settings.arxivMaxResults,
            http: http(abort.signal),
          });
        } catch (err) {
          return { papers: 0, skipped: 0, errors: [err instanceof Error ? err.message : String(err)] };
        } finally {
          sub.dispose();
        }
      },
    );
    await reloadArxiv();
    arxivView.message = outcome.errors.length > 0 ? vscode.l10n.t('Some listings failed: {0}', outcome.errors.join('; ')) : undefined;
    if (outcome.errors.length > 0 && !quiet) vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: {0}', outcome.errors.join('; ')));
  };

  const refreshAll = async (quiet: boolean) => {
    await feed.refresh({ quiet });
    if (settings.arxivCategories.length > 0) await refreshArxiv(true);
  };
  const autoRefresh = new AutoRefresher(() => refreshAll(true), () => store.lastFetched('hf-daily'), log);
  context.subscriptions.push(autoRefresh);

  context.subscriptions.push(
    feed.onDidRefresh((event) => {
      autoRefresh.noteOutcome(event.ok, event.consecutiveFailures);
      if (!event.ok) return;
      library.add(feed.papers());
      const matches = event.newPapers.filter((p) => marker.watchMatch(p) && !user.isRead(p));
      if (matches.length > 0 && settings.notifyWatchMatches) {
        const show = vscode.l10n.t('Show');
        const message = matches.length === 1
          ? vscode.l10n.t('LitFeed: 1 new paper matches your watch list: {0}', matches[0].title)
          : vscode.l10n.t('LitFeed: {0} new papers match your watch list.', matches.length);
        vscode.window.showInformationMessage(message, show).then((choice) => (choice === show ? showWatched(matches) : undefined));
      }
    }),
    user.onDidChange(() => {
      tree.redraw();
      readingList.refresh();
      arxivTree.redraw();
      paperPanel.refreshSaved();
      library.add(user.savedPapers());
    }),
  );

  const showWatched = async (papers: Paper[] = tree.watchedPapers()) => {
    if (papers.length === 0) {
      vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: nothing shown matches your watch list.'));
      return;
    }
    const pick = await vscode.window.showQuickPick(
      papers.map((paper) => {
        const m = marker.watchMatch(paper);
        return { label: paper.title, description: [...(m?.keywords ?? []), ...(m?.authors ?? [])].join(', '), detail: paper.authors.slice(0, 4).join(', '), paper };
      }),
      { placeHolder: vscode.l10n.t('Papers matching your watch list') },
    );
    if (pick) await app.openPaper(pick.paper);
  };

  let lastSelection: readonly FeedNode[] = [];
  context.subscriptions.push(
    view.onDidChangeSelection((e) => {
      if (e.selection.length > 0) lastSelection = e.selection;
    }),
  );

  const app: App = {
    feed,
    tree,
    view,
    selection: () => {
      if (view.selection.length > 0) return view.selection;
      // Still shown: the same ids are in the redrawn tree.
      const shown = new Set(tree.visiblePapers().map((p) => p.id));
      return lastSelection.filter((n) => n.kind !== 'paper' || shown.has(n.paper.id));
    },
    log,
    user,
    citer,
    today: () => todayIso(),
    openPaper: async (paper: Paper) => {
      paperPanel.show(library.get(paper.id) ?? paper);
      await user.markRead([paper]);
    },
    knownPapers: () => {
      const seen = new Set<string>();
      return [...feed.papers(), ...user.savedPapers(), ...arxivTree.allPapers()].filter((p) => !seen.has(p.id) && seen.add(p.id));
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
          const { papers } = await searchHuggingFace({ baseUrl: baseUrl(settings.huggingFaceBaseUrl, 'litfeed.sources.huggingFace.baseUrl'), query, http: http(signal) });
          await cacheSearchResults(store, papers, log);
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
    exportReadingList: async () => {
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
      const { text } = bibliographyText(papers, {
        keyStyle: settings.citation.keyStyle,
        ascii: settings.citation.ascii,
        ...(settings.citation.keyTemplate ? { keyTemplate: settings.citation.keyTemplate } : {}),
      });
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: exported {0} papers to {1}.', papers.length, vscode.workspace.asRelativePath(target)));
    },
    showWatched: () => showWatched(),
  };
  registerCommands(app, context);
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(COMPLETION_SELECTOR, new CiteCompletionProvider(() => app.knownPapers(), citer), '{', ',', '@'),
  );

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      const before: Settings = settings;
      settings = readSettings();
      watch = compileWatchList({ keywords: settings.watchKeywords, authors: settings.watchAuthors });
      feed.applySettings(settings).catch((err) => log.error(`applying settings failed: ${String(err)}`));
      readingList.refresh();
      reloadArxiv().catch((err) => log.error(`arXiv view: ${String(err)}`));
      if (settings.autoRefreshHours !== before.autoRefreshHours) autoRefresh.start(settings.autoRefreshHours, { atStartup: false });
      if (settings.arxivCategories.join() !== before.arxivCategories.join()) refreshArxiv(true);
    }),
  );

  // The first screen comes from the cache (or the sample); the network is asked afterwards.
  await feed.reload();
  reloadArxiv().catch((err) => log.error(`arXiv view: ${String(err)}`));
  store.cleanTemp().catch((err) => log.warn(`cleaning the cache's temp files failed: ${String(err)}`));
  const startup = settings.refreshOnStartup && feed.needsFetch() ? refreshAll(true) : Promise.resolve();
  startup
    .then(() => autoRefresh.start(settings.autoRefreshHours, { atStartup: settings.refreshOnStartup }))
    .catch((err) => log.error(`start-up refresh failed: ${String(err)}`));

  return {
    tree,
    readingList,
    arxiv: arxivTree,
    refresh: () => feed.refresh(),
    state: () => feed.state(),
    storageDir,
  };
}

/** Search results are cached like feed papers (under today's day of the `hf-search` source). */
async function cacheSearchResults(store: FeedStore, papers: Paper[], log: vscode.LogOutputChannel): Promise<void> {
  if (papers.length === 0) return;
  const day = todayIso();
  try {
    const { day: old } = await store.readDay('hf-search', day);
    const byId = new Map((old?.papers ?? []).map((p) => [p.id, p]));
    for (const p of papers) byId.set(p.id, p);
    await store.writeDay({ source: 'hf-search', day, fetchedAt: new Date().toISOString(), papers: [...byId.values()] });
  } catch (err) {
    log.warn(`caching search results failed: ${String(err)}`);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
