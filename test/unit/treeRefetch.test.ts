/**
 * A redrawn tree's rows, as VS Code learns them again: TreeRefetch follows which rows it has
 * open and asks for again; ViewSelection waits for that before reading the selection, so a
 * command run on a row during a redraw acts on that row instead of asking which papers. The
 * trees report their fetches (stand-in vscode).
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type * as vscode from 'vscode';
import type { Paper } from '../../src/core/paper';
import type * as ArxivTreeModule from '../../src/ui/arxiv/arxivTree';
import type * as FeedTreeModule from '../../src/ui/feed/feedTree';
import { TreeRefetch } from '../../src/ui/treeRefetch';
import type { TreeNode } from '../../src/ui/treeNodes';
import { selectedRows, ViewSelection, type Selections } from '../../src/ui/viewSelection';
import { arxivPaper } from '../helpers/paper';
import { installTreeVscode } from './helpers/treeApi';

interface Row {
  key?: string;
  rows?: Row[];
}

const row = (key: string, rows: Row[] = []): Row => ({ key, rows });
const leaf = (): Row => ({});

/** Asks for the children of `node` the way VS Code does after a redraw. */
function fetch(refetch: TreeRefetch<Row>, node: Row | undefined, top: Row[]): Row[] {
  return refetch.fetched(node, node ? (node.rows ?? []) : top);
}

/** Lets the waiters TreeRefetch wakes on a later turn run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TreeRefetch: when VS Code knows a redrawn tree again', () => {
  const refetch = () => new TreeRefetch<Row>((r) => r.key);

  it('is settled until a redraw, and again once every open row was asked for', () => {
    const t = refetch();
    const a = row('a', [leaf()]);
    const b = row('b', [leaf()]);
    assert.equal(t.settled, true, 'nothing asked for yet: nothing to wait for');
    t.redrawn();
    assert.equal(t.settled, true, 'a tree never shown has no rows to forget');
    fetch(t, undefined, [a, b]);
    fetch(t, a, []);
    fetch(t, b, []);
    t.redrawn();
    assert.equal(t.settled, false);
    fetch(t, undefined, [a, b]);
    fetch(t, a, []);
    assert.equal(t.settled, false, 'b is open and not asked for yet');
    fetch(t, b, []);
    assert.equal(t.settled, true);
  });

  it('does not wait for a row the redraw took away, nor for the rows under it', () => {
    const t = refetch();
    const inner = row('inner', [leaf()]);
    const a = row('a', [inner]);
    const b = row('b', [leaf()]);
    fetch(t, undefined, [a, b]);
    fetch(t, a, []);
    fetch(t, inner, []);
    fetch(t, b, []);
    t.redrawn();
    fetch(t, undefined, [b]);
    assert.equal(t.settled, false, 'b is still there and open');
    fetch(t, b, []);
    assert.equal(t.settled, true, 'a and the row inside it are gone');
  });

  it('does not wait for a collapsed row, nor for the open rows inside it, until it is expanded again', () => {
    const t = refetch();
    const inner = row('inner', [leaf()]);
    const a = row('a', [inner]);
    fetch(t, undefined, [a]);
    fetch(t, a, [inner]);
    fetch(t, inner, []);
    t.collapsed(a);
    t.redrawn();
    fetch(t, undefined, [a]);
    assert.equal(t.settled, true);
    fetch(t, a, [inner]);
    t.redrawn();
    fetch(t, undefined, [a]);
    assert.equal(t.settled, false, 'expanded again: a is open');
  });

  it('wakes a waiter on a later turn, after VS Code has taken the rows in', async () => {
    const t = refetch();
    const a = row('a', [leaf()]);
    fetch(t, undefined, [a]);
    fetch(t, a, []);
    t.redrawn();
    let woke = false;
    const waiting = t.whenSettled().then(() => (woke = true));
    fetch(t, undefined, [a]);
    await turn();
    assert.equal(woke, false, 'a is still to be asked for');
    fetch(t, a, []);
    // VS Code takes the rows in over a few promise steps after getChildren returns.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    assert.equal(woke, false, 'not in the same turn as the fetch');
    await waiting;
    assert.equal(woke, true);
  });
});

/** The part of a TreeView ViewSelection reads; `selection` as the extension host reports it. */
function fakeView(papers: Paper[]) {
  const rows = papers.map((paper): TreeNode => ({ kind: 'paper', paper, parent: 'day' }));
  let listener: ((e: { selection: readonly TreeNode[] }) => void) | undefined;
  const view = {
    selection: [] as readonly TreeNode[],
    visible: true,
    onDidChangeSelection: (l: (e: { selection: readonly TreeNode[] }) => void) => {
      listener = l;
      return { dispose: () => undefined };
    },
  };
  return { view, rows, select: (selection: readonly TreeNode[]) => listener?.({ selection }) };
}

describe('ViewSelection: the selected rows of a tree being redrawn', () => {
  const a = arxivPaper('2611.00001');
  const b = arxivPaper('2611.00002');
  const day = row('day', [leaf()]);

  function setUp() {
    const t = new TreeRefetch<Row>((r) => r.key);
    fetch(t, undefined, [day]);
    fetch(t, day, []);
    const { view, rows, select } = fakeView([a, b]);
    const selection = new ViewSelection(view as unknown as vscode.TreeView<TreeNode>, t, () => [a, b]);
    return { t, view, rows, select, selection };
  }

  it('waits for the redrawn rows and reads the selection VS Code then reports', async () => {
    const { t, view, rows, select, selection } = setUp();
    // The click's selection arrived while the rows were unknown: the host reported none.
    t.redrawn();
    select([]);
    const reading = selection.current();
    fetch(t, undefined, [day]);
    view.selection = [rows[1]];
    fetch(t, day, []);
    assert.deepEqual(
      (await reading).map((n) => n.kind === 'paper' && n.paper.id),
      ['2611.00002'],
    );
  });

  it('answers at once from a settled tree, and keeps the last selection while its papers are shown', async () => {
    const { rows, select, selection } = setUp();
    select([rows[0]]);
    assert.deepEqual(
      (await selection.current()).map((n) => n.kind === 'paper' && n.paper.id),
      ['2611.00001'],
    );
  });

  it('does not wait on a hidden view, which VS Code asks for its rows only when it shows', async () => {
    const { t, view, rows, select, selection } = setUp();
    select([rows[0]]);
    t.redrawn();
    view.visible = false;
    assert.equal(t.settled, false);
    assert.deepEqual(
      (await selection.current()).map((n) => n.kind === 'paper' && n.paper.id),
      ['2611.00001'],
    );
  });
});

describe('selectedRows: which tree a command without a row reads', () => {
  const a = arxivPaper('2611.00001');
  const b = arxivPaper('2611.00002');

  function setUp() {
    const t = new TreeRefetch<Row>((r) => r.key);
    fetch(t, undefined, []);
    const views = { feed: fakeView([a]), reading: fakeView([b]), arxiv: fakeView([a]) };
    const make = (v: ReturnType<typeof fakeView>, papers: Paper[]) =>
      new ViewSelection(v.view as unknown as vscode.TreeView<TreeNode>, t, () => papers);
    const selections: Selections = {
      'litfeed.feed': make(views.feed, [a]),
      'litfeed.readingList': make(views.reading, [b]),
      'litfeed.arxiv': make(views.arxiv, [a]),
    };
    return { views, selections };
  }
  const ids = (rows: readonly TreeNode[]) => rows.map((n) => n.kind === 'paper' && n.paper.id);

  it('reads the tree selected in last, not always the feed', async () => {
    const { views, selections } = setUp();
    views.feed.view.selection = [views.feed.rows[0]];
    views.feed.select(views.feed.view.selection);
    views.reading.view.selection = [views.reading.rows[0]];
    views.reading.select(views.reading.view.selection);
    assert.deepEqual(ids(await selectedRows(selections)), ['2611.00002']);
    views.feed.select(views.feed.view.selection);
    assert.deepEqual(ids(await selectedRows(selections)), ['2611.00001'], 'the feed chosen in again');
  });

  it('reads the feed before any selection, and the named view when there is one', async () => {
    const { views, selections } = setUp();
    views.feed.view.selection = [views.feed.rows[0]];
    views.reading.view.selection = [views.reading.rows[0]];
    assert.deepEqual(ids(await selectedRows(selections)), ['2611.00001']);
    views.feed.select(views.feed.view.selection);
    assert.deepEqual(ids(await selectedRows(selections, 'litfeed.readingList')), ['2611.00002']);
  });
});

describe('the trees report what VS Code asks them for (stand-in vscode)', () => {
  let restore: () => void;
  let feedTree: typeof FeedTreeModule;
  let arxivTree: typeof ArxivTreeModule;
  const today = '2026-11-30';
  const papers = [
    arxivPaper('2611.00001', { feedDay: today, categories: ['cs.LG'] }),
    arxivPaper('2611.00002', { feedDay: '2026-11-29', categories: ['cs.LG'] }),
  ];
  const marker = { watchMatch: () => undefined, isRead: () => false, isSaved: () => false };

  before(() => {
    restore = installTreeVscode();
    const load = createRequire(__filename);
    feedTree = load('../../src/ui/feed/feedTree') as typeof FeedTreeModule;
    arxivTree = load('../../src/ui/arxiv/arxivTree') as typeof ArxivTreeModule;
  });
  after(() => restore());

  it('the feed: a redraw waits for the top and each day VS Code had open', () => {
    const tree = new feedTree.FeedTreeProvider(marker);
    tree.update({ papers, sort: 'upvotes', today, sample: false });
    const days = tree.getChildren();
    days.forEach((d) => tree.getChildren(d));
    assert.equal(tree.refetch.settled, true);
    tree.redraw();
    assert.equal(tree.refetch.settled, false);
    const again = tree.getChildren();
    assert.equal(tree.refetch.settled, false, 'the days are still to be asked for');
    again.forEach((d) => tree.getChildren(d));
    assert.equal(tree.refetch.settled, true);
  });

  it('the arXiv view: categories and the days opened in them', () => {
    const tree = new arxivTree.ArxivTreeProvider(marker);
    tree.update({ categories: ['cs.LG'], papers, sort: 'date', today });
    const [category] = tree.getChildren();
    const [firstDay] = tree.getChildren(category);
    tree.getChildren(firstDay);
    tree.redraw();
    const [categoryAgain] = tree.getChildren();
    const [dayAgain] = tree.getChildren(categoryAgain);
    assert.equal(tree.refetch.settled, false, 'the day that was open is still to be asked for');
    tree.getChildren(dayAgain);
    assert.equal(tree.refetch.settled, true);
  });
});
