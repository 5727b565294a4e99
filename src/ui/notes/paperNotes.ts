/**
 * "Open Notes": the paper's Markdown notes file, created with a header the first time
 * (core/notes/noteFile.ts) and opened as it is every time after — the notes are the user's
 * files, never rewritten.
 */
import * as vscode from 'vscode';
import { paperKey } from '../../core/cite/bibtexEntry';
import { errorMessage } from '../../core/guards';
import { noteFileName, noteTemplate } from '../../core/notes/noteFile';
import type { Paper } from '../../core/paper';
import type { Logger } from '../../core/log';
import type { Settings } from '../settings';

export interface NotesDeps {
  settings(): Settings;
  /** LitFeed's global storage: the notes' home when no folder is open. */
  storage: vscode.Uri;
  log: Logger;
}

/** The notes folder: the setting (absolute, or relative to the first workspace folder), else `papers/` there, else global storage. */
export function notesFolder(deps: NotesDeps): vscode.Uri {
  const set = deps.settings().notesFolder;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (set !== '') {
    if (isAbsolute(set)) return vscode.Uri.file(set);
    if (root) return vscode.Uri.joinPath(root, set);
  }
  return root ? vscode.Uri.joinPath(root, 'papers') : vscode.Uri.joinPath(deps.storage, 'notes');
}

/** The paper's notes file (whether or not it exists yet). */
export function notesFile(deps: NotesDeps, paper: Paper): vscode.Uri {
  return vscode.Uri.joinPath(notesFolder(deps), noteFileName(paperKey(paper, deps.settings().citation)));
}

export async function openNotes(deps: NotesDeps, paper: Paper): Promise<vscode.TextEditor | undefined> {
  const file = notesFile(deps, paper);
  let cursorLine = 0;
  try {
    if (!(await exists(file))) {
      const key = paperKey(paper, deps.settings().citation);
      const template = noteTemplate(paper, key);
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
      // Created only if still absent: a file another window made meanwhile is kept as it is.
      const created = await createExclusive(file, template.text);
      if (created) cursorLine = template.cursorLine;
    }
    const editor = await vscode.window.showTextDocument(file, { preview: false });
    if (cursorLine > 0) {
      const at = new vscode.Position(cursorLine, 0);
      editor.selection = new vscode.Selection(at, at);
    }
    return editor;
  } catch (err) {
    deps.log.error(`opening the notes ${file.toString()} failed: ${errorMessage(err)}`);
    vscode.window.showErrorMessage(
      vscode.l10n.t('LitFeed: cannot open the notes of "{0}": {1}', paper.title, errorMessage(err)),
    );
    return undefined;
  }
}

async function exists(file: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes a new file; false when one is there already (never overwritten). */
async function createExclusive(file: vscode.Uri, text: string): Promise<boolean> {
  if (file.scheme === 'file') {
    const fs = await import('fs/promises');
    try {
      await fs.writeFile(file.fsPath, text, { encoding: 'utf8', flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  }
  if (await exists(file)) return false;
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
  return true;
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}
