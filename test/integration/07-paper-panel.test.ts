// The abstract view as the extension API sees it: a webview tab named after the paper, one
// panel reused for the next paper. What the page shows is checked on screen by the e2e suite.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { arxivPaper } from '../helpers/paper';
import { closeEverything, waitUntil } from './citeSupport';
import { activate } from './helpers';

function paperTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('litfeed.paper'));
}

describe('abstract view panel', function () {
  this.timeout(30_000);
  const first = arxivPaper('2503.11111', { title: 'Short Title', authors: ['Ada Lovelace'] });
  const second = arxivPaper('2503.22222', {
    title: 'A Much Longer Title About Lattices That Goes On and On',
    authors: ['Brook Sample'],
  });

  before(async () => {
    await activate();
    await closeEverything();
  });

  after(async () => {
    await closeEverything();
  });

  it('"LitFeed: Open Paper" opens a webview tab named after the paper, beside the editor', async () => {
    await vscode.commands.executeCommand('litfeed.openPaper', first);
    await waitUntil('a LitFeed paper tab', () => paperTabs().length === 1);
    const [tab] = paperTabs();
    assert.strictEqual(tab.label, 'Short Title');
  });

  it('reuses the same panel for the next paper (still one LitFeed tab), retitled; a long title is shortened', async () => {
    await vscode.commands.executeCommand('litfeed.openPaper', first);
    await waitUntil('a LitFeed paper tab', () => paperTabs().length === 1);
    await vscode.commands.executeCommand('litfeed.openPaper', second);
    await waitUntil('the tab retitled', () => paperTabs().some((t) => t.label !== 'Short Title'));
    const tabs = paperTabs();
    assert.strictEqual(tabs.length, 1, `LitFeed tabs: ${JSON.stringify(tabs.map((t) => t.label))}`);
    const label = tabs[0].label;
    assert.ok(label.endsWith('…') && second.title.startsWith(label.slice(0, -1)), `tab label "${label}"`);
    assert.ok([...label].length <= 40, `tab label "${label}" is at most 40 characters`);
  });

  it('opens a new panel after the old one was closed', async () => {
    await vscode.commands.executeCommand('litfeed.openPaper', first);
    await waitUntil('a LitFeed paper tab', () => paperTabs().length === 1);
    await vscode.window.tabGroups.close(paperTabs());
    await waitUntil('no LitFeed tab', () => paperTabs().length === 0);
    await vscode.commands.executeCommand('litfeed.openPaper', second);
    await waitUntil('a LitFeed paper tab again', () => paperTabs().length === 1);
  });

  it('opens the panel beside the text editor, leaving the editor where it was', async () => {
    await closeEverything();
    const doc = await vscode.workspace.openTextDocument({ language: 'latex', content: 'text' });
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('litfeed.openPaper', first);
    await waitUntil('a LitFeed paper tab', () => paperTabs().length === 1);
    const group = vscode.window.tabGroups.all.find((g) => g.tabs.includes(paperTabs()[0]));
    assert.ok(group && group.viewColumn !== vscode.ViewColumn.One, `the panel is in column ${group?.viewColumn}`);
    assert.strictEqual(
      vscode.window.activeTextEditor?.document,
      doc,
      'the text editor keeps the focus (preserveFocus)',
    );
  });
});
