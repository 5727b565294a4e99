import * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';
import type { Paper } from '../../core/paper';
import type { PaperLibrary } from '../../core/search/library';
import type { BibTargetFinder } from '../cite/bibTarget';
import type { Citer } from '../cite/citations';
import type { CitationFeatures } from '../host';
import { Bibliographies } from './bibliographies';
import { CitationDiagnostics } from './citeDiagnostics';
import { CitationFixes, findMissingKey, replaceCitationKey } from './citeFixes';
import { CitationHover, type KnownPaper } from './citeHover';
import { CitationNavigation } from './citeNavigation';
import { DocumentCitations } from './documentCitations';
import { WorkspaceCitations } from './workspaceCitations';

export interface LiveBibliographyDeps {
  targets: BibTargetFinder;
  citer: Citer;
  library: PaperLibrary;
  known: KnownPaper;
  lookUp(text: string): Promise<Paper | undefined>;
  log: vscode.LogOutputChannel;
}

/**
 * The bibliography where the user writes: one reading of each .bib and one scan of each
 * document, shared by hover, go to entry, references, diagnostics with their fixes, completion
 * and "Cited in". The providers are registered at start-up (see lazyEntries.ts) and reach
 * these through the features bundle.
 */
export function liveBibliography(deps: LiveBibliographyDeps) {
  const { log } = deps;
  const bibs = new Bibliographies(deps.targets, log);
  const scans = new DocumentCitations();
  const workspace = new WorkspaceCitations(bibs, scans, log);
  const diagnostics = new CitationDiagnostics(bibs, scans, log);
  const hover = new CitationHover(bibs, scans, deps.known);
  const navigation = new CitationNavigation(bibs, scans, workspace);
  const fixes = new CitationFixes(bibs);

  const check = (doc: vscode.TextDocument) =>
    diagnostics.check(doc).catch((err) => log.warn(`checking ${doc.uri.fsPath} failed: ${errorMessage(err)}`));
  // A .bib changed: the documents citing from it are checked again, and the .bib itself.
  const onBib = bibs.onDidChange((bib) => {
    const ids = new Set([bib.toString(), ...diagnostics.documentsUsing(bib)]);
    for (const doc of vscode.workspace.textDocuments) if (ids.has(doc.uri.toString())) void check(doc);
  });

  const features: CitationFeatures = {
    provideHover: (doc, position) => hover.provideHover(doc, position),
    provideDefinition: (doc, position) => navigation.provideDefinition(doc, position),
    provideReferences: (doc, position, context) => navigation.provideReferences(doc, position, context),
    provideCodeActions: (doc, range, context) => fixes.provideCodeActions(doc, range, context),
    check,
    forget: (uri) => diagnostics.forget(uri),
  };
  return {
    features,
    bibs,
    workspace,
    findMissingKey: (uri: vscode.Uri, key: string, range: vscode.Range) =>
      findMissingKey({ bibs, library: deps.library, citer: deps.citer, lookUp: deps.lookUp }, uri, key, range),
    replaceCitationKey: (uri: vscode.Uri, key: string, range: vscode.Range) =>
      replaceCitationKey(bibs, uri, key, range),
    dispose: () => vscode.Disposable.from(onBib, workspace, diagnostics, bibs).dispose(),
  };
}
