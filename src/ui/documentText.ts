import * as vscode from 'vscode';

/** The document VS Code holds open for `uri`, if any (shown in an editor or not). */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/**
 * A file's text: its open document's (unsaved edits included) when there is one, else what is
 * on disk, read without opening a document (which would tell every extension one was opened).
 */
export async function readText(uri: vscode.Uri): Promise<string> {
  const open = openDocument(uri);
  if (open) return open.getText();
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}
