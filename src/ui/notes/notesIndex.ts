/**
 * Which papers have notes: the names of the notes folder's Markdown files, read once and
 * again when a file there is created or deleted, compared with each paper's notes file name.
 * The trees ask for every row they draw, so a paper's name is worked out once. The files'
 * text goes to search (`onNotes`), read again when one changes.
 */
import * as vscode from 'vscode';
import { paperKey } from '../../core/cite/bibtexEntry';
import { errorMessage } from '../../core/guards';
import { noteFileName, noteSearchPaper } from '../../core/notes/noteFile';
import type { Paper } from '../../core/paper';
import { notesFolder, type NotesDeps } from './paperNotes';

const REREAD_DELAY_MS = 1000;
/** Bytes of a notes file read for search (its header and the start of the text). */
const MAX_NOTE_BYTES = 64 * 1024;

export class NotesIndex implements vscode.Disposable {
  private names = new Set<string>();
  private readonly nameOf = new Map<string, string>();
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  private rereading: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deps: NotesDeps,
    /** What the notes files say of their papers, for search. */
    private readonly onNotes: (papers: Paper[]) => void = () => undefined,
  ) {
    this.settingsChanged();
  }

  has(paper: Paper): boolean {
    if (this.names.size === 0) return false;
    let name = this.nameOf.get(paper.id);
    if (name === undefined) {
      name = noteFileName(paperKey(paper, this.deps.settings().citation));
      this.nameOf.set(paper.id, name);
    }
    return this.names.has(name);
  }

  /** The folder or the key style may have changed: names are worked out and read again. */
  settingsChanged(): void {
    this.nameOf.clear();
    this.watcher?.dispose();
    const folder = notesFolder(this.deps);
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '*.md'));
    this.watcher.onDidCreate(() => void this.reload());
    this.watcher.onDidDelete(() => void this.reload());
    // Typing in a note saves often: its text is read again once saving pauses.
    this.watcher.onDidChange(() => {
      if (this.rereading) clearTimeout(this.rereading);
      this.rereading = setTimeout(() => void this.reload(), REREAD_DELAY_MS);
    });
    void this.reload();
  }

  async reload(): Promise<void> {
    const folder = notesFolder(this.deps);
    let names: Set<string>;
    try {
      const entries = await vscode.workspace.fs.readDirectory(folder);
      names = new Set(
        entries.filter(([n, type]) => type === vscode.FileType.File && n.endsWith('.md')).map(([n]) => n),
      );
    } catch (err) {
      if (!(err instanceof vscode.FileSystemError && err.code === 'FileNotFound')) {
        this.deps.log.warn(`reading the notes folder ${folder.toString()} failed: ${errorMessage(err)}`);
      }
      names = new Set();
    }
    const same = names.size === this.names.size && [...names].every((n) => this.names.has(n));
    this.names = names;
    if (!same) this.changed.fire();
    this.onNotes(await this.readNotes(folder, names));
  }

  private async readNotes(folder: vscode.Uri, names: ReadonlySet<string>): Promise<Paper[]> {
    const papers: Paper[] = [];
    for (const name of names) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name));
        const paper = noteSearchPaper(new TextDecoder().decode(bytes.subarray(0, MAX_NOTE_BYTES)));
        if (paper) papers.push(paper);
      } catch (err) {
        this.deps.log.warn(`reading the notes ${name} failed: ${errorMessage(err)}`);
      }
    }
    return papers;
  }

  dispose(): void {
    if (this.rereading) clearTimeout(this.rereading);
    this.watcher?.dispose();
    this.changed.dispose();
  }
}
