import * as vscode from 'vscode';
import { isIsoDay } from '../core/dates';
import { SORT_ORDERS } from '../core/feed/dayGroups';
import { parseFilter, type FeedFilter } from '../core/feed/filter';
import type { Paper } from '../core/paper';
import { RANGE_KINDS } from '../core/range';
import { filterByTag as papersTagged, tagFileStem } from '../core/tracking/tags';
import type { Citer } from './cite/citations';
import { readKeyPress, type CommandName, type ViewId } from './commandIds';
import type { UpdatePreprintsOptions, UpdateReport } from './lookup/updatePreprints';
import type { Host } from './host';
import { updateSetting } from './settings';
import type { OfflineReport } from './pdf/offlinePdfs';
import type { PdfOpenResult } from './pdf/pdfTabs';
import { chooseTag, deleteTag, filterByTag, renameTag, tagPapers } from './tracking/tagCommands';
import { asTreeNode, nodePapers, papersOfNodes, viewOfNode, type TreeNode } from './treeNodes';

/** What command handlers reach: the start-up host plus what the features bundle adds. */
export interface App extends Host {
  openPaper(paper: Paper): Promise<void>;
  /** The paper's notes file, created the first time (ui/notes/paperNotes.ts). */
  openNotes(paper: Paper): Promise<unknown>;
  /** The paper's PDF in its tab (ui/pdf/pdfTabs.ts), or outside VS Code as the settings say. */
  openPdf(paper: Paper): Promise<PdfOpenResult>;
  /** Downloads the papers' PDFs into the cache (ui/pdf/offlinePdfs.ts). */
  makeAvailableOffline(papers: readonly Paper[]): Promise<OfflineReport>;
  citer: Citer;
  /** Saves the papers as Zotero items (ui/zotero/saveToZotero.ts). */
  saveToZotero(papers: readonly Paper[]): Promise<unknown>;
  /** "Cite from Zotero…" (ui/zotero/citeFromZotero.ts). */
  citeFromZotero(citekeys?: readonly string[]): Promise<unknown>;
  /** "Papers for This Document" (ui/recs/papersForDocument.ts): resolves with the papers listed. */
  papersForDocument(): Promise<Paper[]>;
  /** Papers a command may pick from when it has no target: the feed's, the reading list's, arXiv's. */
  knownPapers(): Paper[];
  search(): Promise<void>;
  setFilter(filter: FeedFilter | undefined): void;
  refreshArxiv(): Promise<void>;
  /** The whole reading list, or `papers` offered as `fileName` (Export Tag to BibTeX). */
  exportReadingList(papers?: Paper[], fileName?: string): Promise<void>;
  showWatched(): Promise<void>;
  /** "Cite Paper by ID, DOI or Title…", with the input box filled when `query` is given. */
  citeById(query?: string): Promise<unknown>;
  updatePreprints(bib?: vscode.Uri, options?: UpdatePreprintsOptions): Promise<UpdateReport | undefined>;
  /** The missing-key quick fixes (src/ui/refs/citeFixes.ts). */
  findMissingKey(uri: vscode.Uri, key: string, range: vscode.Range): Promise<unknown>;
  replaceCitationKey(uri: vscode.Uri, key: string, range: vscode.Range): Promise<boolean>;
}

/**
 * The arguments a citation quick fix passes: the document, the key and where it is. VS Code
 * hands its own code actions' arguments over as they were made; from elsewhere (a test, another
 * extension) they arrive serialised, a Uri as its components and a Range as two positions.
 */
function fixArguments(uri: unknown, key: unknown, range: unknown): [vscode.Uri, string, vscode.Range] | undefined {
  const doc =
    uri instanceof vscode.Uri
      ? uri
      : typeof uri === 'object' && uri !== null && typeof (uri as { scheme?: unknown }).scheme === 'string'
        ? vscode.Uri.from(uri as { scheme: string })
        : undefined;
  const at = range instanceof vscode.Range ? range : rangeOf(range);
  return doc && typeof key === 'string' && at ? [doc, key, at] : undefined;
}

function rangeOf(value: unknown): vscode.Range | undefined {
  const pos = (p: unknown) =>
    typeof p === 'object' && p !== null && Number.isInteger((p as vscode.Position).line)
      ? new vscode.Position((p as vscode.Position).line, (p as vscode.Position).character)
      : undefined;
  const [start, end] = Array.isArray(value)
    ? value.map(pos)
    : typeof value === 'object' && value !== null
      ? [pos((value as vscode.Range).start), pos((value as vscode.Range).end)]
      : [];
  return start && end ? new vscode.Range(start, end) : undefined;
}

function isPaper(value: unknown): value is Paper {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Paper).id === 'string' &&
    typeof (value as Paper).title === 'string'
  );
}

/** The papers of the rows selected in `view` (with none named, the view selected in last); only paper rows when `rowsOnly`. */
async function selectedPapers(app: App, view: ViewId | undefined, rowsOnly: boolean): Promise<Paper[]> {
  const rows = await app.selection(view);
  return papersOfNodes(rowsOnly ? rows.filter((n) => n.kind === 'paper' || n.kind === 'saved') : rows);
}

/**
 * The row a key was pressed on, with the rest of its view's selection when it is part of it:
 * as a right-click on a selected row acts on every selected row, so does a key.
 */
async function withItsSelection(app: App, node: TreeNode): Promise<Paper[]> {
  const row = nodePapers(node);
  const selected = papersOfNodes(await app.selection(viewOfNode(node)));
  const inSelection = row.every((p) => selected.some((s) => s.id === p.id));
  return inSelection && selected.length > row.length ? selected : row;
}

/** The paper a command acts on: its argument (a Paper or a tree node), the selection, or a pick. */
async function targetPaper(app: App, given: unknown): Promise<Paper | undefined> {
  const key = readKeyPress(given);
  const arg = key ? key.row : given;
  if (isPaper(arg)) return arg;
  const fromArg = papersOfNodes([arg]);
  if (fromArg.length === 1) return fromArg[0];
  const selected = (await selectedPapers(app, key?.view, true))[0];
  if (selected) return selected;
  const papers = app.tree.visiblePapers();
  if (papers.length === 0) {
    vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: no papers loaded. Refresh the feed first.'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    papers.map((paper) => ({ label: paper.title, description: paper.authors.slice(0, 3).join(', '), paper })),
    { placeHolder: vscode.l10n.t('Open which paper?'), matchOnDescription: true },
  );
  return pick?.paper;
}

/**
 * The papers a multi-paper command acts on: the tree's multi-selection when invoked on one of
 * its items, the argument, the selection, or a multi-pick.
 */
/**
 * The feed's keys (N, P, T) pass `{ keepFocus: true }`: stepping the range replaces the tree's
 * rows, and the row with the keyboard focus goes with them (for good when the new range is
 * empty or slow to draw), so the view is focused again and the next key still reaches it.
 */
async function refocusFeed(arg: unknown): Promise<void> {
  if (typeof arg === 'object' && arg !== null && (arg as { keepFocus?: unknown }).keepFocus === true) {
    await vscode.commands.executeCommand('litfeed.feed.focus');
  }
}

async function targetPapers(app: App, given: unknown, selected: unknown, placeHolder: string): Promise<Paper[]> {
  if (Array.isArray(selected) && selected.length > 1) return papersOfNodes(selected);
  const key = readKeyPress(given);
  const arg = key ? key.row : given;
  if (isPaper(arg)) return [arg];
  if (Array.isArray(arg)) return arg.filter(isPaper);
  const node = asTreeNode(arg);
  if (node) return key ? withItsSelection(app, node) : papersOfNodes([node]);
  const fromSelection = await selectedPapers(app, key?.view, false);
  if (fromSelection.length > 0) return fromSelection;
  const papers = app.knownPapers();
  if (papers.length === 0) {
    vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: no papers loaded. Refresh the feed first.'));
    return [];
  }
  const picks = await vscode.window.showQuickPick(
    papers.map((paper) => ({
      label: paper.title,
      description: [paper.authors[0], paper.arxivId].filter(Boolean).join(' · '),
      paper,
    })),
    { placeHolder, canPickMany: true, matchOnDescription: true },
  );
  return picks?.map((p) => p.paper) ?? [];
}

/**
 * Every command LitFeed contributes, by its id without the `litfeed.` prefix; the compiler
 * checks it against COMMAND_NAMES, which a unit test checks against package.json.
 */
export const commands = {
  refresh: (app: App) => () => app.feed.refresh(),
  openPaper: (app: App) => async (arg?: unknown) => {
    const paper = await targetPaper(app, arg);
    if (paper) await app.openPaper(paper);
  },
  sortBy: (_app: App) => async () => {
    const labels = {
      upvotes: vscode.l10n.t('Upvotes (most first)'),
      date: vscode.l10n.t('arXiv date (newest first)'),
      title: vscode.l10n.t('Title (A–Z)'),
      forYou: vscode.l10n.t('For you (learned from the papers you save, cite and take notes on)'),
    };
    const pick = await vscode.window.showQuickPick(
      SORT_ORDERS.map((order) => ({ label: labels[order], order })),
      { placeHolder: vscode.l10n.t('Sort papers within each day by…') },
    );
    if (pick) await updateSetting('feed.sort', pick.order);
  },
  previousRange: (app: App) => async (arg?: unknown) => {
    await app.feed.shift(-1);
    await refocusFeed(arg);
  },
  nextRange: (app: App) => async (arg?: unknown) => {
    await app.feed.shift(1);
    await refocusFeed(arg);
  },
  goToToday: (app: App) => async (arg?: unknown) => {
    await app.feed.setRange({ kind: app.feed.currentRange.kind, anchor: app.today() }, { fetchIfMissing: true });
    await refocusFeed(arg);
  },
  goToDate: (app: App) => async () => {
    const value = await vscode.window.showInputBox({
      prompt: vscode.l10n.t('Show the feed around which date? (YYYY-MM-DD)'),
      value: app.feed.currentRange.anchor,
      validateInput: (text) =>
        !isIsoDay(text.trim())
          ? vscode.l10n.t('Write a date as YYYY-MM-DD, e.g. {0}', app.today())
          : text.trim() > app.today()
            ? vscode.l10n.t('That date is in the future.')
            : undefined,
    });
    if (value) {
      await app.feed.setRange({ kind: app.feed.currentRange.kind, anchor: value.trim() }, { fetchIfMissing: true });
    }
  },
  setRange: (app: App) => async () => {
    const labels = { day: vscode.l10n.t('Day'), week: vscode.l10n.t('Week'), month: vscode.l10n.t('Month') };
    const pick = await vscode.window.showQuickPick(
      RANGE_KINDS.map((range) => ({
        label: labels[range],
        description: range === app.feed.currentRange.kind ? vscode.l10n.t('current') : undefined,
        range,
      })),
      { placeHolder: vscode.l10n.t('Show one day, one week or one month at a time') },
    );
    if (pick) await updateSetting('feed.range', pick.range);
  },
  showLog: (app: App) => () => app.log.show(),
  cite: (app: App) => async (arg?: unknown, selected?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Cite which papers? (Space selects several)'));
    return app.citer.cite(papers);
  },
  copyBibtex: (app: App) => async (arg?: unknown, selected?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Copy BibTeX of which papers?'));
    await app.citer.copyBibtex(papers);
  },
  openNotes: (app: App) => async (arg?: unknown, selected?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Open the notes of which papers?'));
    for (const paper of papers) await app.openNotes(paper);
  },
  openPdf: (app: App) => async (arg?: unknown, selected?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Open the PDF of which papers?'));
    const results: PdfOpenResult[] = [];
    for (const paper of papers) results.push(await app.openPdf(paper));
    return results.length === 1 ? results[0] : results;
  },
  makeAvailableOffline: (app: App) => async (arg?: unknown, selected?: unknown) => {
    // From the Reading List's title bar or the palette: every saved paper.
    const papers =
      arg === undefined
        ? app.user.savedPapers()
        : await targetPapers(app, arg, selected, vscode.l10n.t('Download the PDFs of which papers?'));
    return papers.length > 0 ? app.makeAvailableOffline(papers) : undefined;
  },
  saveToZotero: (app: App) => async (arg?: unknown, selected?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Save which papers to Zotero?'));
    return papers.length > 0 ? app.saveToZotero(papers) : undefined;
  },
  citeFromZotero: (app: App) => (citekeys?: unknown) =>
    app.citeFromZotero(Array.isArray(citekeys) && citekeys.every((k) => typeof k === 'string') ? citekeys : undefined),
  insertBibtex: (app: App) => async (arg?: unknown, selected?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Insert BibTeX entries of which papers?'));
    if (papers.length > 0) await app.citer.insertBibtex(papers);
  },
  addBibEntry: (app: App) => async (uri?: unknown, paper?: unknown) => {
    if (!(uri instanceof vscode.Uri) || !isPaper(paper)) return undefined;
    const doc = await vscode.workspace.openTextDocument(uri);
    return app.citer.addEntries(doc, [paper]);
  },
  search: (app: App) => () => app.search(),
  filter: (app: App) => async () => {
    const current = app.tree.currentFilter;
    const value = await vscode.window.showInputBox({
      prompt: vscode.l10n.t(
        'Show only papers whose title, authors or keywords contain these words. Add >=N for a minimum of N upvotes.',
      ),
      placeHolder: vscode.l10n.t('e.g. diffusion >=10'),
      value: current
        ? [current.text, current.minUpvotes > 0 ? `>=${current.minUpvotes}` : ''].filter(Boolean).join(' ')
        : '',
    });
    if (value === undefined) return;
    app.setFilter(parseFilter(value));
  },
  clearFilter: (app: App) => () => app.setFilter(undefined),
  save: (app: App) => async (arg?: unknown, selected?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Save which papers?'));
    await app.user.setSaved(papers, true);
  },
  unsave: (app: App) => async (arg?: unknown, selected?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Remove which papers from the reading list?'));
    await app.user.setSaved(papers, false);
  },
  // The keyboard's save key: saves the papers unless every one is saved already. Returns whether they are saved now.
  toggleSaved: (app: App) => async (arg?: unknown, selected?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Save or unsave which papers?'));
    if (papers.length === 0) return undefined;
    const save = !papers.every((p) => app.user.isSaved(p));
    await app.user.setSaved(papers, save);
    return save;
  },
  // Read unless every one is read already; returns whether they are read now.
  toggleRead: (app: App) => async (arg?: unknown, selected?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Mark which papers as read or unread?'));
    if (papers.length === 0) return undefined;
    const read = !papers.every((p) => app.user.isRead(p));
    await (read ? app.user.markRead(papers) : app.user.markUnread(papers));
    return read;
  },
  markAllRead: (app: App) => async (arg?: unknown) => {
    const papers = papersOfNodes([arg]);
    await app.user.markRead(papers.length > 0 ? papers : app.tree.visiblePapers());
  },
  exportReadingList: (app: App) => () => app.exportReadingList(),
  // A tag group's row passes its node; tests pass the papers and the tags.
  tagPaper: (app: App) => async (arg?: unknown, selected?: unknown, tags?: unknown) => {
    const papers = await targetPapers(app, arg, selected, vscode.l10n.t('Tag which papers?'));
    const given = Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : undefined;
    return tagPapers(app.user, papers, given);
  },
  filterReadingListByTag: (app: App) => (tag?: unknown) => filterByTag(app.user, app.readingList, tag),
  clearReadingListTagFilter: (app: App) => () => app.readingList.setTagFilter(undefined),
  groupReadingListByTag: (_app: App) => () => updateSetting('readingList.groupByTag', true),
  ungroupReadingList: (_app: App) => () => updateSetting('readingList.groupByTag', false),
  renameTag: (app: App) => (tag?: unknown, newName?: unknown) => renameTag(app.user, app.readingList, tag, newName),
  deleteTag: (app: App) => (tag?: unknown, options?: unknown) => deleteTag(app.user, app.readingList, tag, options),
  exportTag: (app: App) => async (tag?: unknown) => {
    const chosen = await chooseTag(app.user, tag, vscode.l10n.t('Export the papers of which tag?'));
    if (!chosen) return;
    const papers = papersTagged(app.user.readingList.list('saved'), chosen.tag).map((e) => e.paper);
    await app.exportReadingList(papers, `${tagFileStem(chosen.tag)}.bib`);
  },
  showWatched: (app: App) => () => app.showWatched(),
  sortReadingList: (_app: App) => async () => {
    const labels = {
      saved: vscode.l10n.t('Date saved (newest first)'),
      title: vscode.l10n.t('Title (A–Z)'),
      date: vscode.l10n.t('Paper date (newest first)'),
    };
    const pick = await vscode.window.showQuickPick(
      (['saved', 'title', 'date'] as const).map((order) => ({ label: labels[order], order })),
      { placeHolder: vscode.l10n.t('Sort the reading list by…') },
    );
    if (pick) await updateSetting('readingList.sort', pick.order);
  },
  refreshArxiv: (app: App) => () => app.refreshArxiv(),
  papersForDocument: (app: App) => () => app.papersForDocument(),
  citeById: (app: App) => (query?: unknown) => app.citeById(typeof query === 'string' ? query : undefined),
  findMissingKey: (app: App) => (uri?: unknown, key?: unknown, range?: unknown) => {
    const args = fixArguments(uri, key, range);
    return args ? app.findMissingKey(...args) : undefined;
  },
  replaceCitationKey: (app: App) => (uri?: unknown, key?: unknown, range?: unknown) => {
    const args = fixArguments(uri, key, range);
    return args ? app.replaceCitationKey(...args) : undefined;
  },
  // From a .bib's context menu the argument is its Uri; tests add `{ preview: false }`.
  updatePreprints: (app: App) => (bib?: unknown, options?: unknown) =>
    app.updatePreprints(
      bib instanceof vscode.Uri ? bib : undefined,
      typeof options === 'object' && options !== null && (options as UpdatePreprintsOptions).preview === false
        ? { preview: false }
        : {},
    ),
} satisfies Record<CommandName, (app: App) => (...args: never[]) => unknown>;

/** The handlers of every command, bound to `app`; `extension.ts` registers them (lazily). */
export function commandHandlers(app: App): Record<CommandName, (...args: unknown[]) => unknown> {
  const bound = {} as Record<CommandName, (...args: unknown[]) => unknown>;
  for (const name of Object.keys(commands) as CommandName[]) {
    bound[name] = commands[name](app) as (...args: unknown[]) => unknown;
  }
  return bound;
}
