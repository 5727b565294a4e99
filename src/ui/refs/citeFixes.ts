import * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';
import { authorYear, entrySummary, titleText } from '../../core/refs/entrySummary';
import { keyParts, keySearchText } from '../../core/refs/keyParts';
import { nearKeys } from '../../core/refs/nearMiss';
import { normaliseArxivId, type Paper } from '../../core/paper';
import type { PaperLibrary } from '../../core/search/library';
import type { Citer } from '../cite/citations';
import type { Bibliographies } from './bibliographies';
import { KEY_CASE, MISSING_KEY } from './citeDiagnostics';
import { DIAGNOSTIC_SOURCE } from './diagnosticSource';

/** How many near keys get a quick fix of their own. */
const NEAR_FIXES = 3;
const LIBRARY_PICKS = 12;

/**
 * Quick fixes for the citation diagnostics: a missing key can be found and added with exactly
 * that key (the text stays as written), or replaced by a near key of the bibliography; a key
 * differing only in case is replaced by the entry's spelling.
 */
export class CitationFixes implements vscode.CodeActionProvider {
  constructor(private readonly bibs: Bibliographies) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const bib = await this.bibs.forDocument(doc);
    if (!bib) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const key = doc.getText(diagnostic.range);
      if (diagnostic.code === KEY_CASE) {
        const entry = bib.find(key)?.entry;
        if (entry) actions.push(replaceAction(doc, diagnostic, entry.key, true));
        continue;
      }
      if (diagnostic.code !== MISSING_KEY) continue;
      const args = [doc.uri, key, diagnostic.range];
      actions.push(
        commandAction(vscode.l10n.t("Find and add '{0}'…", key), 'litfeed.findMissingKey', diagnostic, args),
      );
      const near = nearKeys(key, bib.keys(), NEAR_FIXES);
      near.forEach((k, i) => actions.push(replaceAction(doc, diagnostic, k, i === 0)));
      actions.push(
        commandAction(vscode.l10n.t('Replace with an existing key…'), 'litfeed.replaceCitationKey', diagnostic, args),
      );
    }
    return actions;
  }
}

/** A fix that runs a command (it asks the user something before it edits). */
function commandAction(
  title: string,
  command: string,
  diagnostic: vscode.Diagnostic,
  args: unknown[],
): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.command = { command, title, arguments: args };
  return action;
}

function replaceAction(
  doc: vscode.TextDocument,
  diagnostic: vscode.Diagnostic,
  key: string,
  preferred: boolean,
): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t("Replace with '{0}'", key), vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(doc.uri, diagnostic.range, key);
  return action;
}

export interface FixDeps {
  bibs: Bibliographies;
  library: PaperLibrary;
  citer: Citer;
  /** Looks a text up on arXiv, Crossref and DBLP and lets the user pick; undefined when nothing was chosen. */
  lookUp(text: string): Promise<Paper | undefined>;
}

type PaperItem = vscode.QuickPickItem & { paper?: Paper; lookUp?: string };

/**
 * "Find and add '<key>'": a pick over the local library searched by what the key says (author,
 * year, title words; or its arXiv id or DOI), the search text editable, with a last item that
 * looks the text up on the services instead. The chosen paper's entry is added with exactly
 * that key — unless the .bib already has an entry for the paper, whose key then replaces it.
 */
export async function findMissingKey(
  deps: FixDeps,
  uri: vscode.Uri,
  key: string,
  range: vscode.Range,
): Promise<unknown> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText(range) !== key) {
    vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: "{0}" is no longer there.', key));
    return undefined;
  }
  const parts = keyParts(key);
  const chosen = await pickPaper(deps, key, keySearchText(parts));
  if (!chosen) return undefined;
  // A library hit is the paper's summary: the entry is written from the whole record.
  const paper = chosen.paper
    ? ((await deps.library.paper(chosen.paper.id)) ?? chosen.paper)
    : chosen.lookUp !== undefined
      ? await deps.lookUp(chosen.lookUp)
      : undefined;
  if (!paper) return undefined;
  return deps.citer.addEntryWithKey(doc, paper, key, range);
}

function pickPaper(deps: FixDeps, key: string, query: string): Promise<PaperItem | undefined> {
  const pick = vscode.window.createQuickPick<PaperItem>();
  pick.title = vscode.l10n.t("Find a paper for '{0}'", key);
  pick.placeholder = vscode.l10n.t('Words of the title, an author, a year, an arXiv id or a DOI');
  pick.ignoreFocusOut = true;
  let loaded = false;
  let filling: AbortController | undefined;
  const fill = (text: string) => {
    fillWith(text).catch((err: unknown) => {
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: searching the library failed: {0}', errorMessage(err)));
    });
  };
  const fillWith = async (text: string) => {
    filling?.abort();
    const turn = (filling = new AbortController());
    // The search reads titles, authors and words; an arXiv id is looked up as an id.
    const id = normaliseArxivId(text.trim().replace(/^arxiv:?/i, ''));
    const byId = id !== undefined ? await deps.library.listed(id) : undefined;
    const hits =
      text.trim() === ''
        ? []
        : (await deps.library.search(text, LIBRARY_PICKS, { signal: turn.signal })).map((h) => h.paper);
    if (turn.signal.aborted) return;
    const papers = byId ? [byId, ...hits.filter((p) => p.id !== byId.id)] : hits;
    const items: PaperItem[] = papers.map((paper) => ({
      label: paper.title,
      description: [paper.authors.slice(0, 3).join(', '), paper.published?.slice(0, 4)].filter(Boolean).join(' · '),
      detail: paper.arxivId ? `arXiv:${paper.arxivId}` : paper.doi,
      // Ranked by the search; the pick must not filter them again by its own rules.
      alwaysShow: true,
      paper,
    }));
    // Offered once the library has answered, so that it never stands first by accident.
    if (loaded && text.trim() !== '') {
      // The typed text stays out of the label: the pick puts labels matching it first.
      items.push({
        label: `$(search) ${vscode.l10n.t('Look up on arXiv, Crossref and DBLP')}`,
        description: text.trim(),
        alwaysShow: true,
        lookUp: text.trim(),
      });
    }
    pick.items = items;
  };
  pick.value = query;
  pick.busy = true;
  fill(query);
  deps.library.ensureLoaded().then(() => {
    loaded = true;
    fill(pick.value);
    // Days the persisted index did not have yet are indexed meanwhile (a first start).
    return deps.library.whenCurrent().then(() => {
      pick.busy = false;
      fill(pick.value);
    });
  });
  return new Promise((resolve) => {
    let result: PaperItem | undefined;
    pick.onDidChangeValue(fill);
    pick.onDidAccept(() => {
      result = pick.selectedItems[0] ?? pick.activeItems[0];
      // Enter on an empty list (the library still loading) waits for the items.
      if (result) pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}

/** "Replace with an existing key…": every key of the bibliography, the nearest first. */
export async function replaceCitationKey(
  bibs: Bibliographies,
  uri: vscode.Uri,
  key: string,
  range: vscode.Range,
): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText(range) !== key) return false;
  const bib = await bibs.forDocument(doc);
  if (!bib) return false;
  const all = bib.keys();
  const near = nearKeys(key, all, 10);
  const rest = all.filter((k) => !near.includes(k)).sort((a, b) => a.localeCompare(b));
  type KeyItem = vscode.QuickPickItem & { key?: string };
  const item = (k: string): KeyItem => {
    const summary = entrySummary(bib.find(k)!.entry);
    return { label: k, description: authorYear(summary), detail: titleText(summary.title), key: k };
  };
  const items: KeyItem[] = [
    ...(near.length > 0 ? [{ label: vscode.l10n.t('near'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...near.map(item),
    ...(rest.length > 0 ? [{ label: vscode.l10n.t('all keys'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...rest.map(item),
  ];
  const chosen = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t("Replace '{0}' with", key),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!chosen?.key) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, range, chosen.key);
  return vscode.workspace.applyEdit(edit);
}
