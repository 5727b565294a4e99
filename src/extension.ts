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
import { todayIso } from './core/dates';
import { FeedService } from './core/feed/feedService';
import { FeedStore } from './core/feed/store';
import { errorMessage } from './core/guards';
import { parseDailyPapers } from './core/sources/huggingfaceParse';
import type { ArxivNode } from './ui/arxiv/arxivTree';
import { BackgroundWork } from './ui/feed/backgroundWork';
import { FeedController, type FeedState } from './ui/feed/feedController';
import type { FeedNode } from './ui/feed/feedTree';
import type { Host } from './ui/host';
import { registerLazyEntries } from './ui/lazyEntries';
import { CitationCheckTriggers } from './ui/refs/checkTriggers';
import { LazyFeatures } from './ui/loadFeatures';
import { PaperMarks } from './ui/feed/paperMarks';
import type { ReadingNode } from './ui/tracking/readingListView';
import { SECTION, readSettings } from './ui/settings';
import { FeedStatusBar } from './ui/feed/statusBar';
import { UserState } from './ui/tracking/userState';
import { createViews } from './ui/views';
import { selectedRows, ViewSelection, type Selections } from './ui/viewSelection';
import { offerWalkthroughOnce, walkthroughsAllowed } from './ui/walkthrough';

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
  /**
   * Offers the walkthrough as the first start does: opens it unless it was offered before
   * (or VS Code's settings say no walkthroughs or no start-up editor); resolves to whether it opened it.
   */
  offerWalkthrough(): Promise<boolean>;
}

export async function activate(context: vscode.ExtensionContext): Promise<LitFeedApi> {
  const log = vscode.window.createOutputChannel('LitFeed', { log: true });
  context.subscriptions.push(log);
  let settings = readSettings();
  const user = new UserState(context, log);
  const features = new LazyFeatures(() => host, context.subscriptions);
  // Before the first await, so VS Code finds the serializer when it restores a panel.
  registerLazyEntries(context, log, () => features.get());
  context.subscriptions.push(
    new CitationCheckTriggers(
      (doc) => features.get().citations.check(doc),
      (uri) => features.loaded?.citations.forget(uri),
    ),
  );

  const storageDir = context.globalStorageUri.fsPath;
  const store = new FeedStore(storageDir, { log });
  const sampleFile = vscode.Uri.joinPath(context.extensionUri, 'resources', 'sample-feed.json').fsPath;
  const service = new FeedService({
    store,
    source: 'hf-daily',
    log,
    today: () => todayIso(),
    retentionDays: () => settings.retentionDays,
    fetchRange: (range, signal) => features.get().fetchRange(range, signal),
    loadSample: async () =>
      parseDailyPapers(JSON.parse(await readFile(sampleFile, 'utf8')), { source: 'sample' }).papers,
  });

  const marker = new PaperMarks(user, settings);
  const views = createViews(
    marker,
    user,
    () => ({ sort: settings.readingListSort, groupByTag: settings.readingListGroupByTag }),
    context.subscriptions,
  );
  const { tree, view, readingList, arxivTree } = views;
  const feed = new FeedController(service, tree, view as vscode.TreeView<unknown>, settings, () => todayIso());
  const selections: Selections = {
    'litfeed.feed': new ViewSelection(view, tree.refetch, () => tree.visiblePapers()),
    'litfeed.readingList': new ViewSelection(views.readingView, readingList.refetch, () => user.savedPapers()),
    'litfeed.arxiv': new ViewSelection(views.arxivView, arxivTree.refetch, () => arxivTree.allPapers()),
  };
  const statusBar = new FeedStatusBar(feed, tree, marker, () => settings.statusBar);
  context.subscriptions.push(user, feed, statusBar, ...Object.values(selections));

  const host: Host = {
    ...views,
    context,
    log,
    settings: () => settings,
    today: () => todayIso(),
    store,
    user,
    marker,
    feed,
    selection: (viewId) => selectedRows(selections, viewId),
  };
  const background = new BackgroundWork(host, features);
  context.subscriptions.push(
    background,
    feed.onDidRefresh((event) => background.refreshed(event)),
    user.onDidChange(() => {
      tree.redraw();
      readingList.refresh();
      arxivTree.redraw();
      features.loaded?.userChanged();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      const before = settings;
      settings = readSettings();
      marker.setWatchList(settings);
      feed.applySettings(settings).catch((err) => log.error(`applying settings failed: ${errorMessage(err)}`));
      readingList.refresh();
      background.settingsChanged(before);
    }),
  );

  const offerWalkthrough = () =>
    offerWalkthroughOnce({
      state: context.globalState,
      allowed: () => walkthroughsAllowed(vscode.workspace.getConfiguration()),
      open: (id) => vscode.commands.executeCommand('workbench.action.openWalkthrough', id, false),
    });

  await feed.reload();
  background.startAfterFirstScreen(tree.firstShown);
  // After the feed is drawn, so the walkthrough opens beside it rather than before it.
  void tree.firstShown
    .then(offerWalkthrough)
    .catch((err) => log.warn(`opening the walkthrough failed: ${errorMessage(err)}`));
  return {
    tree,
    readingList,
    arxiv: arxivTree,
    refresh: () => feed.refresh(),
    state: () => feed.state(),
    storageDir,
    offerWalkthrough,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
