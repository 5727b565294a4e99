/**
 * The ids (without `litfeed.`) of every contributed command. Kept free of `vscode` so a
 * plain-Node unit test can compare it with package.json; `commands.ts` must implement
 * exactly these (the compiler checks that).
 */
export const COMMAND_NAMES = [
  'refresh',
  'openPaper',
  'sortBy',
  'previousRange',
  'nextRange',
  'goToToday',
  'goToDate',
  'setRange',
  'showLog',
  'cite',
  'copyBibtex',
  'insertBibtex',
  'addBibEntry',
  'search',
  'filter',
  'clearFilter',
  'save',
  'unsave',
  'toggleSaved',
  'markAllRead',
  'toggleRead',
  'exportReadingList',
  'showWatched',
  'sortReadingList',
  'refreshArxiv',
  'citeById',
  'updatePreprints',
  'findMissingKey',
  'replaceCitationKey',
  'openNotes',
  'openPdf',
  'makeAvailableOffline',
  'tagPaper',
  'filterReadingListByTag',
  'clearReadingListTagFilter',
  'groupReadingListByTag',
  'ungroupReadingList',
  'renameTag',
  'deleteTag',
  'exportTag',
  'saveToZotero',
  'citeFromZotero',
  'papersForDocument',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** LitFeed's tree views; a keybinding names the one it was pressed in (see `KeyboardTarget`). */
export const VIEW_IDS = ['litfeed.feed', 'litfeed.readingList', 'litfeed.arxiv'] as const;

export type ViewId = (typeof VIEW_IDS)[number];

/**
 * What a key bound to a command on "the paper" passes (`args` in package.json): the row with
 * keyboard focus, and the view. VS Code hands a command run from a key no tree row
 * (microsoft/vscode#72442) and the API has no word of which row has focus; but the extension
 * host turns `{ $treeViewId, $focusedTreeItem: true }` (the argument VS Code's own view actions
 * pass) into the row focused in that view, also inside an array. It gives nothing for a moment
 * after the view is redrawn, and an older host may leave it as it is: then the view named
 * second is what is left to go by.
 */
export function keyboardArgs(view: ViewId): [{ $treeViewId: ViewId; $focusedTreeItem: true }, { view: ViewId }] {
  return [{ $treeViewId: view, $focusedTreeItem: true }, { view }];
}

/** A key press as the command receives `keyboardArgs`: the focused row when the host found it, and the view. */
export interface KeyPress {
  view: ViewId;
  row: unknown;
}

export function readKeyPress(arg: unknown): KeyPress | undefined {
  if (!Array.isArray(arg) || arg.length !== 2) return undefined;
  const [row, tag] = arg as [unknown, unknown];
  const view = typeof tag === 'object' && tag !== null ? (tag as { view?: unknown }).view : undefined;
  if (!(VIEW_IDS as readonly unknown[]).includes(view) || Object.keys(tag as object).length !== 1) return undefined;
  const unresolved = typeof row === 'object' && row !== null && '$treeViewId' in row;
  return { view: view as ViewId, row: unresolved ? undefined : row };
}

/** The paper panel's webview type; its serializer is registered at start-up (see extension.ts). */
export const PAPER_VIEW_TYPE = 'litfeed.paper';

/** The PDF tabs' webview type; its serializer is registered at start-up too. */
export const PDF_VIEW_TYPE = 'litfeed.pdf';
