import * as vscode from 'vscode';
import { isBibtexPath } from '../../core/cite/bibDiscovery';
import { mayCite, servesCitations } from '../cite/citeContext';
import { documentLanguage } from '../cite/documentLanguage';
import { Settle } from '../settle';

/** A document is checked after this pause in typing. */
const SETTLE_MS = 300;

/**
 * Part of the start-up bundle: decides when a document's citations are checked, without
 * loading anything for documents that cannot cite or cite nothing. The check itself (and the
 * bundle it is in) runs only for documents that may cite, after a pause in typing.
 */
export class CitationCheckTriggers implements vscode.Disposable {
  private readonly settle = new Settle(SETTLE_MS);
  private readonly subscriptions: vscode.Disposable[];

  /** `forget` must not load anything: there is nothing to forget before the first check. */
  constructor(
    private readonly check: (doc: vscode.TextDocument) => unknown,
    private readonly forget: (uri: vscode.Uri) => unknown,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.settle.cancel(doc.uri.toString());
        if (served(doc)) this.forget(doc.uri);
      }),
    ];
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc);
  }

  /** Whether the text may cite is asked once typing pauses, not on every key. */
  private schedule(doc: vscode.TextDocument): void {
    if (!served(doc)) return;
    this.settle.run(doc.uri.toString(), () => {
      if (doc.isClosed) return;
      if (isBibtexPath(doc.uri.path) || mayCite(doc.getText(), documentLanguage(doc))) this.check(doc);
      // It cited before and no longer does: its old diagnostics go.
      else this.forget(doc.uri);
    });
  }

  dispose(): void {
    this.settle.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

/** A .bib or a document of a citing language, on a file system LitFeed reads. */
function served(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== 'vscode-remote') return false;
  return isBibtexPath(doc.uri.path) || servesCitations(doc);
}
