import type * as vscode from 'vscode';
import { citationSyntax } from '../../core/cite/citeText';
import { keyAt, scanCitations, type CitedKey } from '../../core/refs/citationScan';
import type { DocLike } from '../cite/bibTarget';
import { documentLanguage } from '../cite/documentLanguage';

/** How many documents' scans are remembered. */
const REMEMBERED = 32;

/**
 * The citation keys of documents, scanned once per version: hover, definition, references and
 * diagnostics of one document ask for the same scan.
 */
export class DocumentCitations {
  private readonly scans = new Map<string, { version: number; keys: CitedKey[] }>();

  /** The keys `doc` cites, in order; empty for languages without a citation syntax. */
  keys(doc: DocLike & { version?: number }): CitedKey[] {
    const syntax = citationSyntax(documentLanguage(doc));
    if (syntax === undefined) return [];
    const id = doc.uri.toString();
    const hit = this.scans.get(id);
    if (hit && doc.version !== undefined && hit.version === doc.version) return hit.keys;
    const keys = scanCitations(doc.getText(), syntax);
    if (doc.version !== undefined) {
      this.scans.delete(id);
      this.scans.set(id, { version: doc.version, keys });
      if (this.scans.size > REMEMBERED) this.scans.delete(this.scans.keys().next().value as string);
    }
    return keys;
  }

  /** The key under `position`, with its range. */
  keyAt(doc: vscode.TextDocument, position: vscode.Position): CitedKey | undefined {
    return keyAt(this.keys(doc), doc.offsetAt(position));
  }

  forget(uri: vscode.Uri): void {
    this.scans.delete(uri.toString());
  }
}
