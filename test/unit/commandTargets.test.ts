/**
 * Which papers a command acts on when VS Code hands it a tree row, against a stand-in
 * `vscode` module: an arXiv category row stands for the papers it shows.
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Paper } from '../../src/core/paper';
import type { ArxivNode } from '../../src/ui/arxiv/arxivTree';
import type * as CommandsModule from '../../src/ui/commands';
import { keyboardArgs } from '../../src/ui/commandIds';
import { arxivPaper } from '../helpers/paper';
import { createFakeVscode, installFakeVscode } from './helpers/fakeVscode';

const a = arxivPaper('2501.00001', { categories: ['cs.LG'] });
const b = arxivPaper('2501.00002', { categories: ['cs.LG'] });
const shown = arxivPaper('2501.00003');
const category: ArxivNode = { kind: 'category', category: 'cs.LG', papers: [a, b] };

describe('commands on tree rows (stand-in vscode)', () => {
  let uninstall: () => void;
  let commands: typeof CommandsModule.commands;
  let calls: { what: string; papers: string[] }[];
  let app: CommandsModule.App;

  before(() => {
    const fake = createFakeVscode();
    uninstall = installFakeVscode(fake);
    commands = (createRequire(__filename)('../../src/ui/commands') as typeof CommandsModule).commands;
  });
  after(() => uninstall());

  beforeEach(() => {
    calls = [];
    const record = (what: string) => async (papers: readonly Paper[]) => {
      calls.push({ what, papers: papers.map((p) => p.id) });
    };
    app = {
      user: { markRead: record('markRead'), setSaved: record('setSaved') },
      citer: { cite: record('cite'), copyBibtex: record('copyBibtex') },
      tree: { visiblePapers: () => [shown] },
      selection: () => [],
      knownPapers: () => [shown],
    } as unknown as CommandsModule.App;
  });

  it('"Mark All as Read" on an arXiv category marks the papers it shows', async () => {
    await commands.markAllRead(app)(category);
    assert.deepEqual(calls, [{ what: 'markRead', papers: ['2501.00001', '2501.00002'] }]);
  });

  it('"Mark All as Read" with no row marks what the feed shows', async () => {
    await commands.markAllRead(app)();
    assert.deepEqual(calls, [{ what: 'markRead', papers: ['2501.00003'] }]);
  });

  it('"Cite" on a multi-selection holding a category and one of its papers cites each paper once', async () => {
    const row: ArxivNode = { kind: 'paper', paper: b, category: 'cs.LG' };
    await commands.cite(app)(row, [row, category]);
    assert.deepEqual(calls, [{ what: 'cite', papers: ['2501.00002', '2501.00001'] }]);
  });

  it('"Save" on a category row saves its papers', async () => {
    await commands.save(app)(category);
    assert.deepEqual(calls, [{ what: 'setSaved', papers: ['2501.00001', '2501.00002'] }]);
  });

  describe('from the keyboard', () => {
    const feedRow = (paper: Paper) => ({ kind: 'paper' as const, paper, parent: 'day' });
    let selections: Record<string, unknown[]>;
    let saved: Set<string>;
    let read: Set<string>;

    beforeEach(() => {
      selections = { 'litfeed.feed': [], 'litfeed.readingList': [], 'litfeed.arxiv': [] };
      saved = new Set();
      read = new Set();
      const record = (what: string, then?: (ids: string[]) => void) => async (papers: readonly Paper[]) => {
        calls.push({ what, papers: papers.map((p) => p.id) });
        then?.(papers.map((p) => p.id));
      };
      app = {
        ...app,
        selection: (view = 'litfeed.feed') => selections[view],
        user: {
          isSaved: (p: Paper) => saved.has(p.id),
          isRead: (p: Paper) => read.has(p.id),
          setSaved: async (papers: readonly Paper[], on: boolean) =>
            record(on ? 'save' : 'unsave', (ids) => ids.forEach((id) => (on ? saved.add(id) : saved.delete(id))))(
              papers,
            ),
          markRead: record('markRead'),
          markUnread: record('markUnread'),
        },
      } as unknown as CommandsModule.App;
    });

    it('acts on the focused row the host hands over, and on the whole selection it belongs to', async () => {
      selections['litfeed.feed'] = [feedRow(a), feedRow(b)];
      await commands.toggleSaved(app)([feedRow(b), { view: 'litfeed.feed' }]);
      await commands.toggleSaved(app)([feedRow(shown), { view: 'litfeed.feed' }]);
      assert.deepEqual(calls, [
        { what: 'save', papers: ['2501.00001', '2501.00002'] },
        { what: 'save', papers: ['2501.00003'] },
      ]);
    });

    it("reads the selection of another view's rows from that view", async () => {
      selections['litfeed.feed'] = [feedRow(a), feedRow(b)];
      const arxivRow: ArxivNode = { kind: 'paper', paper: b, category: 'cs.LG' };
      await commands.cite(app)([arxivRow, { view: 'litfeed.arxiv' }]);
      assert.deepEqual(calls, [{ what: 'cite', papers: ['2501.00002'] }]);
    });

    it("falls back to the view's selection when the host found no focused row, or left the argument as it is", async () => {
      selections['litfeed.readingList'] = [{ kind: 'saved', entry: { paper: shown } }];
      await commands.toggleRead(app)([undefined, { view: 'litfeed.readingList' }]);
      await commands.toggleSaved(app)(keyboardArgs('litfeed.readingList'));
      assert.deepEqual(calls, [
        { what: 'markRead', papers: ['2501.00003'] },
        { what: 'save', papers: ['2501.00003'] },
      ]);
    });

    it('a row passed by a menu is that row, not the selection around it', async () => {
      selections['litfeed.feed'] = [feedRow(a), feedRow(b)];
      await commands.cite(app)(feedRow(b));
      assert.deepEqual(calls, [{ what: 'cite', papers: ['2501.00002'] }]);
    });

    it('S saves unless every paper is saved, then unsaves; R does the same for read marks', async () => {
      saved.add(a.id);
      assert.equal(await commands.toggleSaved(app)(category), true);
      assert.equal(await commands.toggleSaved(app)(category), false);
      read.add(a.id).add(b.id);
      assert.equal(await commands.toggleRead(app)(category), false);
      assert.deepEqual(
        calls.map((c) => c.what),
        ['save', 'unsave', 'markUnread'],
      );
    });
  });
});
