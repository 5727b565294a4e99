import type { Paper } from '../paper';
import { newEntries, type EntryOptions } from './citePlan';

/**
 * One .bib text for many papers (the reading list export, Copy BibTeX): the same entries and
 * keys the citation commands make, each key unique within the text and against `taken`, the
 * keys already in the file the text goes into.
 */
export function bibliographyText(
  papers: readonly Paper[],
  options: EntryOptions = {},
  taken: Iterable<string> = [],
): { text: string; keys: string[] } {
  const entries = newEntries(papers, options, taken);
  return {
    text: entries.length > 0 ? `${entries.map((e) => e.text.trimEnd()).join('\n\n')}\n` : '',
    keys: entries.map((e) => e.key),
  };
}
