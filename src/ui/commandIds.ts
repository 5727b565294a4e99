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
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** The paper panel's webview type; its serializer is registered at start-up (see extension.ts). */
export const PAPER_VIEW_TYPE = 'litfeed.paper';

/** The PDF tabs' webview type; its serializer is registered at start-up too. */
export const PDF_VIEW_TYPE = 'litfeed.pdf';
