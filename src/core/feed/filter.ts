/** The feed view's filter: words to find in a paper's title, authors or keywords, and a vote floor. */
import type { Paper } from '../paper';

/** Narrows the visible papers of the feed view. */
export interface FeedFilter {
  text: string;
  minUpvotes: number;
}

/** `diffusion >=10` → the words "diffusion" and at least 10 upvotes; nothing → no filter. */
export function parseFilter(value: string): FeedFilter | undefined {
  let minUpvotes = 0;
  const text = value
    .replace(/(?:>=|≥|▲)\s*(\d+)/g, (_m, n: string) => {
      minUpvotes = Number(n);
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return text || minUpvotes > 0 ? { text, minUpvotes } : undefined;
}

/** Every word in the title, authors, keywords or arXiv id (ignoring case), and enough upvotes. */
export function passesFilter(paper: Paper, filter: FeedFilter): boolean {
  if ((paper.upvotes ?? 0) < filter.minUpvotes) return false;
  const text = filter.text.trim().toLocaleLowerCase();
  if (!text) return true;
  const haystack = [paper.title, paper.authors.join(' '), paper.aiKeywords.join(' '), paper.arxivId ?? '']
    .join('\n')
    .toLocaleLowerCase();
  return text.split(/\s+/).every((word) => haystack.includes(word));
}
