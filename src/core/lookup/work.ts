/**
 * What a look-up service tells about one publication. Every service client (arXiv, Crossref,
 * DBLP, Semantic Scholar, Hugging Face, ACL Anthology) turns its answer into `Work`s; the
 * title picker shows them, the matching rule compares them, and `workToPaper` makes the one a
 * writer picks into a `Paper` that is cited like any other.
 */
import type { Publication } from '../paper';

export type WorkService = 'arxiv' | 'crossref' | 'dblp' | 'semanticScholar' | 'huggingFace' | 'acl';

export interface Work {
  service: WorkService;
  /** Plain text (LaTeX and HTML entities already decoded), whitespace collapsed. */
  title: string;
  /** Display names in order, `Given Family` (`Ashish Vaswani`). */
  authors: string[];
  /**
   * Family names in the same order when the service gives names split (Crossref's
   * `family`, DBLP's records); otherwise absent and taken from `authors` by `splitName`.
   */
  families?: string[];
  /** Four digits. */
  year?: string;
  /** Versionless arXiv id. */
  arxivId?: string;
  /** Bare DOI, lower case as the services compare it. */
  doi?: string;
  /** DBLP record key (`conf/nips/VaswaniSPUJGKP17`). */
  dblpKey?: string;
  /** A journal or proceedings record; absent for preprints (arXiv, DBLP's CoRR, posted content). */
  publication?: Publication;
  /**
   * Crossref's `relation`: for a preprint, the DOIs of its published versions
   * (`is-preprint-of`); for a published work, the ids of its preprints (`has-preprint`).
   */
  preprintOf?: string[];
  hasPreprint?: string[];
  abstract?: string;
  /** The record's landing page. */
  url?: string;
}
