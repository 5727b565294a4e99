/**
 * The persisted search index is a set of segment files, each the word index of some cached
 * day files (see docs/search-index.md). One segment is one binary file:
 *
 *   header   magic "LFSX", format version, file length, checksum of the index part after the
 *            first 16 bytes, then a table of sections (offset, length), all u32 little-endian
 *   meta     JSON: when it was built, which day files (size, mtime, inode) it read, slots per paper
 *   slots    per paper: the file it came from, its recency, its id, where its summary record
 *            is and the record's own checksum, the length of its document vector (for similar
 *            papers, similar.ts); ids also in sorted order for lookup by id
 *   words    the distinct words sorted by their UTF-8 bytes, where each one's postings are and
 *            their checksum, and the words' trigrams, sorted, each with its words
 *   postings after the index part: per word, its postings (int32, packed as in postings.ts)
 *   records  last: each paper's summary as JSON
 *
 * Sections start on 8-byte boundaries so typed arrays view them in place: opening a segment
 * is reading its index part and checking it, not parsing it. Postings and records are nine
 * tenths of the file and a search needs a few words' postings and a few dozen records, so
 * they are read from the file when needed, each list and record checked against its checksum.
 */
import type { Paper, SourceId } from '../../paper';

export const SEGMENT_MAGIC = 0x5853464c; // "LFSX" read as u32 LE
/** Raised whenever the layout or what is indexed changes; older files are then rebuilt. */
export const SEGMENT_VERSION = 2;

/** Section numbers, in file order. */
export const Section = {
  Meta: 0,
  SlotFile: 1,
  Recency: 2,
  RecordStart: 3,
  RecordCheck: 4,
  IdStart: 5,
  Ids: 6,
  IdOrder: 7,
  TermStart: 8,
  TermBytes: 9,
  PostingStart: 10,
  /** After the index part, before the records. */
  Postings: 11,
  GramStart: 12,
  GramBytes: 13,
  GramTermStart: 14,
  GramTerms: 15,
  PostingCheck: 16,
  /** The first section after the index part. */
  Records: 17,
  /** Since version 2: per slot, float32, the norm of its document vector (postings.ts `documentNorm`). */
  Norms: 18,
} as const;
export const SECTION_COUNT = 19;
/** magic, version, length, checksum, section count, then (offset, length) per section. */
/** Where the section table starts in the header. */
const SECTION_TABLE = 20;
export const HEADER_BYTES = align8(SECTION_TABLE + SECTION_COUNT * 8);

/** The header's byte offset of a section's (offset, length) pair; the length follows 4 bytes on. */
export function sectionEntry(section: number): number {
  return SECTION_TABLE + section * 8;
}

/** Where a section lies in the file, from the header. */
export function sectionOf(header: DataView, section: number): { offset: number; length: number } {
  const at = sectionEntry(section);
  return { offset: header.getUint32(at, true), length: header.getUint32(at + 4, true) };
}
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
  /**
   * Slots per distinct paper (a paper listed by two sources has a slot in each day file): a
   * search asks this many times the candidates, so that copies do not crowd papers out.
   */
  copies: number;
}

/**
 * What a segment keeps of a paper to list it as a search hit; the rest (abstract, links,
 * summaries) is read from its day file when the paper is opened or cited.
 * [title, authors, aiKeywords, feedDay, published, upvotes, arxivId, source]
 */
export type SummaryRecord = [
  string,
  string[],
  string[],
  string | null,
  string | null,
  number | null,
  string | null,
  SourceId,
];

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

/** The paper a summary record stands for; throws a TypeError for a record of another shape. */
export function summaryPaper(id: string, record: unknown): Paper {
  if (!isSummaryRecord(record)) throw new TypeError(`not a summary record: ${JSON.stringify(record).slice(0, 80)}`);
  const [title, authors, aiKeywords, feedDay, published, upvotes, arxivId, source] = record;
  const paper: Paper = { id, title, authors, abstract: '', aiKeywords, links: {}, source };
  if (feedDay !== null) paper.feedDay = feedDay;
  if (published !== null) paper.published = published;
  if (upvotes !== null) paper.upvotes = upvotes;
  if (arxivId !== null) paper.arxivId = arxivId;
  return paper;
}

const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');
const stringOrNull = (x: unknown) => x === null || typeof x === 'string';

function isSummaryRecord(r: unknown): r is SummaryRecord {
  return (
    Array.isArray(r) &&
    r.length === 8 &&
    typeof r[0] === 'string' &&
    strings(r[1]) &&
    strings(r[2]) &&
    stringOrNull(r[3]) &&
    stringOrNull(r[4]) &&
    (r[5] === null || typeof r[5] === 'number') &&
    stringOrNull(r[6]) &&
    typeof r[7] === 'string'
  );
}

export function align8(n: number): number {
  return (n + 7) & ~7;
}
