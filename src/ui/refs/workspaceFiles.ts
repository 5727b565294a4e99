import * as vscode from 'vscode';
import type { DocLike } from '../cite/bibTarget';
import { documentLanguage } from '../cite/documentLanguage';
import { openDocument, readText } from '../documentText';

/** Files that can cite: LaTeX, Markdown, Quarto, R Markdown, Typst, reStructuredText. */
export const CITING_FILES = '**/*.{tex,ltx,md,markdown,qmd,Rmd,rmd,typ,rst}';
export const LATEX_FILES = '**/*.{tex,ltx}';
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/.venv/**,**/_build/**,**/_site/**}';
/** A workspace with more such files than this is read up to this many. */
const MAX_FILES = 5000;

export function findWorkspaceFiles(glob: string): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles(glob, EXCLUDE, MAX_FILES);
}

/**
 * A file of the workspace as the finder and the scanner see it: the open document (unsaved
 * edits included) or the text on disk (`readText`). Undefined when it cannot be read.
 */
export async function readDocLike(uri: vscode.Uri): Promise<DocLike | undefined> {
  const open = openDocument(uri);
  if (open) return open;
  try {
    const text = await readText(uri);
    const plain = { uri, languageId: 'plaintext', getText: () => text };
    return { uri, languageId: documentLanguage(plain), getText: () => text };
  } catch {
    return undefined;
  }
}

/**
 * What a file is now, to tell whether it changed since it was read: its version while open
 * (unsaved edits count), else its modification time and size; undefined when it is gone.
 */
export async function stampOf(uri: vscode.Uri): Promise<string | undefined> {
  const open = openDocument(uri);
  if (open) return `v${open.version}`;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return `m${stat.mtime}:${stat.size}`;
  } catch {
    return undefined;
  }
}
