/**
 * The messages between the extension host and the abstract view's page, both directions, as
 * one discriminated union each, and the readers of both. The page imports this file (bundled
 * by esbuild), the host imports it too; neither side trusts what it receives, so the readers
 * below check shapes.
 */
import { isRecord } from '../core/guards';
import type { Paper } from '../core/paper';
import { decodePaper } from '../core/paperRecord';
import { decodeTags } from '../core/tracking/tags';
import type { PaperViewModel } from '../core/view/paperView';
import type { HfLinksView, LinkedGroupView, LinkedItemView } from '../core/view/hfLinksView';
import { MAX_SIMILAR, type SimilarItemView, type SimilarView } from '../core/view/similarView';

export const PAGE_ACTIONS = [
  'cite',
  'copyBibtex',
  'save',
  'tags',
  'openNotes',
  'saveToZotero',
  'openPdf',
  'openHuggingFace',
] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];

/** Page → host. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'openLink'; url: string }
  | { type: 'action'; action: PageAction }
  /**
   * A place from the "Cited in" list: its index in the list the host sent, never a URI, and
   * its label, so the host can refuse a click on a list that has changed since.
   */
  | { type: 'openPlace'; index: number; label: string }
  /** A paper of the "Similar papers" list: its index in the host's list, and its title to check. */
  | { type: 'openSimilar'; index: number; title: string };

/**
 * Where the shown paper is cited: the labels (`paper.tex:42`) the page lists, in the host's
 * order, and how many more places the host left out.
 */
export interface CitedList {
  labels: string[];
  more: number;
}

export const NOT_CITED: CitedList = { labels: [], more: 0 };

/** Host → page. */
export type HostMessage =
  | {
      type: 'show';
      model: PaperViewModel;
      saved: boolean;
      /** The paper's tags in the reading list (none when it is not saved). */
      tags: string[];
      strings: PageStrings;
      /** Kept by the page in its state so the host can restore the panel after a reload. */
      paper: Paper;
      cited: CitedList;
    }
  /** The shown paper's place in the reading list changed: saved or not, and its tags. */
  | { type: 'saved'; saved: boolean; tags: string[] }
  /** The shown paper's places changed (the workspace was edited); ignored for another paper. */
  | { type: 'cited'; paperId: string; cited: CitedList }
  /** What Hugging Face links to the shown paper, once known; ignored for another paper. */
  | { type: 'hfLinks'; links: HfLinksView }
  /** The papers most like the shown one, once found; ignored for another paper. */
  | { type: 'similar'; similar: SimilarView };

/**
 * Every word the page shows that is not paper data. The host fills it with `vscode.l10n.t`;
 * `{0}` is replaced by the page with a number.
 */
export interface PageStrings {
  authors: string;
  moreAuthors: string;
  fewerAuthors: string;
  published: string;
  listed: string;
  upvotes: string;
  /** The count when it is one ("1 upvote"): `upvotes` is for every other number. */
  oneUpvote: string;
  comments: string;
  oneComment: string;
  githubStars: string;
  organization: string;
  abstract: string;
  noAbstract: string;
  aiSummary: string;
  keywords: string;
  links: string;
  actions: string;
  cite: string;
  copyBibtex: string;
  save: string;
  unsave: string;
  openNotes: string;
  /** The button that opens Tag Paper. */
  editTags: string;
  /** The label of the paper's tag chips. */
  tags: string;
  saveToZotero: string;
  openPdf: string;
  openHuggingFace: string;
  thumbnail: string;
  citedIn: string;
  /** A place button's tooltip; `{0}` is the place, `paper.tex:42`. */
  openPlace: string;
  morePlaces: string;
  onHuggingFace: string;
  models: string;
  datasets: string;
  spaces: string;
  /** A linked repository's likes; `{0}` is the number. */
  likes: string;
  downloads: string;
  /** After a capped list: `{0}` more are on the paper page. */
  moreOnHuggingFace: string;
  /** `{0}` is the submitter's name. */
  submittedBy: string;
  similarPapers: string;
  /** A similar paper's similarity; `{0}` is a percentage. */
  similarity: string;
}

export const DEFAULT_PAGE_STRINGS: PageStrings = {
  authors: 'Authors',
  moreAuthors: 'and {0} more',
  fewerAuthors: 'show fewer',
  published: 'Published {0}',
  listed: 'Listed {0}',
  upvotes: '{0} upvotes',
  oneUpvote: '1 upvote',
  comments: '{0} comments',
  oneComment: '1 comment',
  githubStars: '{0} GitHub stars',
  organization: 'Organization',
  abstract: 'Abstract',
  noAbstract: 'No abstract available.',
  aiSummary: 'AI summary',
  keywords: 'Keywords',
  links: 'Links',
  actions: 'Actions',
  cite: 'Cite',
  copyBibtex: 'Copy BibTeX',
  save: 'Save to reading list',
  unsave: 'Remove from reading list',
  openNotes: 'Notes',
  editTags: 'Tags…',
  tags: 'Tags',
  saveToZotero: 'Save to Zotero',
  openPdf: 'Open PDF',
  openHuggingFace: 'Open on Hugging Face',
  thumbnail: 'Paper thumbnail',
  citedIn: 'Cited in',
  openPlace: 'Go to the citation in {0}',
  morePlaces: 'and {0} more',
  onHuggingFace: 'On Hugging Face',
  models: 'Models',
  datasets: 'Datasets',
  spaces: 'Spaces',
  likes: '♥ {0}',
  downloads: '{0} downloads',
  moreOnHuggingFace: '{0} more on Hugging Face',
  submittedBy: 'Submitted by {0}',
  similarPapers: 'Similar papers',
  similarity: '{0} % similar',
};

/** What the page keeps with `setState`, so a reloaded page draws at once and the host can restore. */
export interface PageState {
  paperId: string;
  paper: Paper;
  model: PaperViewModel;
  saved: boolean;
  /** Absent in state saved before papers had tags. */
  tags?: string[];
  strings: PageStrings;
  authorsExpanded: boolean;
  /** Absent in state saved before the page listed places. */
  cited?: CitedList;
  /** What Hugging Face links to the paper, when the host has said. */
  hfLinks?: HfLinksView;
  /** The papers most like it, when the host has said. */
  similar?: SimilarView;
}

// Host side: what the page sends and what it saved.

/** The page message in `data`, or undefined when it is not one (the host ignores it). */
export function readPageMessage(data: unknown): PageMessage | undefined {
  if (!isRecord(data)) return undefined;
  switch (data.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openLink':
      return typeof data.url === 'string' ? { type: 'openLink', url: data.url } : undefined;
    case 'action':
      return (PAGE_ACTIONS as readonly unknown[]).includes(data.action)
        ? { type: 'action', action: data.action as PageAction }
        : undefined;
    case 'openPlace':
      return isPlaceIndex(data.index) && typeof data.label === 'string' && data.label.length <= MAX_LABEL
        ? { type: 'openPlace', index: data.index, label: data.label }
        : undefined;
    case 'openSimilar':
      return isSimilarIndex(data.index) && typeof data.title === 'string' && data.title.length <= MAX_LABEL
        ? { type: 'openSimilar', index: data.index, title: data.title }
        : undefined;
    default:
      return undefined;
  }
}

/** Longer labels are not paths a workspace holds; the host never sends one. */
const MAX_LABEL = 2000;
/** The host sends at most this many places (the rest are counted in `more`). */
export const MAX_PLACES = 100;

function isSimilarIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < MAX_SIMILAR;
}

function isPlaceIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < MAX_PLACES;
}

/**
 * A Paper recovered from saved page state, or undefined when the state does not hold one.
 * The page saved what the host sent, so it is read back like any Paper LitFeed stored itself.
 */
export function readSavedPaper(state: unknown): Paper | undefined {
  if (!isRecord(state)) return undefined;
  const paper = decodePaper(state.paper, { fallbackSource: 'hf-daily' });
  if (!paper || (typeof state.paperId === 'string' && state.paperId !== paper.id)) return undefined;
  return paper;
}

/** The saved paper id alone (the host may prefer a fresher copy from its cache). */
export function readSavedPaperId(state: unknown): string | undefined {
  return isRecord(state) && typeof state.paperId === 'string' && state.paperId.length > 0 ? state.paperId : undefined;
}

// Page side: what the host sends and what the page saved.

/** `value`'s strings where they are strings, the English defaults for the rest. */
export function readStrings(value: unknown): PageStrings {
  const strings: PageStrings = { ...DEFAULT_PAGE_STRINGS };
  if (!isRecord(value)) return strings;
  for (const key of Object.keys(strings) as (keyof PageStrings)[]) {
    const text = value[key];
    if (typeof text === 'string') strings[key] = text;
  }
  return strings;
}

/**
 * The places in `value`, or none when it is not a list of labels. A list with one bad entry
 * is dropped whole rather than filtered: the page's indexes must be the host's.
 */
export function readCitedList(value: unknown): CitedList {
  if (!isRecord(value) || !Array.isArray(value.labels)) return NOT_CITED;
  const labels: unknown[] = value.labels;
  if (labels.length > MAX_PLACES || !labels.every((l) => typeof l === 'string' && l.length <= MAX_LABEL)) {
    return NOT_CITED;
  }
  const more = value.more;
  return {
    labels: labels as string[],
    more: typeof more === 'number' && Number.isSafeInteger(more) && more > 0 ? more : 0,
  };
}

/** The tags in `value` as the reading list would keep them; anything else in it is left out. */
export function readTags(value: unknown): string[] {
  return decodeTags(value).tags;
}

/** Only the identity is checked here: the renderer checks every field it draws. */
function isModel(value: unknown): value is PaperViewModel {
  return isRecord(value) && typeof value.id === 'string' && typeof value.title === 'string';
}

/** The host message in `data`, or undefined when it is not one (the page ignores it). */
export function readHostMessage(data: unknown): HostMessage | undefined {
  if (!isRecord(data)) return undefined;
  if (data.type === 'show' && isModel(data.model) && isRecord(data.paper)) {
    return {
      type: 'show',
      model: data.model,
      saved: data.saved === true,
      tags: readTags(data.tags),
      strings: readStrings(data.strings),
      // The page only keeps the paper for the host, which reads it back with readSavedPaper.
      paper: data.paper as unknown as Paper,
      cited: readCitedList(data.cited),
    };
  }
  if (data.type === 'saved') return { type: 'saved', saved: data.saved === true, tags: readTags(data.tags) };
  if (data.type === 'cited' && typeof data.paperId === 'string') {
    return { type: 'cited', paperId: data.paperId, cited: readCitedList(data.cited) };
  }
  if (data.type === 'hfLinks') {
    const links = readHfLinksView(data.links);
    return links ? { type: 'hfLinks', links } : undefined;
  }
  if (data.type === 'similar') {
    const similar = readSimilarView(data.similar);
    return similar ? { type: 'similar', similar } : undefined;
  }
  return undefined;
}

function readSimilarItem(value: unknown): SimilarItemView | undefined {
  if (!isRecord(value) || !isText(value.title) || typeof value.detail !== 'string') return undefined;
  const similarity = value.similarity;
  if (typeof similarity !== 'number' || !(similarity >= 0 && similarity <= 1)) return undefined;
  return { title: value.title, detail: value.detail.slice(0, MAX_LABEL), similarity };
}

/** The "Similar papers" section in `value`, or undefined when it is not one (a bad item drops it whole: indexes must be the host's). */
export function readSimilarView(value: unknown): SimilarView | undefined {
  if (!isRecord(value) || !isText(value.paperId) || !Array.isArray(value.items)) return undefined;
  if (value.items.length > MAX_SIMILAR) return undefined;
  const items = readEach(value.items as unknown[], readSimilarItem);
  return items ? { paperId: value.paperId, items } : undefined;
}

/** Every value read by `read`, or undefined when one is not what it should be (a list is the host's whole). */
function readEach<T>(values: readonly unknown[], read: (value: unknown) => T | undefined): T[] | undefined {
  const out: T[] = [];
  for (const value of values) {
    const item = read(value);
    if (item === undefined) return undefined;
    out.push(item);
  }
  return out;
}

/** The host sends at most ten of each kind; a longer list is not the host's. */
const MAX_LINKED = 50;
const LINKED_KIND_NAMES: readonly unknown[] = ['models', 'datasets', 'spaces'];

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_LABEL;
}

function readLinkedItem(value: unknown): LinkedItemView | undefined {
  if (!isRecord(value) || !isText(value.label) || !isText(value.url)) return undefined;
  return {
    label: value.label,
    url: value.url,
    ...(isCount(value.likes) ? { likes: value.likes } : {}),
    ...(isCount(value.downloads) ? { downloads: value.downloads } : {}),
  };
}

function readLinkedGroup(value: unknown): LinkedGroupView | undefined {
  if (!isRecord(value) || !LINKED_KIND_NAMES.includes(value.kind) || !Array.isArray(value.items)) return undefined;
  if (value.items.length > MAX_LINKED) return undefined;
  const items = readEach(value.items as unknown[], readLinkedItem);
  return items
    ? { kind: value.kind as LinkedGroupView['kind'], items, more: isCount(value.more) ? value.more : 0 }
    : undefined;
}

/**
 * The "On Hugging Face" section in `value`, or undefined when it is not one. The page only
 * draws it (as text) and sends its URLs back, which the host checks again before opening.
 */
export function readHfLinksView(value: unknown): HfLinksView | undefined {
  if (!isRecord(value) || !isText(value.paperId) || !isText(value.paperUrl) || !Array.isArray(value.groups)) {
    return undefined;
  }
  const groups = readEach(value.groups as unknown[], readLinkedGroup);
  if (!groups) return undefined;
  const view: HfLinksView = { paperId: value.paperId, groups: groups.slice(0, 3), paperUrl: value.paperUrl };
  if (isText(value.submittedBy)) view.submittedBy = value.submittedBy;
  if (isCount(value.numComments)) view.numComments = value.numComments;
  if (isCount(value.githubStars)) view.githubStars = value.githubStars;
  return view;
}

/** The page's own saved state, or undefined when there is none (or it is not one). */
export function readState(value: unknown): PageState | undefined {
  if (!isRecord(value) || !isModel(value.model) || !isRecord(value.paper) || typeof value.paperId !== 'string') {
    return undefined;
  }
  return value as unknown as PageState;
}
