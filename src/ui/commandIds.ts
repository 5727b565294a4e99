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
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** LitFeed's tree views; a keybinding names the one it was pressed in (see `KeyboardTarget`). */
export const VIEW_IDS = ['litfeed.feed', 'litfeed.readingList', 'litfeed.arxiv'] as const;

export type ViewId = (typeof VIEW_IDS)[number];

/**
 * What a keybinding passes as its command's argument (`args` in package.json). VS Code hands
 * a command run from a key no tree row (microsoft/vscode#72442) and no word of which view had
 * focus, so each binding says which view it is for and the command reads that view's selection.
 */
export interface KeyboardTarget {
  view: ViewId;
}

export function isKeyboardTarget(value: unknown): value is KeyboardTarget {
  return (
    typeof value === 'object' &&
    value !== null &&
    (VIEW_IDS as readonly unknown[]).includes((value as { view?: unknown }).view) &&
    Object.keys(value).length === 1
  );
}

/** The paper panel's webview type; its serializer is registered at start-up (see extension.ts). */
export const PAPER_VIEW_TYPE = 'litfeed.paper';

/** The PDF tabs' webview type; its serializer is registered at start-up too. */
export const PDF_VIEW_TYPE = 'litfeed.pdf';
