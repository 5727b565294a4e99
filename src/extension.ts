/**
 * Start-up: only what the first screen needs — the cache, the feed tree, the reading list,
 * read marks and the watch list — is in this bundle. Everything else (network, search,
 * citations, the paper panel, arXiv fetching, the commands' bodies) is `features.js`, loaded
 * on first use or once the first screen is out; see docs/performance.md for why and what it
 * saves. Commands, the completion provider and the panel serializer are registered here, so
 * VS Code finds them at once; their first call loads the rest.
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { FeedService } from './core/feed/feedService';
import type { Paper } from './core/paper';
import { parseDailyPapers } from './core/sources/huggingfaceParse';
import { FeedStore } from './core/feed/store';
import { todayIso } from './core/dates';
import { compileWatchList, type WatchMatcher } from './core/tracking/watchList';
import { ArxivTreeProvider, type ArxivNode } from './ui/arxivTree';
import { AutoRefresher } from './ui/autoRefresh';
import { COMPLETION_SELECTOR, citeLinePrefix } from './ui/citeContext';
import { COMMAND_NAMES, PAPER_VIEW_TYPE, type CommandName } from './ui/commandIds';
import { FeedController, type FeedState } from './ui/feedController';
import { FeedTreeProvider, type FeedNode, type PaperMarker } from './ui/feedTree';
import type { Features, Host } from './ui/host';
import { loadFeaturesModule } from './ui/loadFeatures';
import { ReadingListProvider, type ReadingNode } from './ui/readingListView';
import { SECTION, readSettings, type Settings } from './ui/settings';
import { FeedStatusBar } from './ui/statusBar';
import { UserState } from './ui/userState';
import { errorMessage } from './core/guards';

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

/** How long the rest waits for the feed view to be drawn when it is not on screen. */
const FIRST_SCREEN_WAIT_MS = 1000;

export async function activate(context: vscode.ExtensionContext): Promise<LitFeedApi> {
  const log = vscode.window.createOutputChannel('LitFeed', { log: true });
  context.subscriptions.push(log);
  let settings = readSettings();
  const user = new UserState(context, log);

  let features: Features | undefined;
  const lazy = (): Features => {
    if (!features) {
      features = loadFeaturesModule().createFeatures(host);
      context.subscriptions.push(features);
    }
    return features;
  };

  // Registered before the first await so VS Code finds the serializer when it restores a panel.
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PAPER_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => lazy().restorePanel(panel, state),
    }),
  );

  const storageDir = context.globalStorageUri.fsPath;
  const store = new FeedStore(storageDir, { log });
  const service = new FeedService({
    store,
    source: 'hf-daily',
    log,
    today: () => todayIso(),
    retentionDays: () => settings.retentionDays,
    fetchRange: (range, signal) => lazy().fetchRange(range, signal),
    loadSample: async () => {
      const file = vscode.Uri.joinPath(context.extensionUri, 'resources', 'sample-feed.json').fsPath;
      return parseDailyPapers(JSON.parse(await readFile(file, 'utf8')), { source: 'sample' }).papers;
    },
  });

  let watch: WatchMatcher = compileWatchList({ keywords: settings.watchKeywords, authors: settings.watchAuthors });
  const marker: PaperMarker = {
    watchMatch: (paper) => (watch.isEmpty ? undefined : watch.matchPaper(paper)),
    isRead: (paper) => user.isRead(paper),
    isSaved: (paper) => user.isSaved(paper),
  };

  const tree = new FeedTreeProvider(marker);
  const view = vscode.window.createTreeView<FeedNode>('litfeed.feed', {
    treeDataProvider: tree,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const feed = new FeedController(service, tree, view as vscode.TreeView<unknown>, settings, () => todayIso());
  const readingList = new ReadingListProvider(user, () => settings.readingListSort);
  const readingView = vscode.window.createTreeView('litfeed.readingList', {
    treeDataProvider: readingList,
    canSelectMany: true,
  });
  const arxivTree = new ArxivTreeProvider(marker);
  const arxivView = vscode.window.createTreeView('litfeed.arxiv', {
    treeDataProvider: arxivTree,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const statusBar = new FeedStatusBar();
  context.subscriptions.push(user, tree, view, feed, readingList, readingView, arxivTree, arxivView, statusBar);

  let lastSelection: readonly FeedNode[] = [];
  const host: Host = {
    context,
    log,
    settings: () => settings,
    today: () => todayIso(),
    store,
    user,
    marker,
    feed,
    tree,
    view,
    selection: () => {
      if (view.selection.length > 0) return view.selection;
      // Still shown: the same ids are in the redrawn tree.
      const shown = new Set(tree.visiblePapers().map((p) => p.id));
      return lastSelection.filter((n) => n.kind !== 'paper' || shown.has(n.paper.id));
    },
    arxivTree,
    arxivView,
  };

  const runCommand = async (name: CommandName, args: unknown[]) => {
    try {
      return await lazy().commands[name](...args);
    } catch (err) {
      const message = errorMessage(err);
      log.error(`command litfeed.${name} failed: ${err instanceof Error && err.stack ? err.stack : message}`);
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: {0} failed: {1}', name, message));
      return undefined;
    }
  };
  for (const name of COMMAND_NAMES) {
    context.subscriptions.push(
      vscode.commands.registerCommand(`litfeed.${name}`, (...args: unknown[]) => runCommand(name, args)),
    );
  }
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      COMPLETION_SELECTOR,
      {
        provideCompletionItems: async (doc, position) =>
          citeLinePrefix(doc, position) === undefined ? [] : lazy().provideCompletionItems(doc, position),
      },
      '{',
      ',',
      '@',
    ),
  );

  const updateCounts = () => {
    const shown = feed.state().source === 'sample' ? [] : tree.visiblePapers();
    const unread = shown.filter((p) => !user.isRead(p));
    statusBar.update(
      { unread: unread.length, watched: unread.filter((p) => marker.watchMatch(p)).length },
      settings.statusBar,
    );
    vscode.commands.executeCommand('setContext', 'litfeed.hasWatched', tree.watchedPapers().length > 0);
  };
  const arxivWanted = () => features !== undefined || settings.arxivCategories.length > 0;
  const refreshAll = async (quiet: boolean) => {
    await feed.refresh({ quiet });
    if (settings.arxivCategories.length > 0) await lazy().refreshArxiv(true);
  };
  const autoRefresh = new AutoRefresher(
    () => refreshAll(true),
    () => store.lastFetched('hf-daily'),
    log,
  );
  const notifyWatched = (papers: Paper[]) => {
    const matches = papers.filter((p) => marker.watchMatch(p) && !user.isRead(p));
    if (matches.length === 0 || !settings.notifyWatchMatches) return;
    const show = vscode.l10n.t('Show');
    const message =
      matches.length === 1
        ? vscode.l10n.t('LitFeed: 1 new paper matches your watch list: {0}', matches[0].title)
        : vscode.l10n.t('LitFeed: {0} new papers match your watch list.', matches.length);
    vscode.window
      .showInformationMessage(message, show)
      .then((choice) => (choice === show ? lazy().showWatched(matches) : undefined));
  };

  context.subscriptions.push(
    autoRefresh,
    tree.onDidChangeTreeData(updateCounts),
    view.onDidChangeSelection((e) => {
      if (e.selection.length > 0) lastSelection = e.selection;
    }),
    feed.onDidRefresh((event) => {
      autoRefresh.noteOutcome(event.ok, event.consecutiveFailures);
      if (!event.ok) return;
      features?.feedRefreshed();
      notifyWatched(event.newPapers);
    }),
    user.onDidChange(() => {
      tree.redraw();
      readingList.refresh();
      arxivTree.redraw();
      features?.userChanged();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      const before: Settings = settings;
      settings = readSettings();
      watch = compileWatchList({ keywords: settings.watchKeywords, authors: settings.watchAuthors });
      feed.applySettings(settings).catch((err) => log.error(`applying settings failed: ${errorMessage(err)}`));
      readingList.refresh();
      if (arxivWanted()) lazy().settingsChanged(before);
      if (settings.autoRefreshHours !== before.autoRefreshHours) {
        autoRefresh.start(settings.autoRefreshHours, { atStartup: false });
      }
    }),
  );

  // The first screen comes from the cache (or the sample). The rest — the arXiv view, the
  // cache's leftover temp files (a listing of every cached day), the network — waits until
  // VS Code has asked for the feed's rows, or a moment when the view is not on screen.
  await feed.reload();
  const afterFirstScreen = () => {
    if (arxivWanted()) {
      lazy()
        .reloadArxiv()
        .catch((err) => log.error(`arXiv view: ${errorMessage(err)}`));
    }
    store.cleanTemp().catch((err) => log.warn(`cleaning the cache's temp files failed: ${errorMessage(err)}`));
    const startup = settings.refreshOnStartup && feed.needsFetch() ? refreshAll(true) : Promise.resolve();
    startup
      .then(() => autoRefresh.start(settings.autoRefreshHours, { atStartup: settings.refreshOnStartup }))
      .catch((err) => log.error(`start-up refresh failed: ${errorMessage(err)}`));
  };
  let waited: ReturnType<typeof setTimeout> | undefined;
  const shown = new Promise<void>((resolve) => (waited = setTimeout(resolve, FIRST_SCREEN_WAIT_MS)));
  context.subscriptions.push({ dispose: () => clearTimeout(waited) });
  Promise.race([tree.firstShown, shown]).then(() => setTimeout(afterFirstScreen, 0));

  return {
    tree,
    readingList,
    arxiv: arxivTree,
    refresh: () => feed.refresh(),
    state: () => feed.state(),
    storageDir,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
