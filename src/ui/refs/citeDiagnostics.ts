import * as vscode from 'vscode';
import { isBibtexPath } from '../../core/cite/bibDiscovery';
import type { BibIssue } from '../../core/refs/bibIndex';
import type { Bibliographies } from './bibliographies';
import { DIAGNOSTIC_SOURCE } from './diagnosticSource';
import type { DocumentCitations } from './documentCitations';

/** Diagnostic codes; the quick fixes look for them. */
export const MISSING_KEY = 'missing-key';
export const KEY_CASE = 'key-case';

/**
 * Warnings where a document cites a key that none of its bibliography files defines, and in
 * a .bib: a broken entry (once, at the line it starts), a key written twice, two entries for
 * one paper. Documents whose bibliography cannot be found get none (logged once): a warning
 * on every key would say nothing the user can act on.
 */
export class CitationDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('litfeed');
  /** For each checked document, the .bib files its check read. */
  private readonly used = new Map<string, Set<string>>();
  private readonly toldUnresolved = new Set<string>();

  constructor(
    private readonly bibs: Bibliographies,
    private readonly scans: DocumentCitations,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The open documents whose last check read `bib`. */
  documentsUsing(bib: vscode.Uri): string[] {
    const key = bib.toString();
    return [...this.used].filter(([, bibs]) => bibs.has(key)).map(([doc]) => doc);
  }

  async check(doc: vscode.TextDocument): Promise<void> {
    const version = doc.version;
    const diagnostics = isBibtexPath(doc.uri.path)
      ? await this.bibDiagnostics(doc)
      : await this.citationDiagnostics(doc);
    // A newer edit has its own check coming; a closed document keeps nothing.
    if (doc.isClosed || doc.version !== version) return;
    this.collection.set(doc.uri, diagnostics);
  }

  forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.used.delete(uri.toString());
    this.scans.forget(uri);
  }

  private async citationDiagnostics(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    const keys = this.scans.keys(doc);
    const id = doc.uri.toString();
    if (keys.length === 0) {
      this.used.delete(id);
      return [];
    }
    const bib = await this.bibs.forDocument(doc);
    this.used.set(id, new Set(bib?.files.map((f) => f.uri.toString()) ?? []));
    if (!bib || bib.files.length === 0) {
      if (!this.toldUnresolved.has(id)) {
        this.toldUnresolved.add(id);
        const why = bib
          ? `its bibliography ${bib.missing.map((u) => vscode.workspace.asRelativePath(u)).join(', ')} does not exist`
          : 'it names no bibliography and none is set (litfeed.citation.bibFile)';
        this.log.info(`${vscode.workspace.asRelativePath(doc.uri)}: citations are not checked: ${why}.`);
      }
      return [];
    }
    this.toldUnresolved.delete(id);
    const diagnostics: vscode.Diagnostic[] = [];
    for (const cited of keys) {
      const range = new vscode.Range(doc.positionAt(cited.start), doc.positionAt(cited.end));
      const found = bib.find(cited.key);
      let diagnostic: vscode.Diagnostic | undefined;
      if (!found) {
        diagnostic = new vscode.Diagnostic(
          range,
          vscode.l10n.t('No bibliography entry for "{0}".', cited.key),
          vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.code = MISSING_KEY;
      } else if (!found.exact) {
        diagnostic = new vscode.Diagnostic(
          range,
          vscode.l10n.t(
            '"{0}" differs in case from the entry "{1}"; biber and pandoc will not find it.',
            cited.key,
            found.entry.key,
          ),
          vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.code = KEY_CASE;
      } else if (found.entry.broken !== undefined) {
        diagnostic = new vscode.Diagnostic(
          range,
          vscode.l10n.t('The entry "{0}" does not parse: {1}', cited.key, found.entry.broken),
          vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.relatedInformation = [
          new vscode.DiagnosticRelatedInformation(
            new vscode.Location(found.uri, new vscode.Position(found.entry.line - 1, 0)),
            vscode.l10n.t('the entry'),
          ),
        ];
      }
      if (diagnostic) {
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostics.push(diagnostic);
      }
    }
    return diagnostics;
  }

  private async bibDiagnostics(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    const index = await this.bibs.index(doc.uri);
    if (!index) return [];
    return index.issues.map((issue) => {
      const range = new vscode.Range(doc.positionAt(issue.start), doc.positionAt(issue.end));
      const diagnostic = new vscode.Diagnostic(range, bibIssueMessage(issue), BIB_SEVERITY[issue.kind]);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = issue.kind;
      return diagnostic;
    });
  }

  dispose(): void {
    this.collection.dispose();
  }
}

const BIB_SEVERITY: Record<BibIssue['kind'], vscode.DiagnosticSeverity> = {
  broken: vscode.DiagnosticSeverity.Error,
  'duplicate-key': vscode.DiagnosticSeverity.Warning,
  'same-paper': vscode.DiagnosticSeverity.Information,
};

function bibIssueMessage(issue: BibIssue): string {
  switch (issue.kind) {
    case 'broken':
      return vscode.l10n.t(
        'This entry does not parse ({0}); the entries around it are still read, but LitFeed will not add entries to this file until it is fixed.',
        issue.message,
      );
    case 'duplicate-key':
      return vscode.l10n.t('The key "{0}" is already used on line {1}.', issue.other ?? '', issue.otherLine ?? 0);
    case 'same-paper':
      return vscode.l10n.t(
        'Same paper ({0}) as the entry "{1}" on line {2}.',
        issue.message,
        issue.other ?? '',
        issue.otherLine ?? 0,
      );
  }
}
