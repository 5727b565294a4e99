/**
 * VS Code's own read-only marking by setting: `files.readonlyInclude` minus
 * `files.readonlyExclude` (globs relative to each workspace folder, or absolute). The editor
 * honours it when a person types, but not for an extension's WorkspaceEdit, so LitFeed asks
 * before it writes a .bib.
 */
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
