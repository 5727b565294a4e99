import * as vscode from 'vscode';
import { isBibtexPath } from '../../core/cite/bibDiscovery';
import { errorMessage } from '../../core/guards';
import { entryFor, indexBib, type BibEntryInfo, type BibIndex } from '../../core/refs/bibIndex';
import type { BibTargetFinder, DocLike } from '../cite/bibTarget';
import { readText } from '../documentText';
import { Settle } from '../settle';
import { stampOf } from './workspaceFiles';

/** One bibliography file of a document, read. */
export interface BibFile {
  uri: vscode.Uri;
  index: BibIndex;
}

/** Where a key is defined. `exact` is false when only the case differs. */
export interface FoundEntry {
  uri: vscode.Uri;
  entry: BibEntryInfo;
  exact: boolean;
}

/** The bibliography a document cites from: every file it names that exists, read. */
export class DocBibliography {
  constructor(
    readonly files: readonly BibFile[],
    /** Files named but not found. */
    readonly missing: readonly vscode.Uri[],
    /** False when the files came from the setting or the user's pick, not from the document. */
    readonly named: boolean,
  ) {}

  /** The entry for `key`: an exact match in any file first, then one differing only in case. */
  find(key: string): FoundEntry | undefined {
    for (const { uri, index } of this.files) {
      const entry = index.byKey.get(key);
      if (entry) return { uri, entry, exact: true };
    }
    for (const { uri, index } of this.files) {
      const entry = entryFor(index, key);
      if (entry) return { uri, entry, exact: false };
    }
    return undefined;
  }

  /** Every key, files in order, each once. */
  keys(): string[] {
    const keys = new Set<string>();
    for (const { index } of this.files) for (const key of index.byKey.keys()) keys.add(key);
    return [...keys];
  }

  /** Every entry with its file, for completion. */
  *entries(): Iterable<{ uri: vscode.Uri; entry: BibEntryInfo }> {
    for (const { uri, index } of this.files) for (const entry of index.byKey.values()) yield { uri, entry };
  }

  uses(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return this.files.some((f) => f.uri.toString() === key);
  }
}

/** A .bib being edited counts as changed after this pause in typing. */
const SETTLE_MS = 300;

interface Cached {
  stamp: string;
  index: Promise<BibIndex>;
}

/**
 * The .bib files of the workspace's documents, each read once per change and shared by hover,
 * go to entry, references, diagnostics and completion. An open .bib is read from its buffer
 * (unsaved edits count), a closed one from disk; a file is read again when its buffer's
 * version or its modification time and size change. `onDidChange` fires when a .bib changed,
 * so that what depends on it is checked again.
 */
export class Bibliographies implements vscode.Disposable {
  private readonly cache = new Map<string, Cached>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private readonly typing = new Settle(SETTLE_MS);

  constructor(
    private readonly finder: BibTargetFinder,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.bib');
    const fire = (uri: vscode.Uri) => this.changed.fire(uri);
    this.subscriptions.push(
      watcher,
      watcher.onDidChange(fire),
      watcher.onDidCreate(fire),
      watcher.onDidDelete(fire),
      // Typing in a .bib: what depends on it is checked once the typing pauses, not per key.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!isBibtexPath(e.document.uri.path) || e.contentChanges.length === 0) return;
        this.typing.run(e.document.uri.toString(), () => fire(e.document.uri));
      }),
      // Closing a .bib with unsaved edits puts the disk's text back in force.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (isBibtexPath(doc.uri.path)) fire(doc.uri);
      }),
    );
  }

  /** The bibliography `doc` cites from; undefined when nothing names, sets or picked one. */
  async forDocument(doc: DocLike): Promise<DocBibliography | undefined> {
    const target = await this.finder.bibFiles(doc);
    if (!target) return undefined;
    const files: BibFile[] = [];
    const missing: vscode.Uri[] = [];
    for (const uri of target.uris) {
      const index = await this.index(uri);
      if (index) files.push({ uri, index });
      else missing.push(uri);
    }
    return new DocBibliography(files, missing, target.named);
  }

  /** The file read, or undefined when it does not exist or cannot be read. */
  async index(uri: vscode.Uri): Promise<BibIndex | undefined> {
    const key = uri.toString();
    const stamp = await stampOf(uri);
    if (stamp === undefined) {
      this.cache.delete(key);
      return undefined;
    }
    const hit = this.cache.get(key);
    if (hit && hit.stamp === stamp) return hit.index;
    const index = readText(uri).then((text) => indexBib(text));
    this.cache.set(key, { stamp, index });
    index.catch(() => this.cache.delete(key));
    return index.catch((err: unknown) => {
      this.log.warn(`${uri.fsPath} could not be read: ${errorMessage(err)}`);
      return undefined;
    });
  }

  dispose(): void {
    this.typing.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
