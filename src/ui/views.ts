import * as vscode from 'vscode';
import { ArxivTreeProvider, type ArxivNode } from './arxiv/arxivTree';
import { FeedTreeProvider, type FeedNode, type PaperMarker } from './feed/feedTree';
import { ReadingListProvider, type ReadingListLayout, type ReadingNode } from './tracking/readingListView';
import type { UserState } from './tracking/userState';

/** LitFeed's three trees and their views: the daily feed, the reading list, the arXiv listings. */
export interface Views {
  tree: FeedTreeProvider;
  view: vscode.TreeView<FeedNode>;
  readingList: ReadingListProvider;
  readingView: vscode.TreeView<ReadingNode>;
  arxivTree: ArxivTreeProvider;
  arxivView: vscode.TreeView<ArxivNode>;
}

/** Creates the trees and their views (all multi-select, so commands act on several rows). */
export function createViews(
  marker: PaperMarker,
  user: UserState,
  readingLayout: () => ReadingListLayout,
  subscriptions: vscode.Disposable[],
): Views {
  const tree = new FeedTreeProvider(marker);
  const view = vscode.window.createTreeView('litfeed.feed', {
    treeDataProvider: tree,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const readingList = new ReadingListProvider(user, readingLayout, marker);
  const readingView = vscode.window.createTreeView('litfeed.readingList', {
    treeDataProvider: readingList,
    showCollapseAll: true,
    canSelectMany: true,
  });
  readingList.view = readingView;
  const arxivTree = new ArxivTreeProvider(marker);
  const arxivView = vscode.window.createTreeView('litfeed.arxiv', {
    treeDataProvider: arxivTree,
    showCollapseAll: true,
    canSelectMany: true,
  });
  subscriptions.push(
    tree,
    view,
    readingList,
    readingView,
    arxivTree,
    arxivView,
    // A collapsed row's children are not asked for again after a redraw.
    view.onDidCollapseElement((e) => tree.refetch.collapsed(e.element)),
    readingView.onDidCollapseElement((e) => readingList.refetch.collapsed(e.element)),
    arxivView.onDidCollapseElement((e) => arxivTree.refetch.collapsed(e.element)),
  );
  return { tree, view, readingList, readingView, arxivTree, arxivView };
}
