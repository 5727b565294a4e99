import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import {
  FeedService,
  FeedStore,
  checkBaseUrl,
  fetchDailyPapers,
  parseDailyPapers,
  todayIso,
  type Paper,
} from './core';
import { Citer } from './ui/citations';
import { COMPLETION_SELECTOR, CiteCompletionProvider } from './ui/citeCompletion';
import { registerCommands, type App } from './ui/commands';
import { FeedController, type FeedState } from './ui/feedController';
import { FeedTreeProvider, type FeedNode } from './ui/feedTree';
import { registerPaperPanel } from './ui/paperPanel';
import { SECTION, readSettings } from './ui/settings';

/** What activate() returns: used by the integration tests and open to other extensions. */
export interface LitFeedApi {
  tree: vscode.TreeDataProvider<FeedNode>;
  refresh(): Promise<void>;
  state(): FeedState;
  storageDir: string;
}

export async function activate(context: vscode.ExtensionContext): Promise<LitFeedApi> {
  const log = vscode.window.createOutputChannel('LitFeed', { log: true });
  context.subscriptions.push(log);
  // Registered before the first await so VS Code finds the serializer when it restores a panel.
  const paperPanel = registerPaperPanel(context, {
    cite: (paper) => vscode.commands.executeCommand('litfeed.cite', paper),
    copyBibtex: (paper) => vscode.commands.executeCommand('litfeed.copyBibtex', paper),
    toggleSaved: (paper) => vscode.commands.executeCommand('litfeed.toggleSaved', paper),
    isSaved: (paper) => app.isSaved(paper),
    findPaper: (id) => feed.papers().find((p) => p.id === id),
    log,
  });
  let settings = readSettings();
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const storageDir = context.globalStorageUri.fsPath;
  const store = await FeedStore.open(storageDir, { log });

  const service = new FeedService({
    store,
    source: 'hf-daily',
    log,
    today: () => todayIso(),
    retentionDays: () => settings.retentionDays,
    fetchRange: async (range, signal) => {
      const base = checkBaseUrl(settings.huggingFaceBaseUrl);
      if (!base.ok) throw new Error(vscode.l10n.t('the setting litfeed.sources.huggingFace.baseUrl is refused: {0}', base.reason));
      return fetchDailyPapers({
        baseUrl: base.url,
        range,
        http: { timeoutMs: settings.timeoutMs, signal, userAgent: `LitFeed/${version} (VS Code extension)`, log },
      });
    },
    loadSample: async () => {
      const file = vscode.Uri.joinPath(context.extensionUri, 'resources', 'sample-feed.json').fsPath;
      return parseDailyPapers(JSON.parse(await readFile(file, 'utf8')), { source: 'sample' }).papers;
    },
  });

  const tree = new FeedTreeProvider();
  const view = vscode.window.createTreeView<FeedNode>('litfeed.feed', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const feed = new FeedController(service, tree, view as vscode.TreeView<unknown>, settings, () => todayIso());
  const citer = new Citer(() => settings.citation, log);
  context.subscriptions.push(tree, view, feed, citer.trackEditors());

  const app: App = {
    feed,
    tree,
    view,
    log,
    today: () => todayIso(),
    openPaper: async (paper: Paper) => paperPanel.show(paper),
    citer,
    knownPapers: () => [...feed.papers()],
    isSaved: () => false,
  };
  registerCommands(app, context);
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      COMPLETION_SELECTOR,
      new CiteCompletionProvider(() => app.knownPapers(), citer),
      '{',
      ',',
      '@',
    ),
  );

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      settings = readSettings();
      feed.applySettings(settings).catch((err) => log.error(`applying settings failed: ${String(err)}`));
    }),
  );

  // The first screen comes from the cache (or the sample); the network is asked afterwards.
  await feed.reload();
  if (settings.refreshOnStartup && feed.needsFetch()) {
    feed.refresh({ quiet: true }).catch((err) => log.error(`start-up refresh failed: ${String(err)}`));
  }

  return {
    tree,
    refresh: () => feed.refresh(),
    state: () => feed.state(),
    storageDir,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
