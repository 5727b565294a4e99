/**
 * The `cited` mark on tree rows (feed, reading list, arXiv) and search results, against a
 * stand-in `vscode` module, and PaperMarks handing the trees the workspace's citation index.
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Paper } from '../../src/core/paper';
import type * as ArxivTreeModule from '../../src/ui/arxiv/arxivTree';
import type * as FeedTreeModule from '../../src/ui/feed/feedTree';
import type * as PaperItemModule from '../../src/ui/feed/paperItem';
import { PaperMarks } from '../../src/ui/feed/paperMarks';
import type { CitedPlace, PaperCitations } from '../../src/ui/refs/citedPlaces';
import type * as SearchPickModule from '../../src/ui/search/searchPick';
import type * as ReadingListModule from '../../src/ui/tracking/readingListView';
import { arxivPaper } from '../helpers/paper';
import { installTreeVscode } from './helpers/treeApi';

const cited = arxivPaper('1706.03762', {
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani'],
  upvotes: 12,
});
const plain = arxivPaper('1810.04805', { title: 'BERT', authors: ['Jacob Devlin'], upvotes: 3 });

function place(label: string): CitedPlace {
  return { uri: `file:///w/${label.split(':')[0]}`, label, line: 0, character: 0 };
}

function citationsOf(byId: Record<string, CitedPlace[]>): PaperCitations {
  return {
    isCited: (p) => (byId[p.id]?.length ?? 0) > 0,
    places: (p) => byId[p.id] ?? [],
    onDidChange: () => ({ dispose: () => undefined }),
  };
}

interface Row {
  description?: string;
  tooltip?: { value: string; supportThemeIcons: boolean };
  accessibilityInformation?: { label: string };
}

describe('cited in: tree rows and search results (stand-in vscode)', () => {
  let restore: () => void;
  let item: typeof PaperItemModule;
  let feedTree: typeof FeedTreeModule;
  let arxivTree: typeof ArxivTreeModule;
  let readingList: typeof ReadingListModule;
  let search: typeof SearchPickModule;

  before(() => {
    restore = installTreeVscode();
    const load = createRequire(__filename);
    item = load('../../src/ui/feed/paperItem') as typeof PaperItemModule;
    feedTree = load('../../src/ui/feed/feedTree') as typeof FeedTreeModule;
    arxivTree = load('../../src/ui/arxiv/arxivTree') as typeof ArxivTreeModule;
    readingList = load('../../src/ui/tracking/readingListView') as typeof ReadingListModule;
    search = load('../../src/ui/search/searchPick') as typeof SearchPickModule;
  });

  after(() => restore());

  /** A row as the trees give it once VS Code asks for its tooltip (`resolveTreeItem`). */
  const row = (paper: Paper, cited?: CitedPlace[]): Row => {
    const marks = { unread: false, saved: false, ...(cited ? { cited } : {}) };
    const r = item.paperItem(paper, marks, 'id');
    r.tooltip = item.paperTooltip(paper, marks);
    return r as unknown as Row;
  };

  it('a cited row says so in its description, tooltip and accessible label', () => {
    const r = row(cited, [place('paper.tex:42'), place('intro.tex:7')]);
    assert.equal(r.description, '▲ 12 · Ashish Vaswani · cited');
    assert.match(r.tooltip?.value ?? '', /\$\(quote\) Cited in paper\.tex:42, intro\.tex:7\n/);
    assert.equal(r.tooltip?.supportThemeIcons, true);
    assert.equal(r.accessibilityInformation?.label.match(/\bcited\b/g)?.length, 1, 'said once');
  });

  it('a row cited nowhere is the row it always was', () => {
    for (const r of [row(cited), row(cited, [])]) {
      assert.equal(r.description, '▲ 12 · Ashish Vaswani');
      assert.doesNotMatch(r.tooltip?.value ?? '', /Cited in/);
      assert.doesNotMatch(r.accessibilityInformation?.label ?? '', /cited/);
    }
  });

  it('names three places in the tooltip and counts the rest', () => {
    const five = ['a.tex:1', 'b.tex:2', 'c.tex:3', 'd.tex:4', 'e.tex:5'].map(place);
    assert.equal(item.citedInText(five), 'Cited in a.tex:1, b.tex:2, c.tex:3 and 2 more');
    assert.equal(item.citedInText(five.slice(0, 3)), 'Cited in a.tex:1, b.tex:2, c.tex:3');
    assert.match(row(cited, five).tooltip?.value ?? '', /c\.tex:3 and 2 more/);
  });

  it('PaperMarks answers from the index it was handed, and nothing without one or when it throws', () => {
    const marks = new PaperMarks({} as never, { watchKeywords: [], watchAuthors: [] } as never);
    assert.deepEqual(marks.citedPlaces(cited), []);
    marks.setCitations(citationsOf({ [cited.id]: [place('paper.tex:42')] }));
    assert.deepEqual(
      marks.citedPlaces(cited).map((p) => p.label),
      ['paper.tex:42'],
    );
    assert.deepEqual(marks.citedPlaces(plain), []);
    marks.setCitations({
      isCited: () => {
        throw new Error('index not built');
      },
      places: () => [],
      onDidChange: () => ({ dispose: () => undefined }),
    });
    assert.deepEqual(marks.citedPlaces(cited), []);
    marks.setCitations(undefined);
    assert.deepEqual(marks.citedPlaces(cited), []);
  });

  const marker = (byId: Record<string, CitedPlace[]>): FeedTreeModule.PaperMarker => ({
    watchMatch: () => undefined,
    isRead: () => true,
    isSaved: () => false,
    citedPlaces: (p) => byId[p.id] ?? [],
  });

  it('the feed and arXiv trees mark the cited papers their marker names', () => {
    const m = marker({ [cited.id]: [place('paper.tex:42')] });
    const feed = new feedTree.FeedTreeProvider(m);
    const arxiv = new arxivTree.ArxivTreeProvider(m);
    const feedRow = (p: Paper) => feed.getTreeItem({ kind: 'paper', paper: p, parent: '2025-01-02' }) as Row;
    const arxivRow = (p: Paper) => arxiv.getTreeItem({ kind: 'paper', paper: p, category: 'cs.CL' }) as Row;
    assert.match(feedRow(cited).description ?? '', / · cited$/);
    assert.match(arxivRow(cited).description ?? '', / · cited$/);
    // Rows come without tooltips; each tree adds one when VS Code resolves the row.
    const feedNode = { kind: 'paper' as const, paper: cited, parent: '2025-01-02' };
    const arxivNode = { kind: 'paper' as const, paper: cited, category: 'cs.CL' };
    assert.equal(feedRow(cited).tooltip, undefined);
    const resolved = [
      feed.resolveTreeItem(feed.getTreeItem(feedNode), feedNode),
      arxiv.resolveTreeItem(arxiv.getTreeItem(arxivNode), arxivNode),
    ] as unknown as Row[];
    for (const r of resolved) assert.match(r.tooltip?.value ?? '', /Cited in paper\.tex:42/);
    assert.doesNotMatch(feedRow(plain).description ?? '', /cited/);
    assert.doesNotMatch(arxivRow(plain).description ?? '', /cited/);
  });

  it('a marker without citedPlaces (as before) draws no mark', () => {
    const old: FeedTreeModule.PaperMarker = { ...marker({ [cited.id]: [place('paper.tex:42')] }) };
    delete old.citedPlaces;
    assert.deepEqual(feedTree.rowMarks(old, cited), { unread: false, saved: false });
  });

  it('the reading list keeps its save date and adds the mark, also to the accessible label', () => {
    const state = {
      isRead: () => true,
      readingList: { list: () => [] },
    };
    const list = new readingList.ReadingListProvider(
      state as never,
      () => 'savedAt' as never,
      marker({ [cited.id]: [place('paper.tex:42')] }),
    );
    const saved = (p: Paper) =>
      list.getTreeItem({ kind: 'saved', entry: { paper: p, savedAt: 'not a date', tags: [] } }) as Row;
    assert.equal(saved(cited).description, 'saved  · cited');
    assert.match(saved(cited).accessibilityInformation?.label ?? '', /cited$/);
    assert.doesNotMatch(saved(plain).description ?? '', /cited/);
    const node = { kind: 'saved' as const, entry: { paper: cited, savedAt: 'not a date', tags: [] } };
    const tip = (list.resolveTreeItem(list.getTreeItem(node), node) as unknown as Row).tooltip?.value ?? '';
    assert.match(tip, /Cited in paper\.tex:42/);
    const without = new readingList.ReadingListProvider(state as never, () => 'savedAt' as never);
    const r = without.getTreeItem({ kind: 'saved', entry: { paper: cited, savedAt: 'not a date', tags: [] } }) as Row;
    assert.doesNotMatch(r.description ?? '', /cited/);
  });

  it('a search result shows the first place with a quote icon, and how many more', () => {
    const index = citationsOf({ [cited.id]: [place('paper.tex:42'), place('intro.tex:7'), place('x.tex:1')] });
    assert.equal(search.citedText(index, cited), '$(quote) paper.tex:42 +2');
    assert.equal(
      search.citedText(citationsOf({ [cited.id]: [place('paper.tex:42')] }), cited),
      '$(quote) paper.tex:42',
    );
    assert.equal(search.citedText(index, plain), undefined);
    assert.equal(search.citedText(undefined, cited), undefined);
    const broken: PaperCitations = { ...index, places: () => [] };
    assert.equal(search.citedText(broken, cited), undefined, 'isCited without places shows nothing');
  });
});
