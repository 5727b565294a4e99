/**
 * The arXiv view's controller against a stand-in `vscode` and a real cache in a temp folder:
 * what the view shows after a reload, and how a refresh reports (no request leaves the machine:
 * the refused base URL stops it before any).
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ArxivFeed } from '../../src/core/feed/arxivFeed';
import { FeedStore } from '../../src/core/feed/store';
import { silentLogger } from '../../src/core/log';
import { Politeness } from '../../src/core/net/politeness';
import type { Paper } from '../../src/core/paper';
import { PaperLibrary } from '../../src/core/search/library';
import type * as ControllerModule from '../../src/ui/arxiv/arxivController';
import type { Network } from '../../src/ui/network';
import type { Settings } from '../../src/ui/settings';
import { arxivPaper } from '../helpers/paper';
import { createFakeVscode, installFakeVscode, type FakeVscode } from './helpers/fakeVscode';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

const cached = arxivPaper('2501.00001', { categories: ['cs.LG'], feedDay: '2025-01-02' });

describe('arXiv view controller (stand-in vscode)', () => {
  let fake: FakeVscode;
  let uninstall: () => void;
  let Controller: typeof ControllerModule.ArxivController;
  let dir: TempDir;
  let store: FeedStore;
  let settings: Partial<Settings>;
  let executed: unknown[][];
  let progress: { location: unknown; cancellable: boolean }[];
  let drawn: { categories: string[]; papers: readonly Paper[] }[];
  let view: { description?: string; message?: string };
  let controller: ControllerModule.ArxivController;

  before(() => {
    fake = createFakeVscode();
    fake.module.ProgressLocation = { Notification: 15 };
    fake.module.commands = { executeCommand: async (...args: unknown[]) => executed.push(args) };
    (fake.module.window as Record<string, unknown>).withProgress = async (
      options: { location: unknown; cancellable: boolean },
      task: (progress: unknown, token: unknown) => Promise<unknown>,
    ) => {
      progress.push({ location: options.location, cancellable: options.cancellable });
      return task({}, { onCancellationRequested: () => ({ dispose: () => undefined }) });
    };
    uninstall = installFakeVscode(fake);
    Controller = (createRequire(__filename)('../../src/ui/arxiv/arxivController') as typeof ControllerModule)
      .ArxivController;
  });
  after(() => uninstall());

  beforeEach(async () => {
    dir = await makeTempDir();
    store = new FeedStore(dir.path);
    settings = {
      arxivCategories: ['cs.LG'],
      arxivBaseUrl: 'https://export.arxiv.org',
      arxivMaxResults: 10,
      sort: 'date',
    };
    executed = [];
    progress = [];
    drawn = [];
    view = {};
    fake.errors.length = 0;
    const net: Network = {
      http: () => ({ timeoutMs: 1000, userAgent: 'test' }),
      huggingFace: () => 'https://huggingface.co',
      arxiv: () => {
        if (settings.arxivBaseUrl?.startsWith('http:')) throw new Error('the setting is refused: plain http');
        return settings.arxivBaseUrl ?? '';
      },
      arxivPdf: () => 'https://arxiv.org',
      arxivGate: new Politeness({ intervalMs: 0 }),
      lookup: () => {
        throw new Error('the arXiv view makes no look-ups');
      },
    };
    controller = new Controller({
      listings: new ArxivFeed({ store, gate: new Politeness(), log: silentLogger }),
      library: new PaperLibrary(store, ['arxiv'], silentLogger),
      arxivTree: {
        update: (input: (typeof drawn)[number]) => drawn.push(input),
        rankingState: () => undefined,
      } as never,
      arxivView: view as never,
      settings: () => settings as Settings,
      today: () => '2025-01-03',
      log: { error: () => undefined } as never,
      net,
    });
  });
  afterEach(() => dir.remove());

  it('reload draws the cached listings and says when they were fetched', async () => {
    await store.writeDay({ source: 'arxiv', day: '2025-01-02', fetchedAt: new Date().toISOString(), papers: [cached] });
    await controller.reload();
    assert.deepEqual(
      drawn.map((d) => [d.categories, d.papers.map((p) => p.id)]),
      [[['cs.LG'], ['2501.00001']]],
    );
    assert.match(view.description ?? '', /^fetched /);
  });

  it('reload of an empty cache draws no papers and no fetch time', async () => {
    await controller.reload();
    assert.deepEqual(drawn.at(-1)?.papers, []);
    assert.equal(view.description, undefined);
  });

  it('a manual refresh without categories opens the setting; a quiet one does nothing', async () => {
    settings.arxivCategories = [];
    await controller.refresh(true);
    assert.deepEqual(executed, []);
    await controller.refresh(false);
    assert.deepEqual(executed, [['workbench.action.openSettings', 'litfeed.sources.arxiv.categories']]);
    assert.deepEqual(progress, []);
  });

  it('a failed manual refresh: cancellable notification, the failure in the view and in a pop-up', async () => {
    settings.arxivBaseUrl = 'http://export.arxiv.org';
    await controller.refresh(false);
    assert.deepEqual(progress, [{ location: 15, cancellable: true }]);
    assert.equal(view.message, 'Some listings failed: the setting is refused: plain http');
    assert.deepEqual(fake.errors, ['LitFeed: the setting is refused: plain http']);
    assert.equal(drawn.length, 1, 'the view is redrawn from the cache after the attempt');
  });

  it('a failed quiet refresh: progress in the view, the failure only in its message', async () => {
    settings.arxivBaseUrl = 'http://export.arxiv.org';
    await controller.refresh(true);
    assert.deepEqual(progress, [{ location: { viewId: 'litfeed.arxiv' }, cancellable: false }]);
    assert.equal(view.message, 'Some listings failed: the setting is refused: plain http');
    assert.deepEqual(fake.errors, []);
  });
});
