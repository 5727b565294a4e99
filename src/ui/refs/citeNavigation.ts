import * as vscode from 'vscode';
import { isBibtexPath } from '../../core/cite/bibDiscovery';
import type { BibEntryInfo } from '../../core/refs/bibIndex';
import type { Bibliographies } from './bibliographies';
import type { DocumentCitations } from './documentCitations';
import type { WorkspaceCitations } from './workspaceCitations';

/**
 * Go to Definition / Peek on a citation key: its entry in the .bib. Find All References on a
 * key, in a document or on an entry's key in the .bib: every citation of it in the workspace's
 * documents that cite from the same .bib.
 */
export class CitationNavigation implements vscode.DefinitionProvider, vscode.ReferenceProvider {
  constructor(
    private readonly bibs: Bibliographies,
    private readonly scans: DocumentCitations,
    private readonly workspace: WorkspaceCitations,
  ) {}

  async provideDefinition(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.LocationLink[]> {
    const cited = this.scans.keyAt(doc, position);
    if (!cited) return [];
    const found = (await this.bibs.forDocument(doc))?.find(cited.key);
    if (!found) return [];
    const bibDoc = await vscode.workspace.openTextDocument(found.uri);
    const { entry } = found;
    return [
      {
        originSelectionRange: new vscode.Range(doc.positionAt(cited.start), doc.positionAt(cited.end)),
        targetUri: found.uri,
        targetRange: new vscode.Range(
          bibDoc.positionAt(entry.start),
          bibDoc.positionAt(Math.max(entry.end, entry.keyEnd)),
        ),
        targetSelectionRange: new vscode.Range(bibDoc.positionAt(entry.keyStart), bibDoc.positionAt(entry.keyEnd)),
      },
    ];
  }

  async provideReferences(
    doc: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
  ): Promise<vscode.Location[]> {
    let key: string;
    let bibs: vscode.Uri[];
    if (isBibtexPath(doc.uri.path)) {
      const entry = entryAt((await this.bibs.index(doc.uri))?.entries ?? [], doc.offsetAt(position));
      if (!entry) return [];
      key = entry.key;
      bibs = [doc.uri];
    } else {
      const cited = this.scans.keyAt(doc, position);
      if (!cited) return [];
      key = cited.key;
      const bib = await this.bibs.forDocument(doc);
      const found = bib?.find(key);
      key = found?.entry.key ?? key;
      bibs = found ? [found.uri] : (bib?.files.map((f) => f.uri) ?? []);
    }
    const locations = await this.workspace.references(key, new Set(bibs.map((b) => b.toString())));
    if (context.includeDeclaration) {
      for (const uri of bibs) {
        const entry = (await this.bibs.index(uri))?.byKey.get(key);
        if (!entry) continue;
        const bibDoc = await vscode.workspace.openTextDocument(uri);
        locations.unshift(
          new vscode.Location(
            uri,
            new vscode.Range(bibDoc.positionAt(entry.keyStart), bibDoc.positionAt(entry.keyEnd)),
          ),
        );
      }
    }
    return locations;
  }
}

/** The entry whose text holds `offset`. */
function entryAt(entries: readonly BibEntryInfo[], offset: number): BibEntryInfo | undefined {
  return entries.find((e) => e.start <= offset && offset <= Math.max(e.end, e.keyEnd));
}
