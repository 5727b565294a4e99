/**
 * One paper seen by several sources (same id, which is the arXiv id when there is one)
 * becomes one record with the best each source knows:
 *
 * - arXiv is the record of the paper itself: title, publication date, categories, DOI,
 *   journal reference. Hugging Face fills in what arXiv does not give.
 * - Hugging Face is the record of its community: upvotes, comments, AI summary and
 *   keywords, organisation, code and project links, thumbnail, and the feed day (the day
 *   the paper was featured, which is what the feed groups by). Counts only grow, so the
 *   larger of two counts wins.
 * - Authors: the longer list, because Hugging Face drops hidden authors and never adds
 *   any; on a tie, arXiv's (its spelling is the one the paper carries).
 * - Abstract: the longer one, since a cut-short abstract is the usual defect and both are
 *   normalised the same way; on a tie, arXiv's.
 * - A published version (`publication`, from a look-up) is bibliographic data, kept from
 *   whichever record has one.
 * - Source: the Hugging Face one, so the paper stays in the feed that featured it.
 */
import type { Paper, PaperLinks, SourceId } from '../paper';

/** Lower comes first for community data. */
const COMMUNITY_RANK: Record<SourceId, number> = {
  'hf-daily': 0,
  'hf-search': 1,
  sample: 2,
  arxiv: 3,
  lookup: 4,
  bib: 5,
};
/** Lower comes first for bibliographic data. */
// A look-up's record is arXiv's (or Crossref's / DBLP's for a paper arXiv does not hold).
const RECORD_RANK: Record<SourceId, number> = { arxiv: 0, lookup: 1, 'hf-daily': 2, 'hf-search': 3, sample: 4, bib: 5 };

const COMMUNITY_LINKS = ['huggingFace', 'code', 'project'] as const;
const RECORD_LINKS = ['arxivAbs', 'pdf'] as const;

/** Merges two records of the same paper; throws a RangeError for different ids. */
export function mergePapers(a: Paper, b: Paper): Paper {
  if (a.id !== b.id) throw new RangeError(`cannot merge different papers ${a.id} and ${b.id}`);
  const [hf, hfOther] = rank(a, b, COMMUNITY_RANK);
  const [record, recordOther] = rank(a, b, RECORD_RANK);

  const merged: Paper = {
    ...recordOther,
    ...record,
    title: record.title || recordOther.title,
    authors: [...longer(record.authors, recordOther.authors)],
    abstract: record.abstract.length >= recordOther.abstract.length ? record.abstract : recordOther.abstract,
    aiKeywords: [...(hf.aiKeywords.length > 0 ? hf.aiKeywords : hfOther.aiKeywords)],
    links: mergeLinks(hf, hfOther, record, recordOther),
    source: hf.source,
  };

  const fromRecord = ['arxivId', 'published', 'categories', 'doi', 'journalRef', 'publication'] as const;
  for (const key of fromRecord) setOrDelete(merged, key, record[key] ?? recordOther[key]);
  if (merged.categories) merged.categories = [...merged.categories];
  const fromCommunity = ['feedDay', 'aiSummary', 'organization', 'thumbnail'] as const;
  for (const key of fromCommunity) setOrDelete(merged, key, hf[key] ?? hfOther[key]);
  for (const key of ['upvotes', 'numComments', 'githubStars'] as const) {
    setOrDelete(merged, key, larger(a[key], b[key]));
  }
  return merged;
}

/**
 * The papers of several lists, each once: in order of first appearance, every later record
 * with the same id merged into the first. The inputs are not modified.
 */
export function mergeLists(lists: readonly (readonly Paper[])[]): Paper[] {
  const byId = new Map<string, Paper>();
  for (const list of lists) for (const paper of list) mergeInto(byId, paper);
  return [...byId.values()];
}

/** One step of `mergeLists`, for callers that merge a paper at a time between other work. */
export function mergeInto(byId: Map<string, Paper>, paper: Paper): void {
  const seen = byId.get(paper.id);
  byId.set(paper.id, seen ? mergePapers(seen, paper) : paper);
}

function rank(a: Paper, b: Paper, order: Record<SourceId, number>): [Paper, Paper] {
  // Unknown sources (from a newer cache) sort last; equal ranks keep the first argument first.
  const ra = order[a.source] ?? 99;
  const rb = order[b.source] ?? 99;
  return rb < ra ? [b, a] : [a, b];
}

function longer(first: string[], second: string[]): string[] {
  return second.length > first.length ? second : first;
}

function larger(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function mergeLinks(hf: Paper, hfOther: Paper, record: Paper, recordOther: Paper): PaperLinks {
  const links: PaperLinks = {};
  for (const key of COMMUNITY_LINKS) {
    const url = hf.links[key] ?? hfOther.links[key];
    if (url) links[key] = url;
  }
  for (const key of RECORD_LINKS) {
    const url = record.links[key] ?? recordOther.links[key];
    if (url) links[key] = url;
  }
  return links;
}

function setOrDelete<K extends keyof Paper>(paper: Paper, key: K, value: Paper[K] | undefined): void {
  if (value === undefined) delete paper[key];
  else paper[key] = value;
}
