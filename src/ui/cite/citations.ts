import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BibEngine } from '../../core/cite/bibDiscovery';
import { appendEntry, keysIn, parseBib, type BibRecord } from '../../core/cite/bibDocument';
import {
  keysWhenAddedAlone,
  newEntries,
  planCitation,
  type EntryOptions,
  type ForeignEntry,
} from '../../core/cite/citePlan';
import { citationFor, citationSyntax, citeText, insertionAt } from '../../core/cite/citeText';
import { bibliographyText } from '../../core/cite/exportBib';
import type { Paper } from '../../core/paper';
import type { BibTargetFinder } from './bibTarget';
import { openDocument, readText } from '../documentText';
import { entryOptions, type CitationSettings } from '../settings';
import { documentLanguage } from './documentLanguage';
import { isReadonly } from './readonlySetting';

/** What a cite or add-entry run decided, for messages and tests. */
export interface CiteResult {
  keys: string[];
  added: string[];
  reused: string[];
  bibFile?: vscode.Uri;
  inserted?: string;
}

/** What citing needs of Zotero (ui/zotero/zoteroLink.ts), kept narrow so tests can stand in. */
export interface ZoteroCiting {
  /** Better BibTeX's key and entry of each paper Zotero has (by paper id); throws a ZoteroError. */
  entriesFor(papers: readonly Paper[], engine: BibEngine | undefined): Promise<Map<string, ForeignEntry>>;
  isAutoExport(bib: vscode.Uri, text: string): boolean;
  /** The message for a failure of `entriesFor`. */
  describe(err: unknown): string;
}

/** An entry to cite that exists already (a Zotero item): its key, and its text when asked for. */
export interface KeyedSource {
  key: string;
}

/**
 * Cites papers where the cursor is and keeps the document's bibliography right: existing
 * entries for the same paper are reused, new keys never clash, the .bib is only appended to,
 * and the document and the .bib change in one WorkspaceEdit (one undo).
 */
export class Citer {
  private lastEditor: vscode.TextEditor | undefined;

  /** `targets` is shared with the other commands that need a document's .bib, and its picks with them. */
  constructor(
    private readonly settings: () => CitationSettings,
    private readonly log: vscode.LogOutputChannel,
    private readonly targets: BibTargetFinder,
    private readonly zotero?: ZoteroCiting,
  ) {
    this.lastEditor = vscode.window.activeTextEditor;
  }

  /** Versions of .bib documents as LitFeed last saved them. */
  private readonly savedByUs = new Map<string, number>();

  /**
   * Keeps the last text editor, since focusing the abstract panel leaves none active; and
   * keeps a .bib LitFeed saved in step with its undo: one undo in the document also reverts
   * the entry in the .bib's buffer, which then is saved too, so the file on disk follows.
   */
  trackEditors(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.uri.scheme !== 'output') this.lastEditor = editor;
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const key = e.document.uri.toString();
        const saved = this.savedByUs.get(key);
        if (saved === undefined) return;
        const undoing =
          e.reason === vscode.TextDocumentChangeReason.Undo || e.reason === vscode.TextDocumentChangeReason.Redo;
        // Only an undo/redo straight after our own save: any edit of the user's ends the watch.
        if (!undoing || e.document.version !== saved + 1) {
          this.savedByUs.delete(key);
          return;
        }
        e.document.save().then(
          (ok) => (ok ? this.savedByUs.set(key, e.document.version) : this.savedByUs.delete(key)),
          () => this.savedByUs.delete(key),
        );
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.savedByUs.delete(doc.uri.toString())),
    );
  }

  private editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const last = this.lastEditor;
    if (last && !last.document.isClosed && vscode.window.visibleTextEditors.includes(last)) return last;
    return undefined;
  }

  async cite(papers: readonly Paper[]): Promise<CiteResult | undefined> {
    if (papers.length === 0) return undefined;
    const editor = this.editor();
    if (!editor) return this.citeToClipboard(papers);
    const doc = editor.document;
    const language = documentLanguage(doc);
    const settings = this.settings();
    if (citationSyntax(language) === undefined) {
      // Keys only, no entry is written: the ASCII choice does not matter here.
      const items = newEntries(papers, this.entryOptions());
      const text = citationFor(items, language, { fallback: settings.fallback, latexCommand: settings.latexCommand });
      await editor.edit((b) => b.replace(editor.selection, text));
      return { keys: items.map((i) => i.key), added: [], reused: [], inserted: text };
    }
    const { uri: bibUri, engine } = await this.targets.find(doc, { ask: true });
    if (!bibUri) return undefined;
    const foreign = await this.fromZotero(bibUri, papers, engine);
    if (foreign === 'stop') return undefined;
    if (foreign.autoExport) return this.citeKeys(editor, foreign.keys, bibUri);
    const plan = await this.planEntries(bibUri, papers, entryOptions(this.settings(), engine), foreign.entries);
    if (!plan) return undefined;
    const keys = plan.cited.map((c) => c.key);
    const offset = doc.offsetAt(editor.selection.active);
    const insertion = editor.selection.isEmpty
      ? insertionAt(doc.getText(), offset, keys, language, { latexCommand: settings.latexCommand })
      : {
          offset: doc.offsetAt(editor.selection.start),
          insertText: citeText(keys, language, { latexCommand: settings.latexCommand }),
        };

    const edit = new vscode.WorkspaceEdit();
    if (editor.selection.isEmpty) edit.insert(doc.uri, doc.positionAt(insertion.offset), insertion.insertText);
    else edit.replace(doc.uri, editor.selection, insertion.insertText);
    await this.addToEdit(edit, bibUri, plan);
    if (!(await vscode.workspace.applyEdit(edit))) {
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: VS Code refused the edit; nothing was changed.'));
      return undefined;
    }
    await this.saveBib(bibUri, plan.wasDirty);
    const result: CiteResult = {
      keys,
      added: plan.added,
      reused: plan.reused,
      bibFile: bibUri,
      inserted: insertion.insertText,
    };
    this.report(result);
    return result;
  }

  /** Adds entries to the document's bibliography without citing (completion, Insert entry). */
  async addEntries(doc: vscode.TextDocument, papers: readonly Paper[]): Promise<CiteResult | undefined> {
    const { uri: bibUri, engine } = await this.targets.find(doc, { ask: true });
    if (!bibUri) return undefined;
    const plan = await this.planEntries(bibUri, papers, entryOptions(this.settings(), engine));
    if (!plan) return undefined;
    if (plan.newText.length > 0) {
      const edit = new vscode.WorkspaceEdit();
      await this.addToEdit(edit, bibUri, plan);
      if (!(await vscode.workspace.applyEdit(edit))) return undefined;
      await this.saveBib(bibUri, plan.wasDirty);
    }
    return { keys: plan.cited.map((c) => c.key), added: plan.added, reused: plan.reused, bibFile: bibUri };
  }

  /**
   * The missing-key fix: `doc` cites `key` at `range` and no entry defines it. Adds `paper`'s
   * entry with exactly that key, so the text stays as written — unless the .bib already has
   * an entry for the paper (same arXiv id or DOI), whose key then replaces the citation's,
   * since one paper must not have two entries. One WorkspaceEdit either way.
   */
  async addEntryWithKey(
    doc: vscode.TextDocument,
    paper: Paper,
    key: string,
    range: vscode.Range,
  ): Promise<CiteResult | undefined> {
    const { uri: bibUri, engine } = await this.targets.find(doc, { ask: true });
    if (!bibUri) return undefined;
    const plan = await this.planEntries(bibUri, [paper], { ...entryOptions(this.settings(), engine), key });
    if (!plan) return undefined;
    const cited = plan.cited[0].key;
    const edit = new vscode.WorkspaceEdit();
    if (cited !== key) edit.replace(doc.uri, range, cited);
    await this.addToEdit(edit, bibUri, plan);
    if (!(await vscode.workspace.applyEdit(edit))) {
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: VS Code refused the edit; nothing was changed.'));
      return undefined;
    }
    await this.saveBib(bibUri, plan.wasDirty);
    const result: CiteResult = { keys: [cited], added: plan.added, reused: plan.reused, bibFile: bibUri };
    if (cited !== key) {
      vscode.window.showInformationMessage(
        vscode.l10n.t(
          'LitFeed: {0} already has this paper as "{1}", so the citation now uses that key.',
          vscode.workspace.asRelativePath(bibUri),
          cited,
        ),
      );
    }
    this.report(result);
    return result;
  }

  /**
   * The key each paper has (or would get) in the bibliography `doc` uses, whose entries the
   * caller read (`existing`); for completion.
   */
  async keysFor(
    doc: vscode.TextDocument,
    papers: readonly Paper[],
    existing: readonly BibRecord[],
  ): Promise<Map<string, string>> {
    const { engine } = await this.targets.find(doc, { ask: false });
    return keysWhenAddedAlone(papers, existing, entryOptions(this.settings(), engine));
  }

  async copyBibtex(papers: readonly Paper[]): Promise<void> {
    if (papers.length === 0) return;
    await vscode.env.clipboard.writeText(bibliographyText(papers, this.entryOptions()).text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied {0} BibTeX entries', papers.length), 4000);
  }

  /** Inserts the BibTeX entries as text at the cursor (e.g. into a .bib being edited). */
  async insertBibtex(papers: readonly Paper[]): Promise<void> {
    const editor = this.editor();
    if (!editor) {
      await this.copyBibtex(papers);
      vscode.window.showInformationMessage(
        vscode.l10n.t('LitFeed: no open editor, so the BibTeX entries were copied to the clipboard.'),
      );
      return;
    }
    let taken = new Set<string>();
    if (editor.document.languageId === 'bibtex' || editor.document.uri.path.endsWith('.bib')) {
      const parsed = await parseBib(editor.document.getText());
      if (parsed.ok) taken = keysIn(parsed.entries);
    }
    const { text } = bibliographyText(papers, this.entryOptions(), taken);
    await editor.edit((b) => b.replace(editor.selection, text));
  }

  /** Entry options with no document to go by: `auto` writes UTF-8. */
  private entryOptions(): EntryOptions {
    return entryOptions(this.settings());
  }

  private async citeToClipboard(papers: readonly Paper[]): Promise<CiteResult> {
    const { text, keys } = bibliographyText(papers, this.entryOptions());
    const citation = citeText(keys, 'latex', { latexCommand: this.settings().latexCommand });
    await vscode.env.clipboard.writeText(`${citation}\n\n${text}`);
    vscode.window.showInformationMessage(
      vscode.l10n.t(
        'LitFeed: no text editor is open, so {0} and its BibTeX entry were copied to the clipboard.',
        citation,
      ),
    );
    return { keys, added: [], reused: [], inserted: citation };
  }

  /** Reads and parses the .bib; refuses (with a message) to touch one that does not parse. */
  private async planEntries(
    bibUri: vscode.Uri,
    papers: readonly Paper[],
    options: EntryOptions,
    foreign?: ReadonlyMap<string, ForeignEntry>,
  ) {
    const open = openDocument(bibUri);
    let text = '';
    let exists = true;
    try {
      text = await readText(bibUri);
    } catch {
      exists = false;
    }
    const name = vscode.workspace.asRelativePath(bibUri);
    if (exists && (await isReadonly(bibUri))) {
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: {0} is read-only. Nothing was changed.', name));
      return undefined;
    }
    const parsed = await parseBib(text);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      const openIt = vscode.l10n.t('Open {0}', path.basename(bibUri.path));
      vscode.window
        .showErrorMessage(
          vscode.l10n.t(
            'LitFeed: {0} does not parse (line {1}: {2}). Nothing was changed; fix the file and cite again.',
            name,
            first.line,
            first.message,
          ),
          openIt,
        )
        .then(async (choice) => {
          if (choice !== openIt) return;
          const editor = await vscode.window.showTextDocument(bibUri);
          const pos = new vscode.Position(Math.max(0, first.line - 1), 0);
          editor.selection = new vscode.Selection(pos, pos);
          editor.revealRange(new vscode.Range(pos, pos));
        });
      this.log.warn(`${bibUri.fsPath}: ${parsed.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
      return undefined;
    }
    const plan = planCitation(papers, parsed.entries, options, text, foreign);
    return { ...plan, exists, wasDirty: open?.isDirty ?? false, endText: text };
  }

  private async addToEdit(
    edit: vscode.WorkspaceEdit,
    bibUri: vscode.Uri,
    plan: { newText: string; exists: boolean; endText: string },
  ): Promise<void> {
    if (plan.newText.length === 0) return;
    if (!plan.exists) {
      edit.createFile(bibUri, { ignoreIfExists: true });
      edit.insert(bibUri, new vscode.Position(0, 0), plan.newText);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(bibUri);
    edit.insert(bibUri, doc.positionAt(plan.endText.length), plan.newText);
  }

  /** Saves a .bib LitFeed changed, unless it held unsaved edits of the user's before. */
  private async saveBib(bibUri: vscode.Uri, wasDirty: boolean): Promise<void> {
    if (wasDirty) return;
    const doc = openDocument(bibUri);
    if (!doc?.isDirty) return;
    if (await doc.save()) this.savedByUs.set(bibUri.toString(), doc.version);
    else {
      vscode.window.showWarningMessage(
        vscode.l10n.t('LitFeed: {0} was changed but could not be saved.', vscode.workspace.asRelativePath(bibUri)),
      );
    }
  }

  /**
   * What Zotero says of the papers: nothing unless the key style is `zotero` or the .bib is a
   * Better BibTeX auto-export. An auto-export is never edited, so every paper must be in
   * Zotero (else nothing is cited); for the key style, Zotero not answering means `bbt` keys.
   */
  private async fromZotero(
    bibUri: vscode.Uri,
    papers: readonly Paper[],
    engine: BibEngine | undefined,
  ): Promise<{ autoExport: boolean; keys: string[]; entries?: Map<string, ForeignEntry> } | 'stop'> {
    const zotero = this.zotero;
    if (!zotero) return { autoExport: false, keys: [] };
    let text = '';
    try {
      text = await readText(bibUri);
    } catch {
      text = '';
    }
    const autoExport = text !== '' && zotero.isAutoExport(bibUri, text);
    if (!autoExport && this.settings().keyStyle !== 'zotero') return { autoExport: false, keys: [] };
    let entries: Map<string, ForeignEntry>;
    try {
      entries = await zotero.entriesFor(papers, engine);
    } catch (err) {
      this.log.warn(`Better BibTeX keys: ${String(err)}`);
      if (autoExport) {
        vscode.window.showErrorMessage(zotero.describe(err));
        return 'stop';
      }
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(warning) Zotero did not answer; LitFeed made the keys'), 6000);
      return { autoExport: false, keys: [] };
    }
    if (!autoExport) return { autoExport: false, keys: [], entries };
    const missing = papers.filter((p) => !entries.has(p.id));
    if (missing.length > 0) {
      vscode.window.showErrorMessage(
        vscode.l10n.t(
          'LitFeed: {0} is kept by Better BibTeX (an auto-export), so LitFeed does not edit it, and Zotero does not have {1}. Save it to Zotero first (LitFeed: Save to Zotero); the auto-export then adds it. Nothing was changed.',
          vscode.workspace.asRelativePath(bibUri),
          missing.map((p) => `"${p.title}"`).join(', '),
        ),
      );
      return 'stop';
    }
    const seen = new Set<string>();
    const keys = papers.map((p) => (entries.get(p.id) as ForeignEntry).key).filter((k) => !seen.has(k) && seen.add(k));
    return { autoExport: true, keys };
  }

  /** Inserts the citation of `keys` and nothing else: the .bib is an auto-export. */
  private async citeKeys(
    editor: vscode.TextEditor,
    keys: string[],
    bibUri: vscode.Uri,
  ): Promise<CiteResult | undefined> {
    const edit = new vscode.WorkspaceEdit();
    const inserted = this.addCitation(edit, editor, keys);
    if (!(await vscode.workspace.applyEdit(edit))) {
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: VS Code refused the edit; nothing was changed.'));
      return undefined;
    }
    const result: CiteResult = { keys, added: [], reused: keys, bibFile: bibUri, inserted };
    this.report(result);
    return result;
  }

  /** Adds the citation of `keys` at the cursor (or over the selection) to `edit`; returns its text. */
  private addCitation(edit: vscode.WorkspaceEdit, editor: vscode.TextEditor, keys: string[]): string {
    const doc = editor.document;
    const language = documentLanguage(doc);
    const latexCommand = this.settings().latexCommand;
    if (editor.selection.isEmpty) {
      const at = insertionAt(doc.getText(), doc.offsetAt(editor.selection.active), keys, language, { latexCommand });
      edit.insert(doc.uri, doc.positionAt(at.offset), at.insertText);
      return at.insertText;
    }
    const text = citeText(keys, language, { latexCommand });
    edit.replace(doc.uri, editor.selection, text);
    return text;
  }

  /**
   * Cites entries that exist elsewhere (Zotero items picked in Cite from Zotero): keys already
   * in the .bib are cited as they are; the others' entries (`entriesOf`, asked only for those)
   * are appended, unless the .bib is a Better BibTeX auto-export, which is never edited.
   */
  async citeSources<S extends KeyedSource>(
    sources: readonly S[],
    entriesOf: (missing: S[], engine: BibEngine | undefined) => Promise<string[]>,
  ): Promise<CiteResult | undefined> {
    const editor = this.editor();
    if (!editor || sources.length === 0) {
      if (!editor) {
        vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: open the document to cite into first.'));
      }
      return undefined;
    }
    const seen = new Set<string>();
    const keys = sources.map((s) => s.key).filter((k) => !seen.has(k) && seen.add(k));
    if (citationSyntax(documentLanguage(editor.document)) === undefined) {
      await editor.edit((b) => b.replace(editor.selection, keys.join(', ')));
      return { keys, added: [], reused: [], inserted: keys.join(', ') };
    }
    const { uri: bibUri, engine } = await this.targets.find(editor.document, { ask: true });
    if (!bibUri) return undefined;
    let text = '';
    let exists = true;
    try {
      text = await readText(bibUri);
    } catch {
      exists = false;
    }
    if (exists && this.zotero?.isAutoExport(bibUri, text)) return this.citeKeys(editor, keys, bibUri);
    if (exists && (await isReadonly(bibUri))) {
      vscode.window.showErrorMessage(
        vscode.l10n.t('LitFeed: {0} is read-only. Nothing was changed.', vscode.workspace.asRelativePath(bibUri)),
      );
      return undefined;
    }
    const parsed = await parseBib(text);
    if (!parsed.ok) {
      vscode.window.showErrorMessage(
        vscode.l10n.t(
          'LitFeed: {0} does not parse (line {1}: {2}). Nothing was changed; fix the file and cite again.',
          vscode.workspace.asRelativePath(bibUri),
          parsed.errors[0].line,
          parsed.errors[0].message,
        ),
      );
      return undefined;
    }
    const inFile = new Set([...keysIn(parsed.entries)].map((k) => k.toLowerCase()));
    const missing = keys
      .filter((k) => !inFile.has(k.toLowerCase()))
      .map((key) => sources.find((s) => s.key === key) as S);
    // Asked before anything is edited: a failure leaves both files as they were.
    const entries = missing.length > 0 ? await entriesOf(missing, engine) : [];
    let bib = text;
    for (const entry of entries) bib = appendEntry(bib, entry);
    const wasDirty = openDocument(bibUri)?.isDirty ?? false;
    const edit = new vscode.WorkspaceEdit();
    const inserted = this.addCitation(edit, editor, keys);
    await this.addToEdit(edit, bibUri, { newText: bib.slice(text.length), exists, endText: text });
    if (!(await vscode.workspace.applyEdit(edit))) {
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: VS Code refused the edit; nothing was changed.'));
      return undefined;
    }
    await this.saveBib(bibUri, wasDirty);
    const added = missing.map((m) => m.key);
    const result: CiteResult = {
      keys,
      added,
      reused: keys.filter((k) => !added.includes(k)),
      bibFile: bibUri,
      inserted,
    };
    this.report(result);
    return result;
  }

  private report(result: CiteResult): void {
    const file = result.bibFile ? vscode.workspace.asRelativePath(result.bibFile) : '';
    const parts = [];
    if (result.added.length > 0) parts.push(vscode.l10n.t('added {0} to {1}', result.added.join(', '), file));
    if (result.reused.length > 0) parts.push(vscode.l10n.t('{0} already in {1}', result.reused.join(', '), file));
    vscode.window.setStatusBarMessage(
      `$(quote) ${vscode.l10n.t('Cited {0}', result.keys.join(', '))}: ${parts.join('; ')}`,
      6000,
    );
    this.log.info(`cited ${result.keys.join(', ')} (${parts.join('; ')})`);
  }
}
