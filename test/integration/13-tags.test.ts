// Issue 16's tags in a real VS Code: Tag Paper saves and tags papers (from a Paper or a Reading
// List row, and through its pick), the Reading List groups and filters by tag, Rename Tag
// merges, Delete Tag asks first and says how many papers, Export Tag writes the tag's papers to
// a .bib. The file starts from an empty reading list, ungrouped and unfiltered, and leaves it so.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { bibtexEntry, MAX_TAG_LENGTH, type Paper } from '../../src/core';
import type { ReadingNode } from '../../src/ui/tracking/readingListView';
import { activate, keepSettings, labelText, setSetting, type LitFeedApi } from './helpers';

function makePaper(n: number, title: string, authors: string[]): Paper {
  const id = `2402.0${n}${n}${n}${n}`;
  return {
    id,
    arxivId: id,
    title,
    authors,
    abstract: `The abstract of paper ${n}.`,
    aiKeywords: [],
    published: `2024-02-0${n}T00:00:00.000Z`,
    links: { arxivAbs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` },
    source: 'hf-daily',
  };
}

const ALPHA = makePaper(1, 'Alpha Tagged: Attention for Readers', ['Ada Tagger']);
const BETA = makePaper(2, 'Beta Tagged: Vision at Scale', ['Bo Label', 'Zoë Ångström']);
const GAMMA = makePaper(3, 'Gamma Untagged: Nothing to Sort', ['Cy Plain']);
const ODD = '"Quoted" #1 機械学習';

interface Row {
  node: ReadingNode;
  item: vscode.TreeItem;
  label: string;
  description: string;
}

async function rows(api: LitFeedApi, parent?: ReadingNode): Promise<Row[]> {
  const provider = api.readingList;
  const nodes = (await provider.getChildren(parent)) ?? [];
  return Promise.all(
    nodes.map(async (node) => {
      const unresolved = await provider.getTreeItem(node);
      const token = new vscode.CancellationTokenSource().token;
      const item = (await provider.resolveTreeItem?.(unresolved, node, token)) ?? unresolved;
      return {
        node,
        item,
        label: labelText(item),
        description: typeof item.description === 'string' ? item.description : '',
      };
    }),
  );
}

/** The view as a person reads it: each top row with the labels of the rows under it. */
async function outline(api: LitFeedApi): Promise<[string, string[]][]> {
  const top = await rows(api);
  return Promise.all(
    top.map(async (r) => [r.label, (await rows(api, r.node)).map((c) => c.label)] as [string, string[]]),
  );
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined | false;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

function tagsOf(row: Row): string[] {
  assert.equal(row.node.kind, 'saved', `"${row.label}" is not a paper row`);
  return row.node.kind === 'saved' ? [...row.node.entry.tags] : [];
}

async function rowOf(api: LitFeedApi, paper: Paper): Promise<Row> {
  const row = (await rows(api)).find((r) => r.node.kind === 'saved' && r.node.entry.paper.id === paper.id);
  assert.ok(row, `"${paper.title}" is not in the Reading List`);
  return row;
}

async function emptyReadingList(api: LitFeedApi): Promise<void> {
  await vscode.commands.executeCommand('litfeed.clearReadingListTagFilter');
  await setSetting('readingList.groupByTag', false);
  const saved = (await rows(api)).flatMap((r) => (r.node.kind === 'saved' ? [r.node.entry.paper] : []));
  if (saved.length > 0) await vscode.commands.executeCommand('litfeed.unsave', saved);
  assert.deepEqual(await rows(api), [], 'the reading list is empty');
}

/** Replaces one `vscode.window` function (the extension shares this API object) until restored. */
function stubWindow<K extends 'showInformationMessage' | 'showWarningMessage'>(
  name: K,
  answer: (...args: unknown[]) => unknown,
): { calls: unknown[][]; restore(): void } {
  const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = window[name];
  const calls: unknown[][] = [];
  window[name] = (...args: unknown[]) => {
    calls.push(args);
    return answer(...args);
  };
  return { calls, restore: () => (window[name] = original) };
}

/** Runs a command that opens a quick input, accepting what it shows until the command settles. */
async function acceptUntilDone(command: Thenable<unknown>): Promise<unknown> {
  let settled = false;
  const running = Promise.resolve(command).finally(() => (settled = true));
  const deadline = Date.now() + 20_000;
  while (!settled && Date.now() < deadline) {
    await Promise.race([running, new Promise((r) => setTimeout(r, 500))]);
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  assert.ok(settled, 'the command was still waiting for its quick input');
  return running;
}

describe('tags on saved papers (integration, issue 16)', function () {
  this.timeout(90_000);
  let api: LitFeedApi;
  const restore = keepSettings('readingList.groupByTag', 'readingList.sort');
  const written: string[] = [];

  before(async () => {
    api = await activate();
    await setSetting('readingList.sort', 'title');
    await emptyReadingList(api);
  });

  after(async () => {
    await emptyReadingList(api);
    await restore();
    for (const file of written) fs.rmSync(file, { force: true });
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('tags an unsaved paper, saving it (and saying so); the row says its tags', async () => {
    const info = stubWindow('showInformationMessage', () => Promise.resolve(undefined));
    try {
      await vscode.commands.executeCommand('litfeed.tagPaper', ALPHA, undefined, ['ML', 'to read']);
    } finally {
      info.restore();
    }
    assert.ok(
      info.calls.some(([m]) => /was saved to the Reading List with its tags/.test(String(m))),
      `messages: ${JSON.stringify(info.calls)}`,
    );
    const row = await rowOf(api, ALPHA);
    assert.deepEqual(tagsOf(row), ['ML', 'to read']);
    assert.match(row.description, /tagged ML, to read/);
    // As read on screen: MarkdownString.appendText escapes spaces and punctuation.
    const tooltip = row.item.tooltip instanceof vscode.MarkdownString ? row.item.tooltip.value : '';
    assert.match(tooltip.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1'), /\$\(tag\) Tags: ML, to read/);
  });

  it('tags from a Reading List row as its context menu does, spelling a tag in use as it is spelt', async () => {
    await vscode.commands.executeCommand('litfeed.save', [BETA, GAMMA]);
    const beta = await rowOf(api, BETA);
    await vscode.commands.executeCommand('litfeed.tagPaper', beta.node, [beta.node], ['ml', 'vision', ODD]);
    assert.deepEqual(tagsOf(await rowOf(api, BETA)), ['ML', 'vision', ODD]);
    assert.deepEqual(tagsOf(await rowOf(api, GAMMA)), []);
  });

  it('caps a very long tag name', async () => {
    await vscode.commands.executeCommand('litfeed.tagPaper', GAMMA, undefined, ['x'.repeat(500)]);
    assert.deepEqual(tagsOf(await rowOf(api, GAMMA)), ['x'.repeat(MAX_TAG_LENGTH)]);
    await vscode.commands.executeCommand('litfeed.tagPaper', GAMMA, undefined, []);
    assert.deepEqual(tagsOf(await rowOf(api, GAMMA)), [], 'an empty pick untags');
  });

  it('opens the pick with the paper\u2019s tags ticked: accepting it as shown changes nothing', async () => {
    const changed = await acceptUntilDone(vscode.commands.executeCommand('litfeed.tagPaper', BETA));
    assert.strictEqual(changed, 0, 'accepted (a dismissed pick resolves to undefined), nothing changed');
    assert.deepEqual(tagsOf(await rowOf(api, BETA)), ['ML', 'vision', ODD]);
  });

  it('groups the Reading List by tag: a paper under each of its tags, the untagged last', async () => {
    await vscode.commands.executeCommand('litfeed.groupReadingListByTag');
    const groups = await until('the tag groups', async () => {
      const o = await outline(api);
      return o.length > 0 && o[0][1].length > 0 ? o : undefined;
    });
    assert.deepEqual(groups, [
      [ODD, [BETA.title]],
      ['ML', [ALPHA.title, BETA.title]],
      ['to read', [ALPHA.title]],
      ['vision', [BETA.title]],
      ['Untagged', [GAMMA.title]],
    ]);
    const top = await rows(api);
    assert.equal(top[1].description, '2 papers');
    assert.equal(top[1].item.contextValue, 'tag', 'a tag group offers Rename, Delete and Export');
    assert.equal(top[4].item.contextValue, 'untagged');
    // One paper under two groups: two rows, two ids.
    const ids = (await Promise.all(top.map((g) => rows(api, g.node)))).flat().map((r) => r.item.id);
    assert.equal(new Set(ids).size, ids.length, `row ids: ${ids.join(', ')}`);
    await vscode.commands.executeCommand('litfeed.ungroupReadingList');
    await until('the flat list again', async () => (await rows(api)).every((r) => r.node.kind === 'saved'));
  });

  it('filters the Reading List to a tag (from a tag group\u2019s row too), and the filter clears', async () => {
    await vscode.commands.executeCommand('litfeed.filterReadingListByTag', 'ml');
    assert.deepEqual(
      (await rows(api)).map((r) => r.label),
      [ALPHA.title, BETA.title],
    );
    await vscode.commands.executeCommand('litfeed.clearReadingListTagFilter');
    assert.equal((await rows(api)).length, 3);
    await setSetting('readingList.groupByTag', true);
    const vision = await until('the vision group', async () => (await rows(api)).find((r) => r.label === 'vision'));
    await vscode.commands.executeCommand('litfeed.filterReadingListByTag', vision.node);
    // A filter is one tag: its papers in one list, even when the view is grouped.
    assert.deepEqual(
      (await rows(api)).map((r) => r.label),
      [BETA.title],
    );
    await vscode.commands.executeCommand('litfeed.clearReadingListTagFilter');
    await setSetting('readingList.groupByTag', false);
  });

  it('renames a tag on every paper; onto a tag in use it merges, and a filter on it follows', async () => {
    await vscode.commands.executeCommand('litfeed.renameTag', 'to read', 'Reading Group');
    assert.deepEqual(tagsOf(await rowOf(api, ALPHA)), ['ML', 'Reading Group']);
    await vscode.commands.executeCommand('litfeed.filterReadingListByTag', 'vision');
    const changed = await vscode.commands.executeCommand('litfeed.renameTag', 'vision', 'ML');
    assert.equal(changed, 1);
    assert.deepEqual(tagsOf(await rowOf(api, BETA)), ['ML', ODD], 'merged into ML, once');
    assert.deepEqual(
      (await rows(api)).map((r) => r.label),
      [ALPHA.title, BETA.title],
      'the filter on vision now shows ML',
    );
    await vscode.commands.executeCommand('litfeed.clearReadingListTagFilter');
  });

  it('exports a tag\u2019s papers to a .bib named after it, with the keys Cite gives them', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the integration run has a workspace folder');
    const target = path.join(folder.fsPath, 'ml.bib');
    fs.rmSync(target, { force: true });
    written.push(target);
    // code-server's save dialog is a quick input prefilled with <workspace>/ml.bib: accept it.
    await acceptUntilDone(vscode.commands.executeCommand('litfeed.exportTag', 'ML'));
    assert.ok(fs.existsSync(target), `${target} was not written`);
    const text = fs.readFileSync(target, 'utf8');
    const entries = text.split(/\n(?=@)/).filter((e) => e.trim().startsWith('@'));
    assert.equal(entries.length, 2, text);
    for (const paper of [ALPHA, BETA]) assert.ok(text.includes(`{${bibtexEntry(paper).key},`), text);
    assert.ok(!text.includes(GAMMA.arxivId ?? GAMMA.id), 'the untagged paper is not exported');
  });

  it('deletes a tag from every paper after a modal that says how many; the papers stay saved', async () => {
    const declined = stubWindow('showWarningMessage', () => Promise.resolve(undefined));
    try {
      await vscode.commands.executeCommand('litfeed.deleteTag', 'ml');
    } finally {
      declined.restore();
    }
    assert.equal(declined.calls.length, 1);
    const [message, options] = declined.calls[0] as [string, vscode.MessageOptions];
    assert.match(message, /Delete the tag “ML” from 2 papers\?/);
    assert.equal(options.modal, true);
    assert.deepEqual(tagsOf(await rowOf(api, ALPHA)), ['ML', 'Reading Group'], 'declining keeps the tag');

    const accepted = stubWindow('showWarningMessage', (...args) => Promise.resolve(args[2]));
    try {
      assert.equal(await vscode.commands.executeCommand('litfeed.deleteTag', 'ML'), 2);
    } finally {
      accepted.restore();
    }
    assert.deepEqual(tagsOf(await rowOf(api, ALPHA)), ['Reading Group']);
    assert.deepEqual(tagsOf(await rowOf(api, BETA)), [ODD]);
    assert.equal((await rows(api)).length, 3, 'every paper is still saved');
  });
});
