import * as vscode from 'vscode';
import type { ReadingListSort } from '../core/tracking/readingList';
import { ArxivTreeProvider, type ArxivNode } from './arxiv/arxivTree';
import { FeedTreeProvider, type FeedNode, type PaperMarker } from './feed/feedTree';
import { ReadingListProvider, type ReadingNode } from './tracking/readingListView';
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
  readingSort: () => ReadingListSort,
  subscriptions: vscode.Disposable[],
): Views {
  const tree = new FeedTreeProvider(marker);
  const view = vscode.window.createTreeView('litfeed.feed', {
    treeDataProvider: tree,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const readingList = new ReadingListProvider(user, readingSort, marker);
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
  subscriptions.push(tree, view, readingList, readingView, arxivTree, arxivView);
  return { tree, view, readingList, readingView, arxivTree, arxivView };
}
