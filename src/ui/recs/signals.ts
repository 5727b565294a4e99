/**
 * What the reader keeps, as the "For you" model's positives: saved papers first, then papers
 * with notes, then what the workspace's documents cite. A paper kept several ways counts once,
 * as the first (core/recs/recModel.ts `distinctPositives`).
 */
import type { Paper } from '../../core/paper';
import { MAX_POSITIVES, poolDoc, type PositiveDoc, type SignalKind } from '../../core/recs/recModel';

export interface SignalSources {
  saved: readonly Paper[];
  /** What the notes files say of their papers: the paper's id and title, the note's text. */
  notes: readonly Paper[];
  /** Papers the workspace cites (from its .bib entries), `max` at most. */
  cited(max: number): Promise<Paper[]>;
  /** The whole record of a paper, when this window holds one (a .bib entry or a note has less). */
  whole(id: string): Paper | undefined;
}

export async function keptSignals(sources: SignalSources): Promise<PositiveDoc[]> {
  const docs: PositiveDoc[] = sources.saved.map((p) => positive(p, 'saved'));
  for (const note of sources.notes) {
    const paper = sources.whole(note.id);
    // The note's own words say what the reader took from the paper: they count with its abstract.
    const abstract = [paper?.abstract, note.abstract].filter(Boolean).join(' ');
    docs.push(positive({ ...(paper ?? note), abstract }, 'notes'));
  }
  for (const entry of await sources.cited(MAX_POSITIVES)) {
    const paper = entry.arxivId ? sources.whole(entry.arxivId) : undefined;
    docs.push(positive(paper ?? entry, 'cited'));
  }
  return docs;
}

function positive(paper: Paper, kind: SignalKind): PositiveDoc {
  return { ...poolDoc(paper), kind };
}
