/**
 * The paper panel's host side of "Cited in", against a stand-in `vscode` module: what it
 * sends with a paper, re-sending when the citation index changes, opening a place the page
 * names by index, and working unchanged without an index.
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Paper } from '../../src/core/paper';
import type * as PanelModule from '../../src/ui/panel/paperPanel';
import { quietPanelDeps } from './helpers/panelDeps';
import type { CitedPlace, PaperCitations } from '../../src/ui/refs/citedPlaces';
import { MAX_PLACES } from '../../src/webview/protocol';
import { arxivPaper } from '../helpers/paper';
import {
  createFakeVscode,
  FakeUri,
  installFakeVscode,
  lastPanel as lastFakePanel,
  type FakeVscode,
} from './helpers/fakeVscode';
import { forgetUiModules } from './helpers/uiModules';

const cited = arxivPaper('1706.03762', { title: 'Attention Is All You Need' });
const other = arxivPaper('1810.04805', { title: 'BERT' });

function place(label: string, line: number, character = 5): CitedPlace {
  return { uri: `file:///w/${label.split(':')[0]}`, label, line, character };
}

/** An index whose answers a test sets, and which says when they changed. */
class FakeCitations implements PaperCitations {
  byId = new Map<string, CitedPlace[]>();
  listeners: (() => void)[] = [];
  readonly onDidChange = (listener: () => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  isCited(paper: Paper): boolean {
    return (this.byId.get(paper.id)?.length ?? 0) > 0;
  }
  places(paper: Paper): readonly CitedPlace[] {
    return this.byId.get(paper.id) ?? [];
  }
  change(id: string, places: CitedPlace[]): void {
    this.byId.set(id, places);
    for (const l of [...this.listeners]) l();
  }
}

interface Opened {
  uri: string;
  selection: { start: [number, number]; end: [number, number] };
  viewColumn: unknown;
}

describe('cited in: paper panel (host side, stand-in vscode)', () => {
  let fake: FakeVscode;
  let uninstall: () => void;
  let panelModule: typeof PanelModule;
  let citations: FakeCitations;
  let handle: PanelModule.PaperPanelHandle;
  let opened: Opened[];
  let failOpen: boolean;
  const editors: { viewColumn: number | undefined }[] = [];

  before(() => {
    fake = createFakeVscode();
    fake.module.workspace = {
      getConfiguration: () => ({ get: () => undefined }),
      onDidChangeConfiguration: () => ({ dispose: () => undefined }),
    };
    fake.module.Range = class {
      readonly start: [number, number];
      readonly end: [number, number];
      constructor(a: number, b: number, c: number, d: number) {
        this.start = [a, b];
        this.end = [c, d];
      }
    };
    const window = fake.module.window as Record<string, unknown>;
    window.visibleTextEditors = editors;
    window.showTextDocument = async (uri: FakeUri, options: Omit<Opened, 'uri'>) => {
      if (failOpen) throw new Error('no such file');
      const { start, end } = options.selection;
      opened.push({ uri: uri.toString(), selection: { start, end }, viewColumn: options.viewColumn });
    };
    uninstall = installFakeVscode(fake);
    forgetUiModules();
    panelModule = createRequire(__filename)('../../src/ui/panel/paperPanel') as typeof PanelModule;
  });

  after(() => {
    uninstall();
    forgetUiModules();
  });

  const deps = quietPanelDeps;

  beforeEach(() => {
    fake.panels.length = 0;
    fake.errors.length = 0;
    editors.length = 0;
    opened = [];
    failOpen = false;
    citations = new FakeCitations();
    citations.byId.set(cited.id, [place('paper.tex:42', 41), place('intro.tex:7', 6, 0)]);
    handle = panelModule.createPaperPanel({ extensionUri: new FakeUri('ext') } as never, deps({ citations }));
  });

  afterEach(() => handle.dispose());

  const lastPanel = () => lastFakePanel(fake);
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const shown = (paper: Paper) => {
    handle.show(paper);
    const panel = lastPanel();
    panel.fromPage({ type: 'ready' });
    return panel;
  };

  it('sends the labels with the paper, and none for a paper cited nowhere', () => {
    const panel = shown(cited);
    assert.deepEqual((panel.posted[0] as { cited: unknown }).cited, {
      labels: ['paper.tex:42', 'intro.tex:7'],
      more: 0,
    });
    assert.equal((panel.posted[0] as { strings: Record<string, string> }).strings.citedIn, 'Cited in');
    handle.show(other);
    assert.deepEqual((panel.posted[1] as { cited: unknown }).cited, { labels: [], more: 0 });
  });

  it('re-sends the places of the shown paper when the index changes, and only when they read differently', () => {
    const panel = shown(cited);
    citations.change(cited.id, [place('paper.tex:50', 49)]);
    assert.deepEqual(panel.posted[1], {
      type: 'cited',
      paperId: cited.id,
      cited: { labels: ['paper.tex:50'], more: 0 },
    });
    citations.change(cited.id, [place('paper.tex:50', 49, 9)]);
    citations.change(other.id, [place('other.tex:1', 0)]);
    assert.equal(panel.posted.length, 2, 'the same labels again are not re-sent');
    citations.change(cited.id, []);
    assert.deepEqual(panel.posted[2], { type: 'cited', paperId: cited.id, cited: { labels: [], more: 0 } });
  });

  it('opens a place where the index now puts it, though its label did not change', async () => {
    const panel = shown(cited);
    citations.change(cited.id, [place('paper.tex:42', 41, 17)]);
    panel.fromPage({ type: 'openPlace', index: 0, label: 'paper.tex:42' });
    await settle();
    assert.deepEqual(opened[0]?.selection, { start: [41, 17], end: [41, 17] });
  });

  it('opens the place the page names by index, at its line and character, beside the abstract', async () => {
    editors.push({ viewColumn: 2 }, { viewColumn: 1 });
    const panel = shown(cited);
    panel.fromPage({ type: 'openPlace', index: 1, label: 'intro.tex:7' });
    await settle();
    assert.deepEqual(opened, [
      { uri: 'file:///w/intro.tex', selection: { start: [6, 0], end: [6, 0] }, viewColumn: 1 },
    ]);
  });

  it('opens in the first column when no text editor is open', async () => {
    const panel = shown(cited);
    panel.fromPage({ type: 'openPlace', index: 0, label: 'paper.tex:42' });
    await settle();
    assert.equal(opened[0]?.viewColumn, 1);
    assert.deepEqual(opened[0]?.selection, { start: [41, 5], end: [41, 5] });
  });

  it('opens nothing for an index it did not send, or a label that no longer matches', async () => {
    const panel = shown(cited);
    citations.change(cited.id, [place('moved.tex:3', 2)]);
    for (const message of [
      { type: 'openPlace', index: 1, label: 'intro.tex:7' },
      { type: 'openPlace', index: 0, label: 'paper.tex:42' },
      { type: 'openPlace', index: 5, label: 'moved.tex:3' },
      { type: 'openPlace', index: 0, uri: 'file:///etc/passwd', label: 'moved.tex:3', extra: 1 },
    ]) {
      panel.fromPage(message);
    }
    await settle();
    assert.deepEqual(
      opened.map((o) => o.uri),
      ['file:///w/moved.tex'],
      'only the last one names a place the host sent',
    );
  });

  it('reports a place that cannot be opened without naming it', async () => {
    failOpen = true;
    const panel = shown(cited);
    panel.fromPage({ type: 'openPlace', index: 0, label: 'paper.tex:42' });
    await settle();
    assert.equal(fake.errors.length, 1);
    assert.doesNotMatch(fake.errors[0] ?? '', /paper\.tex/);
  });

  it('sends at most MAX_PLACES labels and counts the rest', () => {
    const many = Array.from({ length: MAX_PLACES + 7 }, (_, i) => place(`a.tex:${i + 1}`, i));
    citations.byId.set(cited.id, many);
    const panel = shown(cited);
    const sent = (panel.posted[0] as { cited: { labels: string[]; more: number } }).cited;
    assert.equal(sent.labels.length, MAX_PLACES);
    assert.equal(sent.more, 7);
  });

  it('stops listening to the index once disposed', () => {
    assert.equal(citations.listeners.length, 1, 'subscribed once');
    shown(cited);
    handle.show(other);
    assert.equal(citations.listeners.length, 1, 'not once per paper');
    handle.dispose();
    assert.equal(citations.listeners.length, 0);
  });

  it('shows papers unchanged without an index, and one that throws costs only the section', () => {
    handle.dispose();
    handle = panelModule.createPaperPanel({ extensionUri: new FakeUri('ext') } as never, deps());
    const panel = shown(cited);
    assert.deepEqual((panel.posted[0] as { cited: unknown }).cited, { labels: [], more: 0 });
    panel.fromPage({ type: 'openPlace', index: 0, label: 'paper.tex:42' });
    assert.deepEqual(opened, []);
    handle.dispose();

    const broken: PaperCitations = {
      isCited: () => {
        throw new Error('index not built');
      },
      places: () => [],
      onDidChange: () => ({ dispose: () => undefined }),
    };
    handle = panelModule.createPaperPanel({ extensionUri: new FakeUri('ext') } as never, deps({ citations: broken }));
    const second = shown(cited);
    assert.equal((second.posted[0] as { type: string }).type, 'show');
    assert.deepEqual((second.posted[0] as { cited: unknown }).cited, { labels: [], more: 0 });
  });
});
