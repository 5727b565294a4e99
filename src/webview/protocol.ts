/**
 * The messages between the extension host and the abstract view's page, both directions, as
 * one discriminated union each. The page imports this file (bundled by esbuild), the host
 * imports it too; neither side trusts what it receives, so the readers below check shapes.
 */
import type { Paper } from '../core/paper';
import type { PaperViewModel } from '../core/view/paperView';

export const PAGE_ACTIONS = ['cite', 'copyBibtex', 'save', 'openPdf', 'openHuggingFace'] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];

/** Page → host. */
export type PageMessage =
  { type: 'ready' } | { type: 'openLink'; url: string } | { type: 'action'; action: PageAction };

/** Host → page. */
export type HostMessage =
  | {
      type: 'show';
      model: PaperViewModel;
      saved: boolean;
      strings: PageStrings;
      /** Kept by the page in its state so the host can restore the panel after a reload. */
      paper: Paper;
    }
  | { type: 'saved'; saved: boolean };

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
  comments: string;
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
  openPdf: string;
  openHuggingFace: string;
  thumbnail: string;
}

export const DEFAULT_PAGE_STRINGS: PageStrings = {
  authors: 'Authors',
  moreAuthors: 'and {0} more',
  fewerAuthors: 'show fewer',
  published: 'Published {0}',
  listed: 'Listed {0}',
  upvotes: '{0} upvotes',
  comments: '{0} comments',
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
  openPdf: 'Open PDF',
  openHuggingFace: 'Open on Hugging Face',
  thumbnail: 'Paper thumbnail',
};

/** What the page keeps with `setState`, so a reloaded page draws at once and the host can restore. */
export interface PageState {
  paperId: string;
  paper: Paper;
  model: PaperViewModel;
  saved: boolean;
  strings: PageStrings;
  authorsExpanded: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
    default:
      return undefined;
  }
}

/**
 * A Paper recovered from saved page state, or undefined when the state does not hold one.
 * Only the shape is checked; the view model cleans every field again before it is shown.
 */
export function readSavedPaper(state: unknown): Paper | undefined {
  if (!isRecord(state) || !isRecord(state.paper)) return undefined;
  const paper = state.paper;
  if (typeof paper.id !== 'string' || paper.id.length === 0 || typeof paper.title !== 'string') return undefined;
  if (typeof state.paperId === 'string' && state.paperId !== paper.id) return undefined;
  return {
    ...(paper as unknown as Paper),
    authors: Array.isArray(paper.authors) ? paper.authors.filter((a): a is string => typeof a === 'string') : [],
    abstract: typeof paper.abstract === 'string' ? paper.abstract : '',
    aiKeywords: Array.isArray(paper.aiKeywords)
      ? paper.aiKeywords.filter((k): k is string => typeof k === 'string')
      : [],
    links: isRecord(paper.links) ? (paper.links as Paper['links']) : {},
  };
}

/** The saved paper id alone (the host may prefer a fresher copy from its cache). */
export function readSavedPaperId(state: unknown): string | undefined {
  return isRecord(state) && typeof state.paperId === 'string' && state.paperId.length > 0 ? state.paperId : undefined;
}
