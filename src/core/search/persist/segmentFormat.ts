/**
 * The persisted search index is a set of segment files, each the word index of some cached
 * day files (see docs/search-index.md). One segment is one binary file:
 *
 *   header  magic "LFSX", format version, file length, checksum of everything after the
 *           first 16 bytes, then a table of sections (offset, length), all u32 little-endian
 *   meta    JSON: when it was built and which day files (with size and mtime) it covers
 *   slots   per paper: the file it came from, its recency, its summary record (JSON), its id;
 *           ids also in sorted order for lookup by id
 *   words   the distinct words sorted by their UTF-8 bytes, each with its postings (int32,
 *           packed as in postings.ts), and the words' trigrams, sorted, each with its words
 *
 * Sections start on 8-byte boundaries so typed arrays view them in place: opening a segment
 * is reading the file and checking it, not parsing it.
 */
import type { Paper, SourceId } from '../../paper';

export const SEGMENT_MAGIC = 0x5853464c; // "LFSX" read as u32 LE
/** Raised whenever the layout or what is indexed changes; older files are then rebuilt. */
export const SEGMENT_VERSION = 1;

/** Section numbers, in file order. */
export const Section = {
  Meta: 0,
  SlotFile: 1,
  Recency: 2,
  RecordStart: 3,
  Records: 4,
  IdStart: 5,
  Ids: 6,
  IdOrder: 7,
  TermStart: 8,
  TermBytes: 9,
  PostingStart: 10,
  Postings: 11,
  GramStart: 12,
  GramBytes: 13,
  GramTermStart: 14,
  GramTerms: 15,
} as const;
export const SECTION_COUNT = 16;
/** magic, version, length, checksum, section count, then (offset, length) per section. */
export const HEADER_BYTES = align8(20 + SECTION_COUNT * 8);
/** The checksum covers the file from here on. */
export const CHECKED_FROM = 16;

/** A cached day file as it was when a segment read it. */
export interface FileStamp {
  source: SourceId;
  day: string;
  size: number;
  mtimeMs: number;
  /**
   * The file's inode: the cache writes by renaming a new file over the old, so a rewrite
   * changes it even where mtimes are coarse and the size stayed.
   */
  ino: number;
}

export interface SegmentMeta {
  /** When the build began (ms since the epoch): a newer segment's files replace an older one's. */
  created: number;
  files: FileStamp[];
}

/**
 * What a segment keeps of a paper to list it as a search hit; the rest (abstract, links,
 * summaries) is read from its day file when the paper is opened or cited.
 * [title, authors, aiKeywords, feedDay, published, upvotes, arxivId, source]
 */
export type SummaryRecord = [string, string[], string[], string | null, string | null, number | null, string | null, SourceId];

export function summaryRecord(paper: Paper): SummaryRecord {
  return [
    paper.title,
    paper.authors,
    paper.aiKeywords,
    paper.feedDay ?? null,
    paper.published ?? null,
    paper.upvotes ?? null,
    paper.arxivId ?? null,
    paper.source,
  ];
}

export function summaryPaper(id: string, record: SummaryRecord): Paper {
  const [title, authors, aiKeywords, feedDay, published, upvotes, arxivId, source] = record;
  const paper: Paper = { id, title, authors, abstract: '', aiKeywords, links: {}, source };
  if (feedDay !== null) paper.feedDay = feedDay;
  if (published !== null) paper.published = published;
  if (upvotes !== null) paper.upvotes = upvotes;
  if (arxivId !== null) paper.arxivId = arxivId;
  return paper;
}

/**
 * A checksum of 32-bit words (FNV-1a over words, then the length): fast enough to check a
 * 60 MB index in a few slices, and any flipped, zeroed or missing stretch changes it. It
 * guards against torn and damaged files, not against anyone crafting one.
 */
export function checksumWords(words: Uint32Array, seed = CHECKSUM_SEED): number {
  let h = seed;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  return h >>> 0;
}

/** The checksum of a file's checked part, given in pieces (`checksumWords` chained), ends with its length. */
export function finishChecksum(h: number, length: number): number {
  return Math.imul(h ^ length, 0x01000193) >>> 0;
}

export const CHECKSUM_SEED = 0x811c9dc5;

export function align8(n: number): number {
  return (n + 7) & ~7;
}
