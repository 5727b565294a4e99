import { bibtexEntry, type BibtexOptions } from './bibtexEntry';
import type { Paper } from '../paper';

/**
 * One .bib text for many papers (the reading list export): the same entries and keys the
 * citation commands make, each key unique within the file.
 */
export function bibliographyText(
  papers: readonly Paper[],
  options: Omit<BibtexOptions, 'taken'> = {},
): { text: string; keys: string[] } {
  const taken = new Set<string>();
  const keys: string[] = [];
  const entries: string[] = [];
  for (const paper of papers) {
    const { key, text } = bibtexEntry(paper, { ...options, taken });
    taken.add(key);
    keys.push(key);
    entries.push(text.trimEnd());
  }
  return { text: entries.length > 0 ? `${entries.join('\n\n')}\n` : '', keys };
}
