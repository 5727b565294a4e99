// Issue 16's notes in a real VS Code: "Open Notes" creates a paper's Markdown file with its
// header and the cursor below it, and opens the same file, untouched, every time after; the
// paper's row then says it has notes. The file sets its own notes folder and feed (the bundled
// sample, offline) and removes what it created.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { paperKey, type Paper } from '../../src/core';
import {
  activate,
  deadUrl,
  keepSettings,
  readTree,
  refreshQuietly,
  setSetting,
  wipeFeedCache,
  type FeedNode,
  type LitFeedApi,
} from './helpers';

const PAPER: Paper = {
  id: '2401.04242',
  arxivId: '2401.04242',
  title: 'Notes on "Quoted" Titles: A Study',
  authors: ['Ada Notetaker', 'Zoë Ångström'],
  abstract: 'An abstract that stays out of the notes header.',
  aiKeywords: [],
  links: { arxivAbs: 'https://arxiv.org/abs/2401.04242' },
  source: 'hf-daily',
};

async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('notes (integration)', function () {
  this.timeout(60_000);
  const restore = keepSettings('notes.folder', 'sources.huggingFace.baseUrl');
  let folder: string;
  let api: LitFeedApi;

  before(async () => {
    api = await activate();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'litfeed-notes-'));
  });

  after(async () => {
    await closeEditors();
    await restore();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('creates the notes file named after the key, with its header, and the cursor below it', async () => {
    await setSetting('notes.folder', folder);
    await vscode.commands.executeCommand('litfeed.openNotes', PAPER);
    const file = path.join(folder, `${paperKey(PAPER, { keyStyle: 'arxiv' })}.md`);
    assert.ok(fs.existsSync(file), `${file} was created`);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.uri.fsPath, file);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^---\ntitle: "Notes on \\"Quoted\\" Titles: A Study"\n/);
    assert.match(text, /\n {2}- "Zoë Ångström"\n/);
    assert.match(text, /\narxiv: "2401\.04242"\n/);
    assert.ok(!text.includes('abstract that stays out'), 'no abstract in the header');
    const line = editor.document.lineAt(editor.selection.active.line);
    assert.equal(line.text, '', 'the cursor is on the empty line below the header');
    assert.equal(editor.document.lineAt(line.lineNumber - 1).text, `# ${PAPER.title}`);
  });

  it('opens the same file again as the user left it, never rewriting it', async () => {
    await setSetting('notes.folder', folder);
    const file = path.join(folder, `${paperKey(PAPER, { keyStyle: 'arxiv' })}.md`);
    fs.writeFileSync(file, 'My own notes, no header.\n');
    await closeEditors();
    await vscode.commands.executeCommand('litfeed.openNotes', PAPER);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
    assert.equal(fs.readFileSync(file, 'utf8'), 'My own notes, no header.\n');
    assert.deepEqual(fs.readdirSync(folder), [path.basename(file)], 'no second file');
  });

  it('marks the row of a paper that has notes, and no other', async () => {
    await setSetting('notes.folder', folder);
    wipeFeedCache(api);
    await setSetting('sources.huggingFace.baseUrl', await deadUrl());
    await refreshQuietly(api);
    const rows = async () => (await readTree(api)).flatMap((g) => g.papers);
    const before = await rows();
    assert.ok(before.length >= 2, 'the sample feed shows papers');
    const first = before[0].element as Extract<FeedNode, { kind: 'paper' }>;
    await vscode.commands.executeCommand('litfeed.openNotes', first.paper);
    const after = await rows();
    assert.match(after[0].description, /\bnotes\b/, `row: ${after[0].description}`);
    assert.ok(!/\bnotes\b/.test(after[1].description), `another row: ${after[1].description}`);
  });

  it('puts notes in a folder relative to the workspace when the setting is a relative path', async () => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the test window has a workspace folder');
    const relative = `notes-${path.basename(folder)}`;
    await setSetting('notes.folder', relative);
    try {
      await vscode.commands.executeCommand('litfeed.openNotes', PAPER);
      assert.equal(
        vscode.window.activeTextEditor?.document.uri.fsPath,
        path.join(root, relative, `${paperKey(PAPER, { keyStyle: 'arxiv' })}.md`),
      );
    } finally {
      await closeEditors();
      fs.rmSync(path.join(root, relative), { recursive: true, force: true });
    }
  });
});
