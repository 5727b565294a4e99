/**
 * What the start-up bundle (`extension.ts`: cache, feed tree, reading list, status bar) hands
 * the lazily loaded one (`features.ts`: network, search, citations, the paper panel, arXiv,
 * the commands' bodies). Only types cross this line at build time; the objects are shared at
 * run time, so both bundles see the same state.
 */
import type * as vscode from 'vscode';
import type { Paper } from '../core/paper';
import type { FeedStore } from '../core/feed/store';
import type { ArxivNode, ArxivTreeProvider } from './arxiv/arxivTree';
import type { CommandName, ViewId } from './commandIds';
import type { FeedController } from './feed/feedController';
import type { FeedNode, FeedTreeProvider } from './feed/feedTree';
import type { PaperMarks } from './feed/paperMarks';
import type { FetchedRange } from '../core/feed/feedService';
import type { FeedRange } from '../core/range';
import type { Settings } from './settings';
import type { TreeNode } from './treeNodes';
import type { ReadingListProvider, ReadingNode } from './tracking/readingListView';
import type { UserState } from './tracking/userState';

/** The start-up bundle's state; commands see it with what features.ts adds (`App` in commands.ts). */
export interface Host {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  /** The current settings (re-read on every change). */
  settings(): Settings;
  today(): string;
  store: FeedStore;
  user: UserState;
  /** The class rather than the PaperMarker it implements: features.ts hands it the citation index. */
  marker: PaperMarks;
  feed: FeedController;
  tree: FeedTreeProvider;
  view: vscode.TreeView<FeedNode>;
  /**
   * The rows selected in a view (with none named, the tree selected in last), as the user sees them: right
   * after a redraw (opening a paper marks it read) VS Code reports no selection until it has
   * fetched the tree again, so this waits until it has (ViewSelection).
   */
  selection(view?: ViewId): Promise<readonly TreeNode[]>;
  arxivTree: ArxivTreeProvider;
  readingList: ReadingListProvider;
  readingView: vscode.TreeView<ReadingNode>;
  arxivView: vscode.TreeView<ArxivNode>;
}

/** The live bibliography's providers and checks (src/ui/refs), reached from the start-up bundle's registrations. */
export interface CitationFeatures {
  provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined>;
  provideDefinition(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.LocationLink[]>;
  provideReferences(
    doc: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
  ): Promise<vscode.Location[]>;
  provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]>;
  /** Sets the document's citation diagnostics (or a .bib's). */
  check(doc: vscode.TextDocument): Promise<void>;
  /** Drops what is kept for a closed document. */
  forget(uri: vscode.Uri): void;
}

/** What the lazily loaded bundle gives back: everything not needed to draw the first screen. */
export interface Features extends vscode.Disposable {
  commands: Record<CommandName, (...args: unknown[]) => unknown>;
  /** The network half of FeedService: the Hugging Face daily papers of a range. */
  fetchRange(range: FeedRange, signal?: AbortSignal): Promise<FetchedRange>;
  /** VS Code restoring the paper panel after a reload. */
  restorePanel(panel: vscode.WebviewPanel, state: unknown): void;
  /** VS Code restoring a PDF tab after a reload. */
  restorePdf(panel: vscode.WebviewPanel, state: unknown): void;
  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]>;
  citations: CitationFeatures;
  /** Re-reads the cached arXiv listings into the arXiv view. */
  reloadArxiv(): Promise<void>;
  refreshArxiv(quiet: boolean): Promise<void>;
  showWatched(papers?: Paper[]): Promise<void>;
  /** After a successful feed refresh: the search index learns the new papers. */
  feedRefreshed(): void;
  /** After the reading list or read marks changed. */
  userChanged(): void;
  settingsChanged(before: Settings): void;
}

export interface FeaturesModule {
  createFeatures(host: Host): Features;
}
