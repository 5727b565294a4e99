/** Stage 2 of the search (see paperIndex.ts): what Fuse.js sees of a candidate, and how it scores. */
import type Fuse from 'fuse.js';
import type { Paper } from '../paper';
import { foldText } from './textMatch';

/** What Fuse sees of a candidate: its searchable text, folded. */
export interface FuseDoc {
  slot: number;
  title: string;
  /** Names joined with LIST_SEPARATOR: one bitap run per field instead of one per name. */
  authors: string;
  aiKeywords: string;
}

const LIST_SEPARATOR = ' · ';

export const FUSE_OPTIONS: Fuse.IFuseOptions<FuseDoc> = {
  keys: [
    { name: 'title', weight: 3 },
    { name: 'authors', weight: 2 },
    { name: 'aiKeywords', weight: 1.5 },
  ],
  // Text and query are folded already; Fuse need not lower-case every field again.
  isCaseSensitive: true,
  ignoreLocation: true,
  threshold: 0.3,
  // Each query word is its own short pattern that must match in the field; the whole query
  // as one pattern would be cut into 32-character chunks with a dozen error levels each.
  useExtendedSearch: true,
  includeScore: true,
  shouldSort: false,
};

export function fuseDoc(slot: number, paper: Paper): FuseDoc {
  return {
    slot,
    title: foldText(paper.title),
    authors: paper.authors.map(foldText).join(LIST_SEPARATOR),
    aiKeywords: paper.aiKeywords.map(foldText).join(LIST_SEPARATOR),
  };
}
