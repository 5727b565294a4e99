/**
 * VS Code's own read-only marking by setting: `files.readonlyInclude` minus
 * `files.readonlyExclude` (globs relative to each workspace folder, or absolute). The editor
 * honours it when a person types, but not for an extension's WorkspaceEdit, so LitFeed asks
 * before it writes a .bib.
 */
import { access, constants as fsConstants } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';

export function markedReadonlyBySetting(doc: vscode.TextDocument): boolean {
  const files = vscode.workspace.getConfiguration('files', doc.uri);
  return (
    matchesAny(doc, files.get<unknown>('readonlyInclude')) && !matchesAny(doc, files.get<unknown>('readonlyExclude'))
  );
}

/** Whether one of the globs switched on (`"glob": true`) in `setting` covers `doc`. */
function matchesAny(doc: vscode.TextDocument, setting: unknown): boolean {
  if (typeof setting !== 'object' || setting === null) return false;
  for (const [glob, on] of Object.entries(setting)) {
    if (on !== true || glob.trim() === '') continue;
    const patterns: vscode.GlobPattern[] = path.isAbsolute(glob)
      ? [glob]
      : (vscode.workspace.workspaceFolders ?? []).map((folder) => new vscode.RelativePattern(folder, glob));
    if (patterns.some((pattern) => vscode.languages.match({ pattern }, doc) > 0)) return true;
  }
  return false;
}

/**
 * True when the .bib may not be written: marked read-only in VS Code (`files.readonlyInclude`,
 * a read-only file system) or on disk. Checked before anything is edited, so a cite never
 * leaves the document changed and the .bib unsaveable.
 */
export async function isReadonly(uri: vscode.Uri): Promise<boolean> {
  try {
    if (markedReadonlyBySetting(await vscode.workspace.openTextDocument(uri))) return true;
  } catch {
    // Not openable as text: the checks below still apply.
  }
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.permissions !== undefined && (stat.permissions & vscode.FilePermission.Readonly) !== 0) return true;
  } catch {
    return false;
  }
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false) return true;
  if (uri.scheme !== 'file') return false;
  try {
    await access(uri.fsPath, fsConstants.W_OK);
    return false;
  } catch {
    return true;
  }
}
