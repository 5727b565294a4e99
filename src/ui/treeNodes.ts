/**
 * The rows of LitFeed's three trees, as commands receive them: VS Code passes the clicked row
 * (and the multi-selection) back as the node object the view's provider made.
 */
import type { Paper } from '../core/paper';
import { isRecord } from '../core/guards';
import type { ArxivNode } from './arxiv/arxivTree';
import type { ViewId } from './commandIds';
import type { FeedNode } from './feed/feedTree';
import type { ReadingNode } from './tracking/readingListView';

export type TreeNode = FeedNode | ReadingNode | ArxivNode;

/**
 * The field each kind of row carries its papers in. Typed by kind, so a new kind of row does not
 * compile until it is named here (and in `nodePapers`).
 */
const CARRIER: Record<TreeNode['kind'], string> = {
  paper: 'paper',
  saved: 'entry',
  tag: 'entries',
  day: 'group',
  watched: 'papers',
  category: 'papers',
};

/** `value` as one of our rows, or undefined for anything else (a Paper, a Uri, another extension's node). */
export function asTreeNode(value: unknown): TreeNode | undefined {
  if (!isRecord(value) || typeof value.kind !== 'string' || !Object.hasOwn(CARRIER, value.kind)) return undefined;
  const carried = value[CARRIER[value.kind as TreeNode['kind']]];
  return typeof carried === 'object' && carried !== null ? (value as TreeNode) : undefined;
}

/**
 * The papers a row stands for: a paper row (feed, arXiv or reading list) is its paper; a group
 * (a day, the watched papers of a day, an arXiv category) is every paper it shows.
 */
export function nodePapers(node: TreeNode): Paper[] {
  switch (node.kind) {
    case 'paper':
      return [node.paper];
    case 'saved':
      return [node.entry.paper];
    case 'tag':
      return node.entries.map((e) => e.paper);
    case 'day':
      return node.group.papers;
    case 'watched':
    case 'category':
      return node.papers;
    default: {
      const never: never = node;
      return never;
    }
  }
}

/** The papers of every row among `values` that is one of ours, each paper once, in order. */
export function papersOfNodes(values: readonly unknown[]): Paper[] {
  const seen = new Set<string>();
  const papers: Paper[] = [];
  for (const value of values) {
    const node = asTreeNode(value);
    for (const paper of node ? nodePapers(node) : []) {
      if (!seen.has(paper.id)) papers.push(paper);
      seen.add(paper.id);
    }
  }
  return papers;
}

/** The view a row is from: the Reading List's rows are `saved`, the arXiv view's name their category. */
export function viewOfNode(node: TreeNode): ViewId {
  if (node.kind === 'saved') return 'litfeed.readingList';
  return 'category' in node ? 'litfeed.arxiv' : 'litfeed.feed';
}
