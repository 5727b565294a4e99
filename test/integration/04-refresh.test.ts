// Refresh against the loopback fixture server, started here because the extension host is
// where the extension fetches.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  expectedThisWeek,
  isoWeek,
  startHfFixtureServer,
  utcDay,
  type FixtureServer,
} from '../fixtures/server/hfFixtureServer';
import {
  activate,
  FEED_SETTINGS,
  filesUnder,
  keepSettings,
  labelText,
  readTree,
  setSetting,
  wipeFeedCache,
  type LitFeedApi,
} from './helpers';

// A weekday and the year, in whatever order the display language puts them ("Fri, Nov 27, 2026").
const DAY_LABEL = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), .*\b20\d\d$/;

describe('refresh against the fixture server', () => {
  let server: FixtureServer;
  let api: LitFeedApi;
  let restoreSettings: () => Promise<void>;

  before(async () => {
    api = await activate();
    restoreSettings = keepSettings(...FEED_SETTINGS);
    // The cache test below must see what this refresh wrote, not an earlier file's cache.
    wipeFeedCache(api);
    server = await startHfFixtureServer();
    await setSetting('feed.range', 'week');
    await setSetting('feed.sort', 'upvotes');
    await setSetting('sources.huggingFace.baseUrl', server.url);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restoreSettings();
    await server?.close();
  });

  it('"LitFeed: Refresh Feed" fetches this week from the configured server', async () => {
    await vscode.commands.executeCommand('litfeed.refresh');
    const state = api.state();
    assert.strictEqual(state.source, 'network', `state after refresh: ${JSON.stringify(state)}`);
    assert.strictEqual(state.stale, false);
    assert.ok(state.fetchedAt && !Number.isNaN(Date.parse(state.fetchedAt)), `fetchedAt: ${state.fetchedAt}`);
    const week = isoWeek(utcDay(new Date()));
    assert.ok(
      server.requests.some(
        (r) => r.startsWith('/api/daily_papers?') && new URLSearchParams(r.split('?')[1]).get('week') === week,
      ),
      `no request for week=${week}; got ${JSON.stringify(server.requests)}`,
    );
  });

  it("shows day groups, Today first, holding exactly this week's fixture papers", async () => {
    const tree = await readTree(api);
    const expected = expectedThisWeek();
    assert.ok(tree.length >= 1, 'no day groups');
    assert.strictEqual(tree[0].group.label, 'Today');
    const today = utcDay(new Date());
    const yesterday = utcDay(new Date(Date.now() - 86_400_000));
    for (const { group } of tree.slice(1)) {
      assert.ok(group.label === 'Yesterday' || DAY_LABEL.test(group.label), `unexpected day label "${group.label}"`);
    }
    const groupOf = (title: string) => tree.find((g) => g.papers.some((p) => p.label === title))?.group.label;
    for (const paper of expected) {
      const want = paper.day === today ? 'Today' : paper.day === yesterday ? 'Yesterday' : undefined;
      const got = groupOf(paper.title);
      assert.ok(got, `"${paper.title}" is not in the tree`);
      if (want) assert.strictEqual(got, want, `"${paper.title}" is under "${got}"`);
      else assert.match(got, DAY_LABEL);
    }
    const shown = tree.flatMap((g) => g.papers.map((p) => p.label)).sort();
    assert.deepStrictEqual(shown, expected.map((p) => p.title).sort());
  });

  it('orders papers by upvotes and describes them as "▲ upvotes · first author"', async () => {
    const tree = await readTree(api);
    const todayGroup = tree[0];
    assert.strictEqual(
      todayGroup.group.label,
      'Today',
      `tree: ${JSON.stringify(tree.map((g) => [g.group.label, g.papers.map((p) => p.label)]))}`,
    );
    const expected = expectedThisWeek()
      .filter((p) => p.day === utcDay(new Date()))
      .sort((a, b) => b.upvotes - a.upvotes);
    assert.deepStrictEqual(
      todayGroup.papers.map((p) => p.label),
      expected.map((p) => p.title),
    );
    for (const [i, row] of todayGroup.papers.entries()) {
      assert.ok(
        row.description.startsWith(`▲ ${expected[i].upvotes} · ${expected[i].firstAuthor}`),
        `description "${row.description}"`,
      );
    }
    assert.ok(!todayGroup.papers.some((p) => p.description.includes('Hidden Person')), 'a hidden author is shown');
  });

  it('writes the fetched papers to the feed cache in global storage', () => {
    const files = filesUnder(api.storageDir);
    const mentioning = files.filter((f) => fs.readFileSync(f, 'utf8').includes('2611.90003'));
    assert.ok(
      mentioning.length >= 1,
      `no cache file under ${api.storageDir} mentions the fixture paper; files: ${files.join(', ')}`,
    );
  });

  it('opens a clicked paper: its abstract in an editor or its abstract view', async () => {
    const [todayGroup] = await readTree(api);
    const first = todayGroup.papers[0];
    const item = await api.tree.getTreeItem(first.element);
    assert.ok(item.command, 'a paper row has a click command');
    assert.strictEqual(item.command.command, 'litfeed.openPaper');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const expected = expectedThisWeek().find((p) => p.title === labelText(item));
    assert.ok(expected);
    // Webview content is out of reach of the extension API (the e2e suite reads it on
    // screen); here the abstract view counts when its tab is open and named after the paper.
    const opened = () => {
      const text = vscode.window.visibleTextEditors.map((e) => e.document.getText()).join('\n');
      if (text.includes(expected.abstractStart) && text.includes(expected.title)) return 'editor';
      const tab = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find(
          (t) =>
            t.input instanceof vscode.TabInputWebview &&
            t.input.viewType.endsWith('litfeed.paper') &&
            expected.title.startsWith(t.label.replace(/…$/, '')),
        );
      return tab?.isActive ? 'webview' : undefined;
    };
    const deadline = Date.now() + 10_000;
    while (!opened() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    assert.ok(opened(), `"${expected.title}" was not opened; tabs: ${JSON.stringify(tabs)}`);
  });
});
