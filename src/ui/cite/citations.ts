import * as path from 'node:path';
import * as vscode from 'vscode';
import { keysIn, parseBib, type BibRecord } from '../../core/cite/bibDocument';
import { keysWhenAddedAlone, newEntries, planCitation, type EntryOptions } from '../../core/cite/citePlan';
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
    const plan = await this.planEntries(bibUri, papers, entryOptions(this.settings(), engine));
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
  private async planEntries(bibUri: vscode.Uri, papers: readonly Paper[], options: EntryOptions) {
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
    const plan = planCitation(papers, parsed.entries, options, text);
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
