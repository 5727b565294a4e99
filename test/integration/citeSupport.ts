/**
 * What the citation and abstract-view integration tests share: scratch folders inside the
 * workspace the harness opened, editors with the cursor at a marked spot, LitFeed's questions
 * answered, and .bib files read back with the maintained parser (not with the code under test).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CiteResult } from '../../src/ui/cite/citations';

/** Where the cursor goes in the text given to `openAt`. */
export const CURSOR = '‸';

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return folder.uri.fsPath;
}

export function repoFixture(...parts: string[]): string {
  // Compiled to out/test/integration/; fixtures stay in test/fixtures/.
  return path.resolve(__dirname, '../../../test/fixtures', ...parts);
}

let scratchCount = 0;

/** A new folder inside the workspace, for one test's files. */
export function scratchDir(name: string): string {
  const dir = path.join(workspaceDir(), `it-${name}-${process.pid}-${++scratchCount}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeScratchDirs(): void {
  for (const entry of fs.readdirSync(workspaceDir())) {
    if (entry.startsWith('it-')) fs.rmSync(path.join(workspaceDir(), entry), { recursive: true, force: true });
  }
}

/**
 * Runs `run` with LitFeed's quick picks answered by `answer` instead of a person, and returns
 * what it asked (the placeholders). The extension calls the same `vscode.window` object the
 * tests hold, so the stand-in sees every question, however slowly the machine runs.
 */
export async function answeringQuickPicks<T>(
  answer: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined,
  run: () => Thenable<T>,
): Promise<{ result: T; asked: string[] }> {
  const asked: string[] = [];
  const window = vscode.window as { showQuickPick: (...args: unknown[]) => Thenable<unknown> };
  const original = window.showQuickPick;
  window.showQuickPick = async (items: unknown, options?: unknown) => {
    asked.push((options as vscode.QuickPickOptions | undefined)?.placeHolder ?? '');
    return answer(await (items as Thenable<readonly vscode.QuickPickItem[]>));
  };
  try {
    return { result: await run(), asked };
  } finally {
    window.showQuickPick = original;
  }
}

/** Writes `text` (one CURSOR marks the caret) to `file`, opens it and puts the caret there. */
export async function openAt(file: string, text: string): Promise<vscode.TextEditor> {
  const at = text.indexOf(CURSOR);
  assert.ok(at >= 0 && text.indexOf(CURSOR, at + 1) < 0, 'exactly one cursor marker');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text.replace(CURSOR, ''));
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  const pos = doc.positionAt(at);
  editor.selection = new vscode.Selection(pos, pos);
  assert.strictEqual(
    vscode.window.activeTextEditor?.document.uri.toString(),
    doc.uri.toString(),
    'the document is the active editor',
  );
  return editor;
}

/** Moves the caret of the active editor to just before the first `needle` (plus `delta`). */
export function caretAt(editor: vscode.TextEditor, needle: string, delta = 0): void {
  const at = editor.document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in the document`);
  const pos = editor.document.positionAt(at + delta);
  editor.selection = new vscode.Selection(pos, pos);
}

/**
 * Turns off auto-save and returns what turns it back to what it was. VS Code for the Web
 * (code-server) saves every edited file after 1 s by default. Off, as on the desktop, a .bib is
 * saved only by LitFeed, which is what the citation tests look at; on, a slow run saves a
 * user's unsaved edit to disk in the middle of a cite.
 */
export async function autoSaveOff(): Promise<() => Promise<void>> {
  const files = () => vscode.workspace.getConfiguration('files');
  const before = files().inspect('autoSave')?.globalValue;
  await files().update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  return async () => {
    await files().update('autoSave', before, vscode.ConfigurationTarget.Global);
  };
}

/** Reverts every unsaved document and closes every editor, so the next test starts clean. */
export async function closeEverything(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.isClosed) continue;
    if (doc.isUntitled) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      continue;
    }
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
}

export interface ParsedEntry {
  key: string;
  type: string;
  fields: Record<string, string>;
}

interface ParserModule {
  parseAsync(
    text: string,
    options: Record<string, unknown>,
  ): Promise<{
    entries: { key: string; type: string; fields: Record<string, unknown> }[];
    errors: { error: string }[];
  }>;
}

// In a variable so tsc leaves a real import() (the parser is an ES module).
const PARSER = '@retorquere/bibtex-parser';

/** Entries of a .bib text by the maintained parser; fails the test when it reports errors. */
export async function parseBibText(text: string): Promise<ParsedEntry[]> {
  const parser = (await import(PARSER)) as ParserModule;
  const lib = await parser.parseAsync(text, { raw: true, verbatimFields: [/.*/], sentenceCase: false, english: false });
  const errors = lib.errors.filter((e) => /at line \d+/.test(e.error));
  assert.deepStrictEqual(errors, [], `the .bib text does not parse:\n${text}`);
  return lib.entries.map((e) => ({
    key: e.key,
    type: e.type.toLowerCase(),
    fields: Object.fromEntries(
      Object.entries(e.fields).map(([k, v]) => [
        k.toLowerCase(),
        Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' and ') : String(v),
      ]),
    ),
  }));
}

export async function parseBibFile(file: string): Promise<ParsedEntry[]> {
  return parseBibText(fs.readFileSync(file, 'utf8'));
}

export function entriesFor(entries: ParsedEntry[], arxivId: string): ParsedEntry[] {
  return entries.filter((e) => e.fields.eprint === arxivId);
}

export async function waitUntil(
  what: string,
  probe: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// What `litfeed.cite` returns: the command hands back the Citer's result.
export type { CiteResult } from '../../src/ui/cite/citations';

export function cite(...args: unknown[]): Thenable<CiteResult | undefined> {
  return vscode.commands.executeCommand<CiteResult | undefined>('litfeed.cite', ...args);
}

/** The document VS Code holds for `file`, if it has one open (shown or not). */
export function openDocument(file: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
}
