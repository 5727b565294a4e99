/**
 * The "For you" order in the trees, against a stand-in `vscode` module: ranked by the model
 * once it is trained, watch-list matches first until then, the reason in each row's tooltip,
 * and the views' message while the order falls back.
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Paper } from '../../src/core/paper';
import type * as ArxivTreeModule from '../../src/ui/arxiv/arxivTree';
import type * as FeedTreeModule from '../../src/ui/feed/feedTree';
import type * as NoteModule from '../../src/ui/feed/forYouNote';
import { PaperMarks, type Ranking } from '../../src/ui/feed/paperMarks';
import { arxivPaper } from '../helpers/paper';
import { installTreeVscode } from './helpers/treeApi';

const day = '2026-11-30';
const loud = arxivPaper('2611.00001', { title: 'Loud paper', upvotes: 90, feedDay: day, categories: ['cs.LG'] });
const quiet = arxivPaper('2611.00002', { title: 'Quiet robot paper', upvotes: 2, feedDay: day, categories: ['cs.LG'] });
const watched = arxivPaper('2611.00003', { title: 'Watched paper', upvotes: 5, feedDay: day, categories: ['cs.LG'] });
const papers = [loud, quiet, watched];

function ranking(trained: boolean, kept = 3): Ranking {
  return {
    trained: () => trained,
    kept: () => kept,
    score: (p) => (p === quiet ? 2 : p === loud ? -1 : 0),
    reason: (p) =>
      p === quiet ? { like: 'Grasping with $\\alpha$ robots', words: ['robot', 'grasp policy'] } : undefined,
  };
}

describe('For you: the order in the trees (stand-in vscode)', () => {
  let restore: () => void;
  let feedTree: typeof FeedTreeModule;
  let arxivTree: typeof ArxivTreeModule;
  let note: typeof NoteModule;

  before(() => {
    restore = installTreeVscode();
    const load = createRequire(__filename);
    feedTree = load('../../src/ui/feed/feedTree') as typeof FeedTreeModule;
    arxivTree = load('../../src/ui/arxiv/arxivTree') as typeof ArxivTreeModule;
    note = load('../../src/ui/feed/forYouNote') as typeof NoteModule;
  });

  after(() => restore());

  const marks = (r?: Ranking) => {
    const m = new PaperMarks(
      { isRead: () => true, isSaved: () => false } as never,
      {
        watchKeywords: ['watched'],
        watchAuthors: [],
      } as never,
    );
    if (r) m.setRanking(r);
    return m;
  };
  const feedOrder = (m: PaperMarks, sort: 'forYou' | 'upvotes') => {
    const tree = new feedTree.FeedTreeProvider(m);
    tree.update({ papers, sort, today: day, sample: false });
    return tree;
  };
  const titles = (list: readonly Paper[]) => list.map((p) => p.title);

  it('ranks by the model once it is trained, in the feed and in the arXiv view', () => {
    const m = marks(ranking(true));
    // The feed lists watch-list matches in their own group first, as in every order.
    assert.deepEqual(titles(feedOrder(m, 'forYou').visiblePapers()), [
      'Watched paper',
      'Quiet robot paper',
      'Loud paper',
    ]);
    assert.deepEqual(titles(feedOrder(m, 'upvotes').visiblePapers()), [
      'Watched paper',
      'Loud paper',
      'Quiet robot paper',
    ]);
    const arxiv = new arxivTree.ArxivTreeProvider(m);
    arxiv.update({ categories: ['cs.LG'], papers, sort: 'forYou', today: day });
    const [category] = arxiv.getChildren();
    const [dayNode] = arxiv.getChildren(category);
    const rows = arxiv.getChildren(dayNode).map((n) => (n.kind === 'paper' ? n.paper.title : ''));
    assert.deepEqual(rows, ['Quiet robot paper', 'Watched paper', 'Loud paper']);
  });

  it('falls back to watch-list matches, then upvotes, until it is trained', () => {
    for (const m of [marks(ranking(false)), marks()]) {
      const arxiv = new arxivTree.ArxivTreeProvider(m);
      arxiv.update({ categories: ['cs.LG'], papers, sort: 'forYou', today: day });
      const [category] = arxiv.getChildren();
      const [dayNode] = arxiv.getChildren(category);
      const rows = arxiv.getChildren(dayNode).map((n) => (n.kind === 'paper' ? n.paper.title : ''));
      assert.deepEqual(rows, ['Watched paper', 'Loud paper', 'Quiet robot paper']);
    }
  });

  it('a model that throws ranks as untrained instead of breaking the tree', () => {
    const broken = ranking(true);
    broken.score = () => {
      throw new Error('bad model');
    };
    assert.equal(marks(broken).rank(loud), 0);
    assert.equal(marks(broken).rank(watched), 1);
  });

  it('names the reason in the tooltip, in the For you order only, math as text', () => {
    const m = marks(ranking(true));
    const node = { kind: 'paper' as const, paper: quiet, parent: day };
    const tip = (sort: 'forYou' | 'upvotes') => {
      const tree = feedOrder(m, sort);
      const item = tree.resolveTreeItem(tree.getTreeItem(node), node) as unknown as { tooltip: { value: string } };
      return item.tooltip.value;
    };
    assert.match(
      tip('forYou'),
      /\$\(sparkle\) For you, like: \*Grasping with α robots\* · words: robot, grasp policy\n/,
    );
    assert.doesNotMatch(tip('upvotes'), /For you/);
  });

  it('the views say what the order needs while it falls back, and nothing otherwise', () => {
    assert.equal(
      note.forYouNote('forYou', { trained: false, kept: 3 }),
      'For you learns from the papers you save, cite or take notes on: 3 of 5 so far. Until then, watch-list matches come first, then the most upvoted.',
    );
    assert.equal(note.forYouNote('forYou', { trained: true }), undefined);
    assert.equal(note.forYouNote('upvotes', { trained: false, kept: 0 }), undefined);
    assert.equal(note.forYouNote('forYou', undefined), undefined);
    assert.equal(note.forYouNote('forYou', { trained: false, kept: undefined }), undefined);
    assert.deepEqual(marks(ranking(false, 2)).rankingState(), { trained: false, kept: 2 });
    assert.deepEqual(marks(ranking(true)).rankingState(), { trained: true });
    assert.equal(marks().rankingState(), undefined);
  });
});
