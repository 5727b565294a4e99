// Issue 6 in a real VS Code: the watch list marks papers and announces new matches, the
// reading list survives a cache wipe and exports to .bib, arXiv categories fill their view.
// The file starts from this week of the fixture feed, no watch list and an empty reading list.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { bibtexEntry, type Paper } from '../../src/core';
import { expectedArxivPapers } from '../fixtures/server/arxivFixture';
import { expectedThisWeek, startHfFixtureServer, utcDay, type FixtureServer } from '../fixtures/server/hfFixtureServer';
import {
  activate,
  deadUrl,
  FEED_SETTINGS,
  keepSettings,
  labelText,
  refreshQuietly,
  setSetting,
  showFixtureWeek,
  wipeFeedCache,
  type LitFeedApi,
} from './helpers';

interface Node {
  element: unknown;
  item: vscode.TreeItem;
  label: string;
  description: string;
}

async function children(provider: vscode.TreeDataProvider<unknown>, parent?: unknown): Promise<Node[]> {
  const elements = (await provider.getChildren(parent)) ?? [];
  return Promise.all(
    elements.map(async (element) => {
      // As VS Code does when the pointer rests on a row: the tooltip comes with resolveTreeItem.
      const unresolved = await provider.getTreeItem(element);
      const token = new vscode.CancellationTokenSource().token;
      const item = (await provider.resolveTreeItem?.(unresolved, element, token)) ?? unresolved;
      return {
        element,
        item,
        label: labelText(item),
        description: typeof item.description === 'string' ? item.description : '',
      };
    }),
  );
}

function iconId(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

/** The tooltip as read on screen: MarkdownString.appendText escapes spaces and punctuation. */
function tooltipText(item: vscode.TreeItem): string {
  const t = item.tooltip;
  const raw = t === undefined ? '' : typeof t === 'string' ? t : t.value;
  return raw.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|$])/g, '$1');
}

function paperOf(node: Node): Paper {
  const paper =
    (node.element as { paper?: Paper; entry?: { paper: Paper } }).paper ??
    (node.element as { entry?: { paper: Paper } }).entry?.paper;
  assert.ok(paper, `"${node.label}" is not a paper row`);
  return paper;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as T;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every label in a tree, depth first. */
async function allLabels(provider: vscode.TreeDataProvider<unknown>, parent?: unknown): Promise<string[]> {
  const nodes = await children(provider, parent);
  const below = await Promise.all(
    nodes.map((n) => (n.item.collapsibleState ? allLabels(provider, n.element) : Promise.resolve([]))),
  );
  return nodes.flatMap((n, i) => [n.label, ...below[i]]);
}

/** The day group labelled Today and its children (a "Watched" group first when anything matches). */
async function todayGroup(api: LitFeedApi): Promise<{ day: Node; rows: Node[] } | undefined> {
  const day = (await children(api.tree)).find((n) => n.label === 'Today');
  return day ? { day, rows: await children(api.tree, day.element) } : undefined;
}

/** Removes every paper from the reading list (what "Remove from Reading List" does on each). */
async function emptyReadingList(api: LitFeedApi): Promise<void> {
  const saved = (await children(api.readingList)).map(paperOf);
  if (saved.length > 0) await vscode.commands.executeCommand('litfeed.unsave', saved);
  const left = await children(api.readingList);
  assert.deepStrictEqual(
    left.map((r) => r.label),
    [],
    'the reading list is empty',
  );
}

/** Captures the information messages the extension shows (it shares this API object with the tests). */
function captureInfoMessages(): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  const window = vscode.window as { showInformationMessage: (...args: unknown[]) => Thenable<unknown> };
  const original = window.showInformationMessage;
  window.showInformationMessage = (...args: unknown[]) => {
    messages.push(String(args[0]));
    return original.apply(vscode.window, args);
  };
  return { messages, restore: () => (window.showInformationMessage = original) };
}

describe('tracking: watch list, reading list, export, arXiv (issue 6)', function () {
  this.timeout(90_000);
  let api: LitFeedApi;
  let server: FixtureServer;
  let savedPapers: Paper[] = [];
  let restoreSettings: () => Promise<void>;
  let exported: string | undefined;
  const today = utcDay(new Date());
  const todays = expectedThisWeek().filter((p) => p.day === today);
  const titleOf = (id: string) => {
    const p = expectedThisWeek().find((e) => e.id === id);
    assert.ok(p, `fixture paper ${id} is not in this week`);
    return p.title;
  };
  // "attention" is in Alpha's and Eta's titles; "Testcase" is Beta's only author's family name.
  const watchedToday = ['2611.90001', '2611.90007', '2611.90002'];

  before(async () => {
    api = await activate();
    restoreSettings = keepSettings(
      ...FEED_SETTINGS,
      'watch.keywords',
      'watch.authors',
      'sources.arxiv.categories',
      'sources.arxiv.baseUrl',
    );
    server = await startHfFixtureServer();
    await setSetting('watch.keywords', undefined);
    await setSetting('watch.authors', undefined);
    assert.ok(api.readingList && api.arxiv, 'activate() exports the Reading List and arXiv view providers');
    await showFixtureWeek(api, server.url);
    await emptyReadingList(api);
  });

  after(async () => {
    await emptyReadingList(api);
    if (exported) fs.rmSync(exported, { force: true });
    await restoreSettings();
    await vscode.commands.executeCommand('notifications.clearAll');
    await server?.close();
  });

  it('without a watch list, no day has a "Watched" group and no row has the eye', async () => {
    const group = await todayGroup(api);
    assert.ok(group, 'no Today group');
    assert.ok(!group.rows.some((r) => r.label === 'Watched'), `rows: ${group.rows.map((r) => r.label).join(' | ')}`);
    assert.ok(!group.rows.some((r) => iconId(r.item) === 'eye'));
    assert.deepStrictEqual(group.rows.map((r) => r.label).sort(), todays.map((p) => p.title).sort());
  });

  it('a watched keyword and author put matching papers in "Watched" at the top of the day, with the eye and a "matches:" tooltip', async () => {
    await setSetting('watch.keywords', ['attention']);
    await setSetting('watch.authors', ['Testcase']);
    // Each setting redraws the tree on its own; wait for the one that has both.
    const group = await until('a Watched group of 3 under Today', async () => {
      const g = await todayGroup(api);
      return g?.rows[0]?.label === 'Watched' && g.rows[0].description === `${watchedToday.length} papers`
        ? g
        : undefined;
    }).catch(async (e: Error) => {
      const g = await todayGroup(api);
      throw new Error(`${e.message}; Today shows ${JSON.stringify(g?.rows.map((r) => [r.label, r.description]))}`);
    });
    const [watched, ...others] = group.rows;
    assert.strictEqual(iconId(watched.item), 'eye', 'the Watched group has the eye icon');
    assert.strictEqual(watched.item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.strictEqual(watched.description, `${watchedToday.length} papers`);
    const inWatched = await children(api.tree, watched.element);
    // Best upvoted first inside the group too (Alpha 42, Eta 30, Beta 17).
    assert.deepStrictEqual(
      inWatched.map((r) => r.label),
      watchedToday.map(titleOf),
    );
    for (const row of inWatched) {
      assert.strictEqual(iconId(row.item), 'eye', `"${row.label}" has the eye icon`);
      assert.match(row.item.contextValue ?? '', /^paper/);
    }
    assert.match(tooltipText(inWatched[0].item), /matches: attention/);
    assert.match(tooltipText(inWatched[2].item), /matches: Testcase/);
    // The rest of the day: the papers that match nothing, without the eye or a "matches:" line.
    assert.deepStrictEqual(
      others.map((r) => r.label).sort(),
      todays
        .filter((p) => !watchedToday.includes(p.id))
        .map((p) => p.title)
        .sort(),
    );
    for (const row of others) {
      assert.notStrictEqual(iconId(row.item), 'eye', `"${row.label}" matches nothing but has the eye`);
      assert.ok(!tooltipText(row.item).includes('matches:'), `"${row.label}" tooltip: ${tooltipText(row.item)}`);
    }
  });

  it('a refresh that brings new matching papers announces "N new papers match your watch list"', async () => {
    // Without a cache every fetched paper is new: wipe it and let the view re-read it.
    wipeFeedCache(api);
    await setSetting('sources.huggingFace.baseUrl', await deadUrl());
    await refreshQuietly(api);
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.notStrictEqual(api.state().source, 'network', 'the wiped cache still shows the network feed');
    await setSetting('sources.huggingFace.baseUrl', server.url);
    const capture = captureInfoMessages();
    try {
      await api.refresh();
      assert.strictEqual(api.state().source, 'network');
      const group = await until('a Watched group under Today after the refresh', async () => {
        const g = await todayGroup(api);
        return g?.rows[0]?.label === 'Watched' ? g : undefined;
      });
      // Only unread matches are announced (a paper opened before in this profile is read).
      const unreadMatches = (await children(api.tree, group.rows[0].element)).filter((r) =>
        (r.item.accessibilityInformation?.label ?? '').includes('unread'),
      );
      const weekMatches = unreadMatches.length; // every watched fixture paper of this week is today's
      const message = await until('the watch-list notification', async () =>
        capture.messages.find((m) => /match(es)? your watch list/.test(m)),
      );
      if (weekMatches === 1) {
        assert.match(
          message,
          new RegExp(
            `1 new paper matches your watch list: ${unreadMatches[0].label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
          ),
        );
      } else assert.match(message, new RegExp(`\\b${weekMatches} new papers match your watch list`), message);
    } finally {
      capture.restore();
    }
  });

  it('saving papers from their rows lists them in the Reading List view with their save date', async () => {
    const group = await todayGroup(api);
    assert.ok(group);
    const gamma = group.rows.find((r) => r.label === titleOf('2611.90003'));
    assert.ok(gamma, 'Gamma is not under Today');
    const alpha = (await children(api.tree, group.rows[0].element)).find((r) => r.label === titleOf('2611.90001'));
    assert.ok(alpha, 'Alpha is not in the Watched group');
    // What the inline bookmark button does: the command with the row's node.
    await vscode.commands.executeCommand('litfeed.save', gamma.element);
    await vscode.commands.executeCommand('litfeed.save', alpha.element);
    savedPapers = [paperOf(gamma), paperOf(alpha)];
    // The feed rows now offer "Remove from Reading List"; a paper that matches nothing shows the bookmark.
    const after = await todayGroup(api);
    const gammaNow = after?.rows.find((r) => r.label === titleOf('2611.90003'));
    assert.strictEqual(gammaNow?.item.contextValue, 'paper.saved');
    assert.strictEqual(iconId(gammaNow.item), 'bookmark');
    const alphaNow =
      after && (await children(api.tree, after.rows[0].element)).find((r) => r.label === titleOf('2611.90001'));
    assert.strictEqual(alphaNow?.item.contextValue, 'paper.saved');
    assert.ok(
      alphaNow.item.accessibilityInformation?.label.includes('saved'),
      'a watched saved paper says "saved" to a screen reader',
    );
    const saved = await until('both papers in the Reading List view', async () => {
      const rows = await children(api.readingList);
      return [titleOf('2611.90003'), titleOf('2611.90001')].every((t) => rows.some((r) => r.label === t))
        ? rows
        : undefined;
    });
    const stamp = new Intl.DateTimeFormat(vscode.env.language, { day: 'numeric', month: 'short' }).format(new Date());
    for (const row of saved) {
      assert.ok(row.description.startsWith(`saved ${stamp}`), `Reading List row "${row.label}": "${row.description}"`);
      assert.strictEqual(row.item.contextValue, 'paper.saved');
    }
  });

  it('saved papers survive a cache wipe', async () => {
    wipeFeedCache(api);
    await setSetting('sources.huggingFace.baseUrl', await deadUrl());
    await refreshQuietly(api);
    await vscode.commands.executeCommand('notifications.clearAll');
    const shown = await allLabels(api.tree);
    assert.ok(!shown.includes(titleOf('2611.90003')), `the wiped feed still shows Gamma: ${shown.join(' | ')}`);
    const rows = await children(api.readingList);
    assert.deepStrictEqual(rows.map((r) => r.label).sort(), [titleOf('2611.90001'), titleOf('2611.90003')].sort());
    // Kept whole: the abstract and authors, not just an id.
    const gamma = paperOf(rows.find((r) => r.label === titleOf('2611.90003')) as Node);
    assert.ok(gamma.abstract.startsWith('A seven billion parameter verifier'), `abstract: ${gamma.abstract}`);
    assert.deepStrictEqual(gamma.authors, ['Dmitri Stub', 'Eve Mock']);
    await setSetting('sources.huggingFace.baseUrl', server.url);
  });

  it('"Export Reading List to BibTeX" writes a .bib with the saved papers\' entries', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the integration run has a workspace folder');
    const target = path.join(folder.fsPath, 'reading-list.bib');
    fs.rmSync(target, { force: true });
    exported = target;
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand('litfeed.exportReadingList')).finally(
      () => (settled = true),
    );
    // code-server's save dialog is a quick input prefilled with <workspace>/reading-list.bib: accept it.
    const deadline = Date.now() + 20_000;
    while (!settled && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 700));
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await running;
    assert.ok(fs.existsSync(target), `${target} was not written`);
    const text = fs.readFileSync(target, 'utf8');
    const entries = text.split(/\n(?=@)/).filter((e) => e.trim().startsWith('@'));
    assert.strictEqual(entries.length, 2, text);
    for (const id of ['2611.90001', '2611.90003']) {
      const entry = entries.find((e) => e.includes(`eprint={${id}}`) || e.includes(`eprint = {${id}}`));
      assert.ok(entry, `no entry with eprint ${id} in:\n${text}`);
      assert.ok(entry.includes(titleOf(id).split(':')[0]), `entry for ${id} lacks its title:\n${entry}`);
    }
    // The same keys the citation commands give these papers.
    assert.strictEqual(savedPapers.length, 2, 'the save test ran first');
    for (const paper of savedPapers) {
      const { key } = bibtexEntry(paper);
      assert.ok(text.includes(`{${key},`), `key ${key} of "${paper.title}" is not in:\n${text}`);
    }
  });

  it('arXiv categories show up in the arXiv view, fetched 3 s apart, merged with the Hugging Face paper', async function () {
    this.timeout(60_000);
    await setSetting('sources.huggingFace.baseUrl', server.url);
    await api.refresh(); // the Hugging Face feed is back (the previous test wiped it)
    await setSetting('sources.arxiv.baseUrl', server.url);
    await setSetting('sources.arxiv.categories', ['cs.LG', 'cs.CL']);
    await vscode.commands.executeCommand('litfeed.refreshArxiv');
    const arxiv = api.arxiv;
    const sections = await until('both category sections with papers', async () => {
      const s = await children(arxiv);
      return s.length === 2 && s.every((c) => c.description !== '0 papers') ? s : undefined;
    });
    assert.deepStrictEqual(
      sections.map((s) => s.label),
      ['arXiv cs.LG', 'arXiv cs.CL'],
    );
    for (const [i, category] of ['cs.LG', 'cs.CL'].entries()) {
      const expected = expectedArxivPapers(category);
      assert.strictEqual(sections[i].description, `${expected.length} papers`);
      const days = await children(arxiv, sections[i].element);
      const rows = (await Promise.all(days.map((d) => children(arxiv, d.element)))).flat();
      assert.deepStrictEqual(rows.map((r) => r.label).sort(), expected.map((p) => p.title).sort(), `${category} rows`);
      assert.strictEqual(days[0].label, 'Today', `${category} days: ${days.map((d) => d.label).join(', ')}`);
    }
    const lg = (
      await Promise.all((await children(arxiv, sections[0].element)).map((d) => children(arxiv, d.element)))
    ).flat();
    // 2611.90001 is on Hugging Face too: one paper, with the Hub's upvotes.
    const alpha = lg.find((r) => r.label === titleOf('2611.90001'));
    assert.ok(alpha?.description.startsWith('▲ 42'), `Alpha in the arXiv view: "${alpha?.description}"`);
    // The watch list reaches arXiv papers too.
    const mu = lg.find((r) => r.label.startsWith('Arxiv Fixture Mu'));
    assert.strictEqual(mu && iconId(mu.item), 'eye');
    const kappa = lg.find((r) => r.label.startsWith('Arxiv Fixture Kappa'));
    assert.ok(
      kappa && tooltipText(kappa.item).includes('cs.LG, stat.ML'),
      `Kappa tooltip: ${kappa && tooltipText(kappa.item)}`,
    );
    // arXiv asks for 3 s between calls.
    const calls = server.requests
      .map((r, i) => ({ r, t: server.requestTimes[i] }))
      .filter((c) => c.r.startsWith('/api/query?'));
    assert.ok(calls.length >= 2, `arXiv requests: ${JSON.stringify(calls)}`);
    for (let i = 1; i < calls.length; i++) {
      assert.ok(calls[i].t - calls[i - 1].t >= 2_900, `arXiv calls ${calls[i].t - calls[i - 1].t} ms apart`);
    }
    const cached = fs.readdirSync(path.join(api.storageDir, 'feed'), { recursive: true }).map(String);
    assert.ok(
      cached.some((f) => f.includes('arxiv')),
      `no arXiv cache under ${api.storageDir}/feed: ${cached.join(', ')}`,
    );
  });
});
