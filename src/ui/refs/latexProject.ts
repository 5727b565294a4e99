import * as vscode from 'vscode';
import { isLatexRoot, latexIncludes } from '../../core/refs/project';
import type { LatexRoots } from '../cite/bibTarget';
import { findWorkspaceFiles, LATEX_FILES, readDocLike } from './workspaceFiles';

/** How deep `\input` chains are followed (a file including itself must not loop). */
const MAX_DEPTH = 8;

/**
 * Which root document includes a LaTeX file: the workspace's files with `\documentclass`
 * and everything they `\input`/`\include` (LaTeX reads those paths relative to the root's
 * folder). Read on first use and again after a .tex file is created, deleted or saved.
 */
export class LatexProject implements LatexRoots, vscode.Disposable {
  private roots: Promise<Map<string, vscode.Uri>> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(LATEX_FILES);
    const forget = () => (this.roots = undefined);
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(forget),
      watcher.onDidDelete(forget),
      watcher.onDidChange(forget),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (/\.(tex|ltx)$/i.test(doc.uri.path)) forget();
      }),
    );
  }

  async rootOf(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    this.roots ??= this.build();
    return (await this.roots).get(uri.toString());
  }

  private async build(): Promise<Map<string, vscode.Uri>> {
    const roots = new Map<string, vscode.Uri>();
    for (const uri of await findWorkspaceFiles(LATEX_FILES)) {
      const doc = await readDocLike(uri);
      if (!doc || !isLatexRoot(doc.getText())) continue;
      const dir = vscode.Uri.joinPath(uri, '..');
      const queue: { text: string; depth: number }[] = [{ text: doc.getText(), depth: 0 }];
      while (queue.length > 0) {
        const { text, depth } = queue.shift()!;
        for (const name of latexIncludes(text)) {
          const child = vscode.Uri.joinPath(dir, name);
          const key = child.toString();
          if (roots.has(key) || key === uri.toString()) continue;
          roots.set(key, uri);
          if (depth + 1 >= MAX_DEPTH) continue;
          const included = await readDocLike(child);
          if (included) queue.push({ text: included.getText(), depth: depth + 1 });
        }
      }
    }
    return roots;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}
