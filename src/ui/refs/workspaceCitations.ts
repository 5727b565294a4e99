import * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';
import type { Paper } from '../../core/paper';
import { entryIds } from '../../core/refs/bibIndex';
import { entryPaper } from '../../core/refs/entryPaper';
import { entrySummary } from '../../core/refs/entrySummary';
import type { CitedKey } from '../../core/refs/citationScan';
import { lineIndex, lineStarts } from '../../core/textLines';
import { TimeSlicer } from '../../core/timeSlice';
import type { Bibliographies } from './bibliographies';
import type { CitedPlace, PaperCitations } from './citedPlaces';
import type { DocumentCitations } from './documentCitations';
import { Settle } from '../settle';
import { CITING_FILES, findWorkspaceFiles, readDocLike, stampOf } from './workspaceFiles';

/** One citation in a workspace file, resolved against that file's bibliography. */
interface Citation {
  key: string;
  line: number;
  character: number;
  /** The .bib (URI string) whose entry the key names, when one does. */
  bib?: string;
  /** `arXiv:…` and `doi:…` identifiers of that entry. */
  ids: string[];
}

interface FileCitations {
  uri: vscode.Uri;
  /** The .bib files (URI strings) the file cites from. */
  bibs: Set<string>;
  citations: Citation[];
}

/** Edits to a file are read again after this pause in typing. */
const SETTLE_MS = 1000;

/**
 * Every citation in the workspace's documents, with what it cites: for Find All References
 * (citations of a key among the documents sharing a bibliography) and for "Cited in" (where
 * a paper LitFeed knows is cited). Read on first use, one file per turn of the event loop,
 * then kept current as files are edited, saved, created and deleted, and as .bib files change.
 */
export class WorkspaceCitations implements PaperCitations, vscode.Disposable {
  private files = new Map<string, FileCitations>();
  /** What each file was when last read: its open version, or its modification time and size. */
  private readonly stamps = new Map<string, string>();
  private byId = new Map<string, CitedPlace[]>();
  private built: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private readonly settle = new Settle(SETTLE_MS);

  constructor(
    private readonly bibs: Bibliographies,
    private readonly scans: DocumentCitations,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(CITING_FILES);
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate((uri) => this.later(uri)),
      watcher.onDidChange((uri) => this.later(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.files.has(e.document.uri.toString())) this.later(e.document.uri);
      }),
      bibs.onDidChange((bib) => this.bibChanged(bib)),
    );
  }

  /** Reads the workspace, once; later calls wait for the same reading. */
  ready(): Promise<void> {
    this.built ??= this.build();
    return this.built;
  }

  isCited(paper: Paper): boolean {
    return this.places(paper).length > 0;
  }

  places(paper: Paper): readonly CitedPlace[] {
    const ids = [];
    if (paper.arxivId) ids.push(`arXiv:${paper.arxivId.toLowerCase()}`);
    if (paper.doi) ids.push(`doi:${paper.doi.toLowerCase()}`);
    const found = ids.flatMap((id) => this.byId.get(id) ?? []);
    if (ids.length < 2) return found;
    // The arXiv id and the DOI may name the same entry: each place once.
    const seen = new Set<string>();
    return found.filter((p) => {
      const at = `${p.uri}#${p.line}:${p.character}`;
      return !seen.has(at) && seen.add(at);
    });
  }

  /**
   * The entries the workspace's documents cite, each once, as papers (for the "For you"
   * model), the first `max` found: a document citing from a 10,000-entry .bib gives what it cites.
   */
  async citedPapers(max: number): Promise<Paper[]> {
    await this.ready();
    const byBib = new Map<string, Set<string>>();
    for (const file of this.files.values()) {
      for (const c of file.citations) {
        if (c.bib === undefined) continue;
        let keys = byBib.get(c.bib);
        if (!keys) byBib.set(c.bib, (keys = new Set()));
        keys.add(c.key);
      }
    }
    const papers: Paper[] = [];
    // Reading an entry as text costs 25–100 µs: two thousand of them are read in slices.
    const slicer = new TimeSlicer();
    for (const [bib, keys] of byBib) {
      const index = await this.bibs.index(vscode.Uri.parse(bib));
      for (const key of keys) {
        const entry = index?.byKey.get(key);
        if (!entry) continue;
        papers.push(entryPaper(entry, entrySummary(entry)));
        if (papers.length >= max) return papers;
        if (slicer.due()) await slicer.yield();
      }
    }
    return papers;
  }

  /**
   * Citations of `key` in the files that cite from one of `bibs` (any .bib when empty). Files
   * changed since they were read (a watcher's event may still be on its way) are read first.
   */
  async references(key: string, bibs: ReadonlySet<string>): Promise<vscode.Location[]> {
    await this.ready();
    if (await this.catchUp()) this.recount();
    const locations: vscode.Location[] = [];
    for (const file of this.files.values()) {
      if (bibs.size > 0 && ![...file.bibs].some((b) => bibs.has(b))) continue;
      for (const c of file.citations) {
        if (c.key !== key) continue;
        const at = new vscode.Position(c.line, c.character);
        locations.push(new vscode.Location(file.uri, new vscode.Range(at, at.translate(0, key.length))));
      }
    }
    return locations;
  }

  private async build(): Promise<void> {
    const started = Date.now();
    await this.catchUp();
    this.recount();
    this.log.info(`read the citations of ${this.stamps.size} workspace files in ${Date.now() - started} ms`);
  }

  /** Reads the workspace's files that are new or changed since they were read; true when any was. */
  private async catchUp(): Promise<boolean> {
    const uris = await findWorkspaceFiles(CITING_FILES);
    const present = new Set(uris.map((u) => u.toString()));
    let changed = false;
    for (const key of [...this.stamps.keys()]) {
      if (present.has(key)) continue;
      this.stamps.delete(key);
      changed = this.files.delete(key) || changed;
    }
    for (const uri of uris) {
      const stamp = await stampOf(uri);
      if (stamp === undefined || this.stamps.get(uri.toString()) === stamp) continue;
      await this.read(uri);
      changed = true;
    }
    return changed;
  }

  /** Reads one file again (after a pause when it is being edited). */
  private later(uri: vscode.Uri): void {
    if (this.built === undefined) return;
    this.settle.run(uri.toString(), () => {
      this.read(uri)
        .then(() => this.recount())
        .catch((err) => this.log.warn(`reading the citations of ${uri.fsPath} failed: ${errorMessage(err)}`));
    });
  }

  private remove(uri: vscode.Uri): void {
    this.stamps.delete(uri.toString());
    if (this.files.delete(uri.toString())) this.recount();
  }

  private bibChanged(bib: vscode.Uri): void {
    if (this.built === undefined) return;
    const key = bib.toString();
    const affected = [...this.files.values()].filter((f) => f.bibs.has(key)).map((f) => f.uri);
    (async () => {
      for (const uri of affected) await this.read(uri);
      this.recount();
    })().catch((err) => this.log.warn(`re-reading citations after ${bib.fsPath} changed failed: ${errorMessage(err)}`));
  }

  private async read(uri: vscode.Uri): Promise<void> {
    const stamp = await stampOf(uri);
    if (stamp !== undefined) this.stamps.set(uri.toString(), stamp);
    const doc = await readDocLike(uri);
    const keys: CitedKey[] = doc ? this.scans.keys(doc) : [];
    if (!doc || keys.length === 0) {
      this.files.delete(uri.toString());
      return;
    }
    const bib = await this.bibs.forDocument(doc);
    const text = doc.getText();
    const lines = lineStarts(text);
    const citations: Citation[] = keys.map((k) => {
      const line = lineIndex(lines, k.start);
      const found = bib?.find(k.key);
      return {
        key: k.key,
        line,
        character: k.start - lines[line],
        ...(found ? { bib: found.uri.toString() } : {}),
        ids: found ? entryIds(found.entry) : [],
      };
    });
    this.files.set(uri.toString(), { uri, bibs: new Set(bib?.files.map((f) => f.uri.toString()) ?? []), citations });
  }

  /** The places of each cited paper, by identifier. */
  private recount(): void {
    const byId = new Map<string, CitedPlace[]>();
    for (const file of this.files.values()) {
      const path = vscode.workspace.asRelativePath(file.uri);
      for (const c of file.citations) {
        for (const id of c.ids) {
          const place: CitedPlace = {
            uri: file.uri.toString(),
            label: `${path}:${c.line + 1}`,
            line: c.line,
            character: c.character,
          };
          const list = byId.get(id);
          if (list) list.push(place);
          else byId.set(id, [place]);
        }
      }
    }
    this.byId = byId;
    this.changed.fire();
  }

  dispose(): void {
    this.settle.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
