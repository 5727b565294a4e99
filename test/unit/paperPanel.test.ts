/**
 * The paper panel's host side against a stand-in `vscode` module: the ready handshake,
 * links through the allow-list, actions, and restore after a reload.
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Paper } from '../../src/core/paper';
import type * as PanelModule from '../../src/ui/panel/paperPanel';
import { quietPanelDeps } from './helpers/panelDeps';
import {
  createFakeVscode,
  FakeUri,
  FakeWebviewPanel,
  installFakeVscode,
  lastPanel as lastFakePanel,
  type FakeVscode,
} from './helpers/fakeVscode';
import { paper as makePaper } from '../helpers/paper';

const paper: Paper = makePaper({
  id: '1706.03762',
  arxivId: '1706.03762',
  title: 'Attention Is All You Need, a Title Long Enough to Be Cut Short',
  authors: ['Ashish Vaswani'],
  abstract: 'Abstract.',
  links: {
    huggingFace: 'https://huggingface.co/papers/1706.03762',
    pdf: 'https://arxiv.org/pdf/1706.03762',
    project: 'https://tensor2tensor.github.io/',
  },
});

describe('paper panel (host side, stand-in vscode)', () => {
  let fake: FakeVscode;
  let uninstall: () => void;
  let panelModule: typeof PanelModule;
  let calls: string[];
  let saved: boolean;
  let tags: string[];
  let handle: PanelModule.PaperPanelHandle;
  /** `litfeed.*` settings the panel reads, and the listeners told when one changes. */
  const settings = new Map<string, unknown>();
  let configListeners: ((e: { affectsConfiguration(section: string): boolean }) => void)[] = [];
  const changeSetting = (key: string, value: unknown) => {
    settings.set(key, value);
    const event = { affectsConfiguration: (section: string) => `litfeed.${key}`.startsWith(section) };
    for (const l of [...configListeners]) l(event);
  };

  before(() => {
    fake = createFakeVscode();
    // The stand-in has no workspace; the panel reads its font setting from one.
    fake.module.workspace = {
      getConfiguration: (section: string) => ({
        get: (key: string) => (section === 'litfeed' ? settings.get(key) : undefined),
      }),
      onDidChangeConfiguration: (listener: (typeof configListeners)[number]) => {
        configListeners.push(listener);
        return { dispose: () => (configListeners = configListeners.filter((l) => l !== listener)) };
      },
    };
    uninstall = installFakeVscode(fake);
    panelModule = createRequire(__filename)('../../src/ui/panel/paperPanel') as typeof PanelModule;
  });

  after(() => uninstall());

  beforeEach(() => {
    settings.clear();
    fake.panels.length = 0;
    fake.opened.length = 0;
    fake.warnings.length = 0;
    fake.errors.length = 0;
    calls = [];
    saved = false;
    tags = [];
    handle = panelModule.createPaperPanel({ extensionUri: new FakeUri('ext') } as never, {
      cite: (p) => calls.push(`cite ${p.id}`),
      copyBibtex: (p) => calls.push(`copyBibtex ${p.id}`),
      openNotes: (p) => calls.push(`openNotes ${p.id}`),
      saveToZotero: (p) => calls.push(`saveToZotero ${p.id}`),
      openPdf: (p) => calls.push(`openPdf ${p.id}`),
      tagPaper: async (p) => {
        calls.push(`tagPaper ${p.id}`);
        saved = true;
        tags = ['to read', '"odd" #tag'];
      },
      tagsOf: () => tags,
      toggleSaved: async (p) => {
        calls.push(`toggleSaved ${p.id}`);
        saved = !saved;
      },
      isSaved: () => saved,
    });
  });

  afterEach(() => handle.dispose());

  const lastPanel = () => lastFakePanel(fake);
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('creates one locked-down panel with the page HTML and a cut-short title', () => {
    handle.show(paper);
    const panel = lastPanel();
    assert.equal(panel.viewType, 'litfeed.paper');
    assert.equal(panel.createOptions.enableScripts, true);
    assert.equal(panel.createOptions.enableCommandUris, false);
    assert.equal(panel.createOptions.retainContextWhenHidden, false);
    assert.deepEqual(
      (panel.webview.options.localResourceRoots as FakeUri[]).map((u) => u.toString()),
      ['ext/media'],
    );
    assert.match(panel.webview.html, /default-src &#39;none&#39;/);
    assert.match(panel.webview.html, /src="https:\/\/csp\.test\/ext\/media\/dist\/paperView\.js"/);
    assert.equal(panel.title, 'Attention Is All You Need, a Title Long…');
  });

  it('posts nothing before the page is ready, then the paper', () => {
    handle.show(paper);
    const panel = lastPanel();
    assert.deepEqual(panel.posted, []);
    panel.fromPage({ type: 'ready' });
    assert.equal(panel.posted.length, 1);
    const show = panel.posted[0] as {
      type: string;
      model: { id: string };
      saved: boolean;
      paper: Paper;
      strings: Record<string, string>;
    };
    assert.equal(show.type, 'show');
    assert.equal(show.model.id, '1706.03762');
    assert.equal(show.saved, false);
    assert.deepEqual((show as unknown as { tags: string[] }).tags, []);
    assert.equal(show.paper.id, '1706.03762');
    assert.equal(show.strings.cite, 'Cite');
  });

  it('reuses the panel for the next paper', () => {
    handle.show(paper);
    lastPanel().fromPage({ type: 'ready' });
    handle.show({ ...paper, id: 'other', arxivId: undefined, title: 'Other' });
    assert.equal(fake.panels.length, 1);
    assert.equal(lastPanel().revealed, 1);
    assert.equal(lastPanel().title, 'Other');
    assert.equal((lastPanel().posted[1] as { model: { id: string } }).model.id, 'other');
  });

  it('waits for ready again after the hidden page was torn down', () => {
    handle.show(paper);
    const panel = lastPanel();
    panel.fromPage({ type: 'ready' });
    panel.setVisible(false);
    handle.refreshSaved();
    assert.equal(panel.posted.length, 1);
    panel.setVisible(true);
    panel.fromPage({ type: 'ready' });
    assert.equal(panel.posted.length, 2);
  });

  it('opens allowed links, normalised, through openExternal', () => {
    handle.show(paper);
    const panel = lastPanel();
    panel.fromPage({ type: 'openLink', url: 'HTTPS://GitHub.com/o/r' });
    panel.fromPage({ type: 'openLink', url: 'https://tensor2tensor.github.io/docs' });
    assert.deepEqual(fake.opened, ['https://github.com/o/r', 'https://tensor2tensor.github.io/docs']);
    assert.deepEqual(fake.warnings, []);
  });

  it('refuses other links with a warning that does not repeat the URL', () => {
    handle.show(paper);
    const panel = lastPanel();
    for (const url of [
      'javascript:alert(1)',
      'command:workbench.action.terminal.new',
      'https://huggingface.co@evil.com/',
      'https://evil.com/[x](command:y)',
    ]) {
      panel.fromPage({ type: 'openLink', url });
    }
    assert.deepEqual(fake.opened, []);
    assert.equal(fake.warnings.length, 4);
    for (const w of fake.warnings) {
      assert.match(w, /^LitFeed did not open that link: /);
      assert.doesNotMatch(w, /javascript|command:|evil/);
    }
  });

  it('runs the actions through the callbacks, and reports the new saved state', async () => {
    handle.show(paper);
    const panel = lastPanel();
    panel.fromPage({ type: 'ready' });
    for (const action of ['cite', 'copyBibtex', 'save', 'openNotes', 'openPdf', 'openHuggingFace']) {
      panel.fromPage({ type: 'action', action });
    }
    await settle();
    assert.deepEqual(calls, [
      'cite 1706.03762',
      'copyBibtex 1706.03762',
      'toggleSaved 1706.03762',
      'openNotes 1706.03762',
      'openPdf 1706.03762',
    ]);
    assert.deepEqual(panel.posted.slice(1), [{ type: 'saved', saved: true, tags: [] }]);
    assert.deepEqual(fake.opened, ['https://huggingface.co/papers/1706.03762']);
  });

  it('runs Tag Paper from the Tags button and sends the paper\u2019s new tags (and saved state)', async () => {
    handle.show(paper);
    const panel = lastPanel();
    panel.fromPage({ type: 'ready' });
    panel.fromPage({ type: 'action', action: 'tags' });
    await settle();
    assert.deepEqual(calls, ['tagPaper 1706.03762']);
    assert.deepEqual(panel.posted.slice(1), [{ type: 'saved', saved: true, tags: ['to read', '"odd" #tag'] }]);
    // Tagged elsewhere (the Reading List): the reading list's change reaches the page the same way.
    tags = ['elsewhere'];
    handle.refreshSaved();
    assert.deepEqual(panel.posted.at(-1), { type: 'saved', saved: true, tags: ['elsewhere'] });
  });

  it('ignores malformed messages from the page', async () => {
    handle.show(paper);
    const panel = lastPanel();
    for (const m of [
      null,
      'ready',
      { type: 'action', action: 'rm -rf' },
      { type: 'openLink' },
      { type: 'executeCommand' },
    ]) {
      panel.fromPage(m);
    }
    await settle();
    assert.deepEqual(calls, []);
    assert.deepEqual(fake.opened, []);
    assert.deepEqual(panel.posted, []);
  });

  it('says so when an action fails, without an unhandled rejection', async () => {
    handle.dispose();
    handle = panelModule.createPaperPanel(
      { extensionUri: new FakeUri('ext') } as never,
      quietPanelDeps({
        cite: async () => {
          throw new Error('boom');
        },
      }),
    );
    handle.show(paper);
    lastPanel().fromPage({ type: 'action', action: 'cite' });
    await settle();
    assert.equal(fake.errors.length, 1);
  });

  it('restores the saved paper into the panel VS Code hands back after a reload', () => {
    const panel = new FakeWebviewPanel('litfeed.paper');
    handle.restore(panel as never, { paperId: paper.id, paper });
    assert.equal(panel.disposed, false);
    assert.equal(panel.webview.options.enableScripts, true);
    assert.match(panel.webview.html, /script-src &#39;nonce-/);
    panel.fromPage({ type: 'ready' });
    assert.equal((panel.posted[0] as { model: { id: string } }).model.id, paper.id);
  });

  it('draws the page in the font the setting names, ui when it names none or nonsense', () => {
    handle.show(paper);
    assert.match(lastPanel().webview.html, /<body data-font="ui">/);
    handle.dispose();
    for (const [value, font] of [
      ['editor', 'editor'],
      ['ui', 'ui'],
      ['monospace', 'ui'],
      [42, 'ui'],
    ] as const) {
      settings.set('abstractView.font', value);
      const restored = new FakeWebviewPanel('litfeed.paper');
      handle.restore(restored as never, { paperId: paper.id, paper });
      assert.match(restored.webview.html, new RegExp(`<body data-font="${font}">`), String(value));
      handle.dispose();
    }
  });

  it('draws the page again when the font setting changes, and shows the paper once it is ready', () => {
    handle.show(paper);
    const panel = lastPanel();
    panel.fromPage({ type: 'ready' });
    const first = panel.webview.html;
    changeSetting('feed.sort', 'title');
    assert.equal(panel.webview.html, first, 'another setting redrew the page');
    changeSetting('abstractView.font', 'editor');
    assert.match(panel.webview.html, /<body data-font="editor">/);
    // The new document's page has not said ready yet: nothing is posted to it until it does.
    handle.refreshSaved();
    assert.equal(panel.posted.length, 1);
    panel.fromPage({ type: 'ready' });
    assert.equal(panel.posted.length, 2);
    assert.equal((panel.posted[1] as { type: string; model: { id: string } }).model.id, paper.id);
    changeSetting('abstractView.font', 'ui');
    assert.match(panel.webview.html, /<body data-font="ui">/);
  });

  it('stops listening for settings when the panel closes', () => {
    handle.show(paper);
    assert.equal(configListeners.length, 1);
    lastPanel().dispose();
    assert.equal(configListeners.length, 0);
  });

  it('closes a restored panel whose state holds no paper', () => {
    const panel = new FakeWebviewPanel('litfeed.paper');
    handle.restore(panel as never, { something: 'else' });
    assert.equal(panel.disposed, true);
  });
  describe('what Hugging Face links to the paper', () => {
    const linked = (arxivId: string, submittedBy: string) => ({
      arxivId,
      models: { items: [{ id: 'lab/model', likes: 3 }], total: 1 },
      datasets: { items: [], total: 0 },
      spaces: { items: [], total: 0 },
      submittedBy,
    });
    /** A stand-in for the service whose answers each test releases by hand. */
    function linkedArtifacts() {
      const asked: string[] = [];
      const answers = new Map<string, { cached: (v: unknown) => void; latest: (v: unknown) => void }>();
      const dep = (arxivId: string) => {
        asked.push(arxivId);
        let cached!: (v: unknown) => void;
        let latest!: (v: unknown) => void;
        const load = {
          cached: new Promise((r) => (cached = r)),
          latest: new Promise((r) => (latest = r)),
        };
        answers.set(arxivId, { cached, latest });
        return load as never;
      };
      return { dep, asked, answers };
    }
    const hfMessages = (panel: FakeWebviewPanel) =>
      panel.posted.filter((m) => (m as { type: string }).type === 'hfLinks') as {
        links: { paperId: string; submittedBy?: string; groups: { items: { url: string }[] }[] };
      }[];

    it('asks when the paper is shown, posts the cached answer, then the latest', async () => {
      const la = linkedArtifacts();
      const h = panelModule.createPaperPanel(
        { extensionUri: new FakeUri('ext') } as never,
        quietPanelDeps({
          linkedArtifacts: la.dep,
        }),
      );
      try {
        h.show(paper);
        const panel = lastPanel();
        panel.fromPage({ type: 'ready' });
        assert.deepEqual(la.asked, ['1706.03762']);
        assert.deepEqual(hfMessages(panel), [], 'nothing to show before an answer');
        la.answers.get('1706.03762')?.cached(linked('1706.03762', 'Cached Person'));
        await settle();
        la.answers.get('1706.03762')?.latest(linked('1706.03762', 'Latest Person'));
        await settle();
        const sent = hfMessages(panel);
        assert.deepEqual(
          sent.map((m) => m.links.submittedBy),
          ['Cached Person', 'Latest Person'],
        );
        assert.equal(sent[1].links.groups[0].items[0].url, 'https://huggingface.co/lab/model');
        // A page VS Code reloaded gets the section again after the paper.
        panel.fromPage({ type: 'ready' });
        assert.equal(hfMessages(panel).length, 3);
      } finally {
        h.dispose();
      }
    });

    it('drops an answer that comes after the reader moved on, and asks nothing for a paper without arXiv id', async () => {
      const la = linkedArtifacts();
      const h = panelModule.createPaperPanel(
        { extensionUri: new FakeUri('ext') } as never,
        quietPanelDeps({
          linkedArtifacts: la.dep,
        }),
      );
      try {
        h.show(paper);
        const panel = lastPanel();
        panel.fromPage({ type: 'ready' });
        h.show({ ...paper, id: 'other', arxivId: undefined, title: 'Other' });
        la.answers.get('1706.03762')?.latest(linked('1706.03762', 'Too Late'));
        await settle();
        assert.deepEqual(hfMessages(panel), []);
        assert.deepEqual(la.asked, ['1706.03762']);
      } finally {
        h.dispose();
      }
    });

    it('stays quiet when asking is refused (a bad base URL setting): a log line, no message', () => {
      const logged: string[] = [];
      const h = panelModule.createPaperPanel(
        { extensionUri: new FakeUri('ext') } as never,
        quietPanelDeps({
          linkedArtifacts: () => {
            throw new Error('the setting litfeed.sources.huggingFace.baseUrl is refused');
          },
          log: { info: () => undefined, warn: (m) => logged.push(m), error: (m) => logged.push(m) },
        }),
      );
      try {
        h.show(paper);
        lastPanel().fromPage({ type: 'ready' });
        assert.equal(logged.length, 1);
        assert.deepEqual([...fake.warnings, ...fake.errors], []);
      } finally {
        h.dispose();
      }
    });
  });

  describe('similar papers', () => {
    const near = [
      makePaper({
        id: 'n1',
        title: 'Sparse $\\alpha$-Attention',
        authors: ['Ada Near', 'Bo Two'],
        published: '2024-05-01',
      }),
      makePaper({ id: 'n2', title: 'Second Nearest', authors: ['Cy Third'] }),
    ];
    const similarMessages = (panel: FakeWebviewPanel) =>
      panel.posted.filter((m) => (m as { type: string }).type === 'similar') as {
        similar: { paperId: string; items: { title: string; detail: string; similarity: number }[] };
      }[];

    it('lists the papers most like the shown one, math as text, and opens the one clicked', async () => {
      const opened: string[] = [];
      const asked: string[] = [];
      const h = panelModule.createPaperPanel(
        { extensionUri: new FakeUri('ext') } as never,
        quietPanelDeps({
          similarTo: async (p) => {
            asked.push(p.id);
            return near.map((n, i) => ({ paper: n, similarity: 0.5 - i / 10 }));
          },
          open: (p) => opened.push(p.id),
        }),
      );
      try {
        h.show(paper);
        const panel = lastPanel();
        panel.fromPage({ type: 'ready' });
        await settle();
        assert.deepEqual(asked, ['1706.03762']);
        const [sent] = similarMessages(panel);
        assert.equal(sent.similar.paperId, '1706.03762');
        assert.deepEqual(sent.similar.items, [
          { title: 'Sparse α-Attention', detail: 'Ada Near et al. · 2024', similarity: 0.5 },
          { title: 'Second Nearest', detail: 'Cy Third', similarity: 0.4 },
        ]);
        panel.fromPage({ type: 'openSimilar', index: 1, title: 'Second Nearest' });
        await settle();
        assert.deepEqual(opened, ['n2']);
        // A click on a list the page no longer matches (index and title disagree) opens nothing.
        panel.fromPage({ type: 'openSimilar', index: 0, title: 'Second Nearest' });
        panel.fromPage({ type: 'openSimilar', index: 7, title: 'Sparse α-Attention' });
        await settle();
        assert.deepEqual(opened, ['n2']);
        // A page VS Code reloaded gets the list again after the paper.
        panel.fromPage({ type: 'ready' });
        assert.equal(similarMessages(panel).length, 2);
      } finally {
        h.dispose();
      }
    });

    it('drops a list that comes after the reader moved on, and logs a failure quietly', async () => {
      const logged: string[] = [];
      let release!: (hits: { paper: Paper; similarity: number }[]) => void;
      const h = panelModule.createPaperPanel(
        { extensionUri: new FakeUri('ext') } as never,
        quietPanelDeps({
          similarTo: (p) =>
            p.id === 'other'
              ? Promise.reject(new Error('index unreadable'))
              : new Promise((resolve) => (release = resolve)),
          log: { info: () => undefined, warn: (m) => logged.push(m), error: (m) => logged.push(m) },
        }),
      );
      try {
        h.show(paper);
        const panel = lastPanel();
        panel.fromPage({ type: 'ready' });
        h.show({ ...paper, id: 'other', title: 'Other' });
        await settle();
        release([{ paper: near[0], similarity: 0.9 }]);
        await settle();
        assert.deepEqual(similarMessages(panel), []);
        assert.match(logged.join('\n'), /finding papers similar to other failed: index unreadable/);
        assert.deepEqual([...fake.warnings, ...fake.errors], []);
      } finally {
        h.dispose();
      }
    });
  });
});
