/**
 * The abstract view's "Similar papers" section as plain data: the nearest papers of the
 * local library (docs/recommendations.md), each as the text of its title (math as the
 * characters it stands for, so a list of titles never shows raw TeX), its first author and
 * year, and how similar it is. The page sends back a click as an index into this list.
 */
import { firstAuthorLabel, paperYear, type Paper } from '../paper';
import { segmentsToPlainText, splitMath } from './texSegments';

export interface SimilarItemView {
  title: string;
  /** "Vaswani et al. · 2017": what tells two papers of one title apart. */
  detail: string;
  /** Cosine similarity, 0 to 1. */
  similarity: number;
}

export interface SimilarView {
  /** The paper these are similar to: the page ignores a section for another one. */
  paperId: string;
  items: SimilarItemView[];
}

/** The page lists at most this many (the host asks for five). */
export const MAX_SIMILAR = 10;

export function similarView(paperId: string, hits: readonly { paper: Paper; similarity: number }[]): SimilarView {
  return { paperId, items: hits.slice(0, MAX_SIMILAR).map(similarItem) };
}

/** One similar paper as a list shows it (the abstract view, and Papers for This Document). */
export function similarItem({ paper, similarity }: { paper: Paper; similarity: number }): SimilarItemView {
  return {
    title: segmentsToPlainText(splitMath(paper.title)) || paper.id,
    detail: [firstAuthorLabel(paper), paperYear(paper)].filter(Boolean).join(' · '),
    similarity,
  };
}
