import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  bibliographyEngine,
  bibliographyFiles,
  isBibtexPath,
  texRoot,
  yamlFileBibFiles,
  type BibEngine,
} from '../../core/cite/bibDiscovery';
import { citationSyntax } from '../../core/cite/citeText';
import { documentLanguage } from './documentLanguage';
import { openDocument, readText } from '../documentText';
import { errorMessage } from '../../core/guards';

/**
 * Finds the .bib files a document cites from and into: the files the document (or its LaTeX
 * root, or its Quarto project) names, then the `litfeed.citation.bibFile` setting, then the
 * user's pick, remembered per document for the session. Cite, Update Preprints and the live
 * bibliography features share one finder, so they agree on the file.
 */
export interface BibTarget {
  uri: vscode.Uri | undefined;
  engine: BibEngine | undefined;
}

/** What the finder needs of a document: open ones and workspace files read from disk alike. */
export type DocLike = Pick<vscode.TextDocument, 'uri' | 'languageId' | 'getText'>;

/** The LaTeX root file that includes a file (`\input`, `\include`, ...), found by the project's include graph. */
export interface LatexRoots {
  rootOf(uri: vscode.Uri): Promise<vscode.Uri | undefined>;
}

/** Where a document's bibliography is named, and the names as written (relative to `base`). */
interface Named {
  names: string[];
  engine: BibEngine | undefined;
  base: vscode.Uri;
}

export class BibTargetFinder {
  private readonly picked = new Map<string, vscode.Uri>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly roots?: LatexRoots,
  ) {}

  /**
   * The .bib `doc` cites into (undefined when none is named, set or picked), and the program
   * that reads the bibliography the document (or its LaTeX root) names — both from one read of
   * that text. The engine is undefined when the .bib came from the setting or the user's pick:
   * nothing says what reads it.
   */
  async find(doc: DocLike, options: { ask: boolean }): Promise<BibTarget> {
    const named = await this.named(doc);
    const engine = named?.engine;
    const uris = named ? named.names.map((name) => resolveIn(named.base, name)) : [];
    if (uris.length > 0) {
      for (const uri of uris) if (await exists(uri)) return { uri, engine };
      return { uri: uris[0], engine }; // named but missing: it will be created
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

  /**
   * Every .bib the document's citations are read from, for hover, diagnostics and completion:
   * all the files it (or its root) names, else the setting's, else the one picked for it this
   * session; `named: false` when it came from the setting or a pick. Undefined when nothing
   * says which.
   */
  async bibFiles(doc: DocLike): Promise<{ uris: vscode.Uri[]; named: boolean } | undefined> {
    const named = await this.named(doc);
    if (named && named.names.length > 0) {
      return { uris: named.names.map((name) => resolveIn(named.base, name)), named: true };
    }
    const other = this.configured(doc) ?? this.picked.get(doc.uri.toString());
    return other ? { uris: [other], named: false } : undefined;
  }

  /**
   * The bibliography names that count for `doc`: its own; for a LaTeX file naming none, its
   * root's (`% !TeX root`, the `litfeed.citation.latexRoot` setting, else the file that
   * includes it); for Markdown naming none, the `bibliography:` of the Quarto project's
   * `_quarto.yml` in its folder or one above it.
   */
  private async named(doc: DocLike): Promise<Named | undefined> {
    const base = baseDir(doc);
    if (!base) return undefined;
    const text = doc.getText();
    const language = documentLanguage(doc);
    const own = (t: string, lang: string, at: vscode.Uri): Named => ({
      names: bibliographyFiles(t, lang).filter(isBibtexPath),
      engine: bibliographyEngine(t, lang),
      base: at,
    });
    const mine = own(text, language, base);
    if (mine.names.length > 0) return mine;
    const syntax = citationSyntax(language);
    if (syntax === 'latex') {
      const root = await this.latexRoot(doc, text);
      return root ? own(root.text, 'latex', dirOf(root.uri)) : mine;
    }
    if (syntax === 'pandoc') return (await this.quartoProject(doc)) ?? mine;
    return mine;
  }

  private async latexRoot(doc: DocLike, text: string): Promise<{ uri: vscode.Uri; text: string } | undefined> {
    const magic = texRoot(text);
    const setting = vscode.workspace.getConfiguration('litfeed', doc.uri).get<string>('citation.latexRoot')?.trim();
    const candidates: vscode.Uri[] = [];
    const base = baseDir(doc);
    if (magic && base) candidates.push(resolveIn(base, magic.endsWith('.tex') ? magic : `${magic}.tex`));
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (setting && folder) candidates.push(resolveIn(folder.uri, setting));
    if (candidates.length === 0 && this.roots) {
      const included = await this.roots.rootOf(doc.uri);
      if (included) candidates.push(included);
    }
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

  /** The nearest `_quarto.yml` naming a bibliography, from the document's folder up to its workspace folder. */
  private async quartoProject(doc: DocLike): Promise<Named | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (!folder || doc.uri.scheme === 'untitled') return undefined;
    for (let dir = dirOf(doc.uri); ; dir = dirOf(dir)) {
      const config = vscode.Uri.joinPath(dir, '_quarto.yml');
      const text = await readText(config).catch(() => undefined);
      if (text !== undefined) {
        const names = yamlFileBibFiles(text).filter(isBibtexPath);
        return names.length > 0 ? { names, engine: 'pandoc', base: dir } : undefined;
      }
      if (dir.path.length <= folder.uri.path.length || dirOf(dir).path === dir.path) return undefined;
    }
  }

  private configured(doc: DocLike): vscode.Uri | undefined {
    const setting = vscode.workspace.getConfiguration('litfeed', doc.uri).get<string>('citation.bibFile')?.trim();
    if (!setting) return undefined;
    if (path.isAbsolute(setting)) return vscode.Uri.file(setting);
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0];
    const base = folder?.uri ?? baseDir(doc);
    return base ? resolveIn(base, setting) : undefined;
  }

  private async ask(doc: DocLike): Promise<vscode.Uri | undefined> {
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
function baseDir(doc: DocLike): vscode.Uri | undefined {
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
  if (openDocument(uri)) return true;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
