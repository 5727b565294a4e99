// A .bib LitFeed may not write is refused before anything is edited. As root (CI) a chmod does
// not stop writes, so the read-only file lives on a read-only file system registered here.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { arxivPaper } from '../helpers/paper';
import {
  CURSOR,
  cite,
  closeEverything,
  openAt,
  parseBibFile,
  removeScratchDirs,
  scratchDir,
  workspaceDir,
} from './citeSupport';
import { activate } from './helpers';

const SCHEME = 'litfeed-readonly-test';
const BIB = '@misc{kept2020,\n  title={Kept},\n  year={2020},\n}\n';
const TEX = `\\documentclass{article}\n\\begin{document}\nRead-only ${CURSOR}.\n\\bibliography{refs}\n\\end{document}\n`;

/** Two files in memory; every write is refused, as a read-only mount would. */
class ReadonlyFiles implements vscode.FileSystemProvider {
  readonly files = new Map<string, Uint8Array>([
    ['/paper.tex', new TextEncoder().encode(TEX.replace(CURSOR, ''))],
    ['/refs.bib', new TextEncoder().encode(BIB)],
  ]);
  writes = 0;
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.files.get(uri.path);
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return {
      type: vscode.FileType.File,
      ctime: 0,
      mtime: 0,
      size: data.length,
      permissions: vscode.FilePermission.Readonly,
    };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  writeFile(uri: vscode.Uri): void {
    this.writes++;
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

describe('a read-only .bib', () => {
  const files = new ReadonlyFiles();
  let registration: vscode.Disposable;
  before(async () => {
    await activate();
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, files, {
      isReadonly: true,
      isCaseSensitive: true,
    });
  });
  after(async () => {
    await closeEverything();
    registration.dispose();
  });

  it('is refused before anything is edited: the document, the .bib and the file system stay as they were', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: SCHEME, path: '/paper.tex' }));
    const editor = await vscode.window.showTextDocument(doc);
    const caret = doc.positionAt(TEX.indexOf(CURSOR));
    editor.selection = new vscode.Selection(caret, caret);
    const before = doc.getText();
    const result = await cite(
      arxivPaper('2503.04321', { title: 'Read Only Bibliographies', authors: ['Ada Lovelace'] }),
    );
    assert.strictEqual(result, undefined, 'the cite went through');
    assert.strictEqual(doc.getText(), before);
    assert.strictEqual(doc.isDirty, false);
    assert.strictEqual(new TextDecoder().decode(files.files.get('/refs.bib')), BIB);
    const bibDoc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === SCHEME && d.uri.path === '/refs.bib');
    assert.ok(!bibDoc || (!bibDoc.isDirty && bibDoc.getText() === BIB), 'the .bib buffer changed');
    assert.strictEqual(files.writes, 0);
  });
});

// VS Code's files.readonlyInclude marks files read-only for a person typing, but lets an
// extension's WorkspaceEdit through; LitFeed reads the setting itself.
describe('a .bib marked read-only by files.readonlyInclude', () => {
  const files = () => vscode.workspace.getConfiguration('files');
  before(() => activate());
  afterEach(async () => {
    await files().update('readonlyInclude', undefined, vscode.ConfigurationTarget.Global);
    await files().update('readonlyExclude', undefined, vscode.ConfigurationTarget.Global);
    await closeEverything();
    removeScratchDirs();
  });

  /** A paper.tex citing from refs.bib in a new scratch folder; returns the folder. */
  async function texWithBib(name: string): Promise<string> {
    const dir = scratchDir(name);
    fs.writeFileSync(path.join(dir, 'refs.bib'), BIB);
    await openAt(path.join(dir, 'paper.tex'), TEX);
    return dir;
  }

  it('is refused, the document and the .bib untouched', async () => {
    const dir = await texWithBib('ro-setting');
    const glob = `${path.relative(workspaceDir(), dir).split(path.sep).join('/')}/*.bib`;
    await files().update('readonlyInclude', { [glob]: true }, vscode.ConfigurationTarget.Global);
    const doc = vscode.window.activeTextEditor?.document;
    const before = doc?.getText();
    const result = await cite(arxivPaper('2503.04322', { title: 'Marked Read Only', authors: ['Grace Hopper'] }));
    assert.strictEqual(result, undefined, 'the cite went through');
    assert.strictEqual(doc?.getText(), before);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'refs.bib'), 'utf8'), BIB);
    const bibDoc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === path.join(dir, 'refs.bib'));
    assert.ok(!bibDoc || !bibDoc.isDirty, 'the .bib buffer changed');
  });

  it('goes through when files.readonlyExclude takes the file back out', async () => {
    const dir = await texWithBib('ro-excluded');
    await files().update('readonlyInclude', { '**/*.bib': true }, vscode.ConfigurationTarget.Global);
    await files().update(
      'readonlyExclude',
      { [`**/${path.basename(dir)}/refs.bib`]: true },
      vscode.ConfigurationTarget.Global,
    );
    const result = await cite(arxivPaper('2503.04323', { title: 'Excluded Again', authors: ['Grace Hopper'] }));
    assert.ok(result, 'the cite was refused');
    assert.deepStrictEqual(result.added, [result.keys[0]]);
    const keys = (await parseBibFile(path.join(dir, 'refs.bib'))).map((e) => e.key);
    assert.deepStrictEqual(keys, ['kept2020', result.keys[0]]);
  });
});
