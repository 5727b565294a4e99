/**
 * Which papers a command acts on when VS Code hands it a tree row, against a stand-in
 * `vscode` module: an arXiv category row stands for the papers it shows.
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Paper } from '../../src/core/paper';
import type { ArxivNode } from '../../src/ui/arxiv/arxivTree';
import type * as CommandsModule from '../../src/ui/commands';
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
});
