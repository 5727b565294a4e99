import * as assert from 'node:assert/strict';
import { asTreeNode, nodePapers, papersOfNodes, type TreeNode } from '../../src/ui/treeNodes';
import { arxivPaper, paper } from '../helpers/paper';

const a = arxivPaper('2501.00001', { categories: ['cs.LG'] });
const b = arxivPaper('2501.00002', { categories: ['cs.LG'] });
const c = paper({ id: 'hf-3' });
const ids = (papers: { id: string }[]) => papers.map((p) => p.id);

/** One row of every kind the three trees make. */
const rows: Record<string, TreeNode> = {
  feedPaper: { kind: 'paper', paper: c, parent: '2025-01-02' },
  feedDay: { kind: 'day', group: { day: '2025-01-02', papers: [a, c] }, watched: [a], others: [c] },
  watched: { kind: 'watched', day: '2025-01-02', papers: [a] },
  saved: { kind: 'saved', entry: { paper: b, savedAt: '2025-01-03T10:00:00Z', tags: [] } },
  arxivCategory: { kind: 'category', category: 'cs.LG', papers: [a, b] },
  arxivDay: { kind: 'day', category: 'cs.LG', group: { day: '2025-01-02', papers: [b] } },
  arxivPaper: { kind: 'paper', paper: a, category: 'cs.LG' },
} as Record<string, TreeNode>;

describe('tree rows as command targets', () => {
  it('a paper row is its paper, in every tree', () => {
    assert.deepEqual(ids(nodePapers(rows.feedPaper)), ['hf-3']);
    assert.deepEqual(ids(nodePapers(rows.arxivPaper)), ['2501.00001']);
    assert.deepEqual(ids(nodePapers(rows.saved)), ['2501.00002']);
  });

  it('a group row is every paper it shows: a day, a watched group, an arXiv category', () => {
    assert.deepEqual(ids(nodePapers(rows.feedDay)), ['2501.00001', 'hf-3']);
    assert.deepEqual(ids(nodePapers(rows.watched)), ['2501.00001']);
    assert.deepEqual(ids(nodePapers(rows.arxivDay)), ['2501.00002']);
    assert.deepEqual(ids(nodePapers(rows.arxivCategory)), ['2501.00001', '2501.00002']);
  });

  it('recognises every row the trees make', () => {
    for (const [name, row] of Object.entries(rows)) assert.equal(asTreeNode(row), row, name);
  });

  it('is no row: a Paper, a Uri-like object, an unknown kind, a known kind without its papers, nothing', () => {
    for (const value of [
      a,
      { scheme: 'file', path: '/x.bib' },
      { kind: 'folder', papers: [a] },
      { kind: 'paper' },
      { kind: 'category', category: 'cs.LG' },
      { kind: 'saved', entry: null },
      null,
      undefined,
      'paper',
      [rows.feedPaper],
    ]) {
      assert.equal(asTreeNode(value), undefined, JSON.stringify(value));
    }
  });

  it('a multi-selection gives each paper once, in order, and skips what is not a row', () => {
    const selected = [rows.arxivPaper, rows.arxivCategory, 'stray', rows.feedPaper, rows.arxivDay];
    assert.deepEqual(ids(papersOfNodes(selected)), ['2501.00001', '2501.00002', 'hf-3']);
  });
});
