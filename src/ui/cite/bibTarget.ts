import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  bibliographyEngine,
  bibliographyFiles,
  isBibtexPath,
  texRoot,
  type BibEngine,
} from '../../core/cite/bibDiscovery';
import { documentLanguage } from './documentLanguage';
import { errorMessage } from '../../core/guards';

/**
 * Finds the .bib file a document cites into: the files the document (or its LaTeX root)
 * names, then the `litfeed.citation.bibFile` setting, then the user's pick, remembered per
 * document for the session.
 */
export interface BibTarget {
  uri: vscode.Uri | undefined;
  engine: BibEngine | undefined;
}

export class BibTargetFinder {
  private readonly picked = new Map<string, vscode.Uri>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /**
   * The .bib `doc` cites into (undefined when none is named, set or picked), and the program
   * that reads the bibliography the document (or its LaTeX root) names — both from one read of
   * that text. The engine is undefined when the .bib came from the setting or the user's pick:
   * nothing says what reads it.
   */
  async find(doc: vscode.TextDocument, options: { ask: boolean }): Promise<BibTarget> {
    const source = await this.source(doc);
    const engine = source ? bibliographyEngine(source.text, source.language) : undefined;
    const named = source
      ? bibliographyFiles(source.text, source.language)
          .filter(isBibtexPath)
          .map((name) => resolveIn(source.base, name))
      : [];
    if (named.length > 0) {
      for (const uri of named) if (await exists(uri)) return { uri, engine };
      return { uri: named[0], engine }; // named but missing: it will be created
    }
    const configured = this.configured(doc);
    if (configured) return { uri: configured, engine };
    const remembered = this.picked.get(doc.uri.toString());
    if (remembered) return { uri: remembered, engine };
    if (!options.ask) return { uri: undefined, engine };
    const chosen = await this.ask(doc);
    if (chosen) this.picked.set(doc.uri.toString(), chosen);
    return { uri: chosen, engine };
  }

  /** The text that names the document's bibliography: its own, or its LaTeX root's when it names none. */
  private async source(
    doc: vscode.TextDocument,
  ): Promise<{ text: string; language: string; base: vscode.Uri } | undefined> {
    const text = doc.getText();
    const base = baseDir(doc);
    if (!base) return undefined;
    const language = documentLanguage(doc);
    const own = { text, language, base };
    if (bibliographyFiles(text, language).filter(isBibtexPath).length > 0) return own;
    if (!['latex', 'tex'].includes(language)) return own;
    const root = await this.latexRoot(doc, text);
    return root ? { text: root.text, language: 'latex', base: dirOf(root.uri) } : own;
  }

  private async latexRoot(
    doc: vscode.TextDocument,
    text: string,
  ): Promise<{ uri: vscode.Uri; text: string } | undefined> {
    const magic = texRoot(text);
    const setting = vscode.workspace.getConfiguration('litfeed', doc.uri).get<string>('citation.latexRoot')?.trim();
    const candidates: vscode.Uri[] = [];
    const base = baseDir(doc);
    if (magic && base) candidates.push(resolveIn(base, magic.endsWith('.tex') ? magic : `${magic}.tex`));
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (setting && folder) candidates.push(resolveIn(folder.uri, setting));
    for (const uri of candidates) {
      if (uri.toString() === doc.uri.toString()) continue;
      try {
        return { uri, text: await readText(uri) };
      } catch (err) {
        this.log.warn(`LaTeX root ${uri.fsPath} could not be read: ${errorMessage(err)}`);
      }
    }
    return undefined;
  }

  private configured(doc: vscode.TextDocument): vscode.Uri | undefined {
    const setting = vscode.workspace.getConfiguration('litfeed', doc.uri).get<string>('citation.bibFile')?.trim();
    if (!setting) return undefined;
    if (path.isAbsolute(setting)) return vscode.Uri.file(setting);
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0];
    const base = folder?.uri ?? baseDir(doc);
    return base ? resolveIn(base, setting) : undefined;
  }

  private async ask(doc: vscode.TextDocument): Promise<vscode.Uri | undefined> {
    const found = await vscode.workspace.findFiles('**/*.bib', '**/node_modules/**', 200);
    const base = baseDir(doc);
    const createAt = base ? resolveIn(base, 'references.bib') : undefined;
    type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
    const items: Item[] = found
      .sort((a, b) => a.fsPath.localeCompare(b.fsPath))
      .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }));
    if (createAt && !items.some((i) => i.uri?.toString() === createAt.toString())) {
      items.push({
        label: vscode.l10n.t('$(new-file) Create {0}', vscode.workspace.asRelativePath(createAt)),
        uri: createAt,
      });
    }
    items.push({ label: vscode.l10n.t('$(folder-opened) Choose or create another .bib file…') });
    const pick = await vscode.window.showQuickPick(items, {
      placeHolder: vscode.l10n.t(
        '{0} names no bibliography. Add the BibTeX entry to which file?',
        path.basename(doc.uri.path),
      ),
    });
    if (!pick) return undefined;
    if (pick.uri) return pick.uri;
    return vscode.window.showSaveDialog({
      ...(createAt ? { defaultUri: createAt } : {}),
      filters: { BibTeX: ['bib'] },
      saveLabel: vscode.l10n.t('Use this bibliography'),
    });
  }
}

/**
 * The folder a document's relative bibliography paths are read from: its own folder (on disk
 * or on any other file system); for an untitled document the workspace folder, since a .bib
 * next to it would be a never-saved buffer; none without a workspace.
 */
function baseDir(doc: vscode.TextDocument): vscode.Uri | undefined {
  if (doc.uri.scheme !== 'untitled') return dirOf(doc.uri);
  return (vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0])?.uri;
}

function dirOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

function resolveIn(base: vscode.Uri, relative: string): vscode.Uri {
  if (path.isAbsolute(relative)) return vscode.Uri.file(relative);
  return vscode.Uri.joinPath(base, relative);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return true;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** A file's text, from its open (possibly unsaved) document when there is one. */
export async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}
