/**
 * A segment file opened for search: its index part read whole and viewed by typed arrays
 * (layout in segmentFormat.ts), nothing decoded until a query needs it; summary records read
 * from the file as hits need them. Its papers are searched like the in-memory index's.
 */
import * as fs from 'fs/promises';
import type { Paper } from '../../paper';
import { QueryScratch } from '../queryScratch';
import type { SearchPart } from '../searchParts';
import { TermDictionary } from '../termTable';
import {
  CHECKED_FROM,
  HEADER_BYTES,
  SECTION_COUNT,
  SEGMENT_MAGIC,
  SEGMENT_VERSION,
  Section,
  sectionOf,
  summaryPaper,
  type SegmentMeta,
} from './segmentFormat';
import { CHECKSUM_SEED, checksumBytes, checksumWords, finishChecksum } from '../../checksum';

/** A segment that cannot be used: damaged, cut short, or of another format version. */
export class SegmentError extends Error {}

/** Words checksummed between two turns of the caller's loop (4 MB: a few milliseconds). */
const CHECK_SLICE_WORDS = 1 << 20;

/** Reads a stretch of the segment's file (its records). */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

/**
 * Checks the header, the file's length and the index part's checksum; `index` holds at
 * least the index part (everything before the records) and starts on an 8-byte boundary.
 * `pace` is called between slices of the checksum, so that a large index does not hold the
 * thread.
 */
export async function verifySegment(
  index: Uint8Array,
  fileLength: number,
  pace: () => Promise<void> = async () => {},
  sliceWords = CHECK_SLICE_WORDS,
): Promise<void> {
  if (index.byteOffset % 8 !== 0) throw new RangeError('segment bytes must be 8-byte aligned');
  if (index.length < HEADER_BYTES) throw new SegmentError(`too short for a segment (${index.length} bytes)`);
  const header = new DataView(index.buffer, index.byteOffset, HEADER_BYTES);
  if (header.getUint32(0, true) !== SEGMENT_MAGIC) throw new SegmentError('not a LitFeed search segment');
  const version = header.getUint32(4, true);
  if (version !== SEGMENT_VERSION) throw new SegmentError(`format version ${version}, not ${SEGMENT_VERSION}`);
  const length = header.getUint32(8, true);
  if (length !== fileLength) throw new SegmentError(`length ${fileLength}, header says ${length}`);
  if (header.getUint32(16, true) !== SECTION_COUNT) throw new SegmentError('damaged header');
  const postings = sectionOf(header, Section.Postings);
  const records = sectionOf(header, Section.Records);
  const indexEnd = postings.offset;
  if (
    indexEnd % 8 !== 0 ||
    indexEnd < HEADER_BYTES ||
    indexEnd > index.length ||
    postings.offset + postings.length > records.offset ||
    records.offset + records.length > length
  ) {
    throw new SegmentError('damaged header');
  }
  const words = new Uint32Array(index.buffer, index.byteOffset + CHECKED_FROM, (indexEnd - CHECKED_FROM) / 4);
  let h = CHECKSUM_SEED;
  for (let at = 0; at < words.length; at += sliceWords) {
    h = checksumWords(words.subarray(at, at + sliceWords), h);
    if (at + sliceWords < words.length) await pace();
  }
  if (finishChecksum(h, indexEnd) !== header.getUint32(12, true)) throw new SegmentError('checksum does not match');
}

/**
 * Opens a segment file: reads its header and index part, checks them, and keeps the file
 * open for reading records. Throws SegmentError for a file that cannot be trusted.
 */
export async function openSegmentFile(file: string, pace?: () => Promise<void>): Promise<Segment> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = await readExactly(handle, 0, Math.min(size, HEADER_BYTES));
    if (head.length < HEADER_BYTES) throw new SegmentError(`too short for a segment (${size} bytes)`);
    const indexEnd = sectionOf(new DataView(head.buffer, head.byteOffset, HEADER_BYTES), Section.Postings).offset;
    if (indexEnd < HEADER_BYTES || indexEnd > size) throw new SegmentError('damaged header');
    const index = await readExactly(handle, 0, indexEnd);
    await verifySegment(index, size, pace);
    return new Segment(
      index,
      (offset, length) => readExactly(handle, offset, length),
      () => handle.close(),
    );
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** `length` bytes from `offset`, in a buffer of their own; fewer when the file is shorter. */
async function readExactly(handle: fs.FileHandle, offset: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(new ArrayBuffer(length));
  let at = 0;
  while (at < length) {
    const { bytesRead } = await handle.read(bytes, at, length - at, offset + at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at === length ? bytes : bytes.subarray(0, at);
}

/** Summary records kept after reading: a search reads a few dozen; typing reads many of them again. */
const RECORD_CACHE = 4096;
/** Bytes per read when all summary records are read into memory. */
const RECORD_CHUNK = 1 << 20;
/** Bytes of posting lists kept after reading (the words typed recur: "diff", "diffu", …). */
const POSTINGS_CACHE_BYTES = 48 << 20;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class Segment implements SearchPart {
  readonly meta: SegmentMeta;
  readonly slotCount: number;
  readonly recency: Float64Array;
  /** Slots whose paper a newer record stands for (a newer segment's day, this window's copy). */
  readonly dead: Uint8Array;
  readonly terms: SegmentDictionary;
  /** Index into `meta.files` per slot. */
  readonly slotFile: Uint32Array;
  /** Per slot, the length of its document vector (similar papers). */
  readonly norms: Float32Array;
  readonly copies: number;
  private readonly index: Uint8Array;
  private readonly recordsAt: number;
  private readonly recordStart: Uint32Array;
  private readonly recordCheck: Uint32Array;
  private readonly idStart: Uint32Array;
  private readonly ids: Uint8Array;
  private readonly idOrder: Uint32Array;
  private readonly cache = new Map<number, Paper>();
  /** The summary records, once `loadRecords` has read them. */
  private records: Uint8Array | undefined;
  private recordsLoading: Promise<void> | undefined;
  private queryScratch: QueryScratch | undefined;

  /**
   * Views a verified index part (`verifySegment` first); records are read through `readAt`.
   * Throws SegmentError if the sections do not agree.
   */
  constructor(
    index: Uint8Array,
    private readonly readAt: ReadAt,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.index = index;
    const header = new DataView(index.buffer, index.byteOffset, HEADER_BYTES);
    const section = (i: number): [number, number] => {
      const { offset, length } = sectionOf(header, i);
      if (offset < HEADER_BYTES || offset % 8 !== 0 || offset + length > index.length) {
        throw new SegmentError(`section ${i} lies outside the index part`);
      }
      return [index.byteOffset + offset, length];
    };
    const raw = (i: number) => {
      const [at, length] = section(i);
      return new Uint8Array(index.buffer, at, length);
    };
    const u32 = (i: number) => {
      const [at, length] = section(i);
      return new Uint32Array(index.buffer, at, length / 4);
    };
    try {
      this.meta = JSON.parse(fromUtf8.decode(raw(Section.Meta))) as SegmentMeta;
    } catch {
      throw new SegmentError('unreadable description');
    }
    const records = sectionOf(header, Section.Records);
    this.recordsAt = records.offset;
    this.slotFile = u32(Section.SlotFile);
    this.slotCount = this.slotFile.length;
    const [recencyAt, recencyLength] = section(Section.Recency);
    this.recency = new Float64Array(index.buffer, recencyAt, recencyLength / 8);
    const [normsAt, normsLength] = section(Section.Norms);
    this.norms = new Float32Array(index.buffer, normsAt, normsLength / 4);
    this.recordStart = u32(Section.RecordStart);
    this.recordCheck = u32(Section.RecordCheck);
    this.idStart = u32(Section.IdStart);
    this.ids = raw(Section.Ids);
    this.idOrder = u32(Section.IdOrder);
    const postings = sectionOf(header, Section.Postings);
    this.terms = new SegmentDictionary(
      u32(Section.TermStart),
      raw(Section.TermBytes),
      u32(Section.PostingStart),
      u32(Section.PostingCheck),
      { at: postings.offset, length: postings.length, readAt },
      u32(Section.GramStart),
      raw(Section.GramBytes),
      u32(Section.GramTermStart),
      u32(Section.GramTerms),
    );
    const n = this.slotCount;
    const files = this.meta.files;
    if (
      !Array.isArray(files) ||
      typeof this.meta.created !== 'number' ||
      !(this.meta.copies >= 1) ||
      this.recency.length !== n ||
      this.norms.length !== n ||
      this.recordStart.length !== n + 1 ||
      this.recordCheck.length !== n ||
      this.recordStart[n] !== records.length ||
      this.idStart.length !== n + 1 ||
      this.idOrder.length !== n ||
      this.idStart[n] !== this.ids.length ||
      !this.terms.consistent()
    ) {
      throw new SegmentError('sections do not agree');
    }
    for (let slot = 0; slot < n; slot++) {
      if (this.slotFile[slot] >= files.length) throw new SegmentError('sections do not agree');
    }
    this.copies = this.meta.copies;
    this.dead = new Uint8Array(n);
  }

  /** Bytes held in memory (the index part). */
  get byteLength(): number {
    return this.index.length;
  }

  scratch(): QueryScratch {
    this.queryScratch ??= new QueryScratch(this.slotCount);
    return this.queryScratch;
  }

  id(slot: number): string {
    return fromUtf8.decode(this.ids.subarray(this.idStart[slot], this.idStart[slot + 1]));
  }

  /**
   * The papers' summaries (what a search hit lists; the day file has the rest): from the
   * records once `loadRecords` has read them, else read from the file unless read lately.
   * Throws SegmentError when a record does not match its checksum.
   */
  async summaries(slots: readonly number[]): Promise<Paper[]> {
    const found = new Map<number, Paper>();
    const missing: number[] = [];
    for (const slot of new Set(slots)) {
      const cached = this.cache.get(slot);
      if (cached) found.set(slot, cached);
      else missing.push(slot);
    }
    const records = this.records;
    const read = records
      ? missing.map((slot) => records.subarray(this.recordStart[slot], this.recordStart[slot + 1]))
      : await Promise.all(
          missing.map((slot) =>
            this.readAt(this.recordsAt + this.recordStart[slot], this.recordStart[slot + 1] - this.recordStart[slot]),
          ),
        );
    missing.forEach((slot, i) => {
      if (
        read[i].length !== this.recordStart[slot + 1] - this.recordStart[slot] ||
        checksumBytes(read[i]) !== this.recordCheck[slot]
      ) {
        throw new SegmentError(`the summary of paper ${slot} is damaged`);
      }
      let paper: Paper;
      try {
        paper = summaryPaper(this.id(slot), JSON.parse(fromUtf8.decode(read[i])));
      } catch (err) {
        throw new SegmentError(`the summary of paper ${slot} is unreadable: ${String(err)}`);
      }
      found.set(slot, paper);
      this.remember(slot, paper);
    });
    return slots.map((slot) => found.get(slot) as Paper);
  }

  /**
   * Reads every summary record into memory, a megabyte per read (the reads run off the
   * thread), so that the searches after it list their hits without a read each: typing asks
   * for a few dozen summaries per keystroke. Called once a window searches.
   */
  async loadRecords(): Promise<void> {
    if (this.records || this.recordsLoading) return this.recordsLoading;
    this.recordsLoading = (async () => {
      const length = this.recordStart[this.slotCount];
      const bytes = new Uint8Array(new ArrayBuffer(length));
      for (let at = 0; at < length; at += RECORD_CHUNK) {
        const chunk = await this.readAt(this.recordsAt + at, Math.min(RECORD_CHUNK, length - at));
        if (chunk.length !== Math.min(RECORD_CHUNK, length - at)) throw new SegmentError('the summaries are cut short');
        bytes.set(chunk, at);
      }
      this.records = bytes;
    })();
    return this.recordsLoading;
  }

  /** Slots holding the paper with this id (one per day file it was read from). */
  slotsOf(id: string): number[] {
    const key = utf8.encode(id);
    const order = this.idOrder;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTo(this.ids, this.idStart[order[mid]], this.idStart[order[mid] + 1], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    const slots: number[] = [];
    for (let i = lo; i < order.length; i++) {
      const slot = order[i];
      if (compareTo(this.ids, this.idStart[slot], this.idStart[slot + 1], key) !== 0) break;
      slots.push(slot);
    }
    return slots;
  }

  /** Reads the posting lists a query's words matched (see SegmentDictionary.load). */
  loadPostings(terms: Iterable<number>): Promise<void> {
    return this.terms.load(terms);
  }

  /** Closes the file (the segment answers no more record reads). */
  close(): Promise<void> {
    return this.onClose();
  }

  private remember(slot: number, paper: Paper): void {
    this.cache.delete(slot);
    this.cache.set(slot, paper);
    if (this.cache.size > RECORD_CACHE) this.cache.delete(this.cache.keys().next().value as number);
  }
}

/**
 * A segment's words: sorted by bytes, so a word is a binary search and a prefix a range. Their
 * postings are read from the file (`load`) before a query scans them.
 */
export class SegmentDictionary extends TermDictionary {
  private readonly lists = new Map<number, Int32Array>();
  private listBytes = 0;

  constructor(
    private readonly termStart: Uint32Array,
    private readonly termBytes: Uint8Array,
    private readonly postingStart: Uint32Array,
    private readonly postingCheck: Uint32Array,
    private readonly file: { at: number; length: number; readAt: ReadAt },
    private readonly gramStart: Uint32Array,
    private readonly gramBytes: Uint8Array,
    private readonly gramTermStart: Uint32Array,
    private readonly gramTerms: Uint32Array,
  ) {
    super();
  }

  get size(): number {
    return this.termStart.length - 1;
  }

  /**
   * Offsets end where their data ends. (Postings and gram lists are not walked: the checksum
   * vouches for the content, and walking 8M postings would cost the time the format saves.)
   */
  consistent(): boolean {
    const terms = this.size;
    const grams = this.gramStart.length - 1;
    if (
      terms < 0 ||
      grams < 0 ||
      this.postingStart.length !== terms + 1 ||
      this.postingCheck.length !== terms ||
      this.termStart[terms] !== this.termBytes.length ||
      this.postingStart[terms] * 4 !== this.file.length ||
      this.gramStart[grams] !== this.gramBytes.length ||
      this.gramTermStart.length !== grams + 1 ||
      this.gramTermStart[grams] !== this.gramTerms.length
    ) {
      return false;
    }
    return true;
  }

  text(term: number): string {
    return fromUtf8.decode(this.termBytes.subarray(this.termStart[term], this.termStart[term + 1]));
  }

  find(word: string): number | undefined {
    const key = utf8.encode(word);
    const at = lowerBound(this.termBytes, this.termStart, key);
    return at < this.size && compareTo(this.termBytes, this.termStart[at], this.termStart[at + 1], key) === 0
      ? at
      : undefined;
  }

  *extending(word: string): Iterable<number> {
    const key = utf8.encode(word);
    const starts = this.termStart;
    for (let t = lowerBound(this.termBytes, starts, key); t < this.size; t++) {
      const from = starts[t];
      const to = starts[t + 1];
      if (to - from < key.length || compareTo(this.termBytes, from, from + key.length, key) !== 0) return;
      if (to - from > key.length) yield t;
    }
  }

  withGram(gram: string): ArrayLike<number> {
    const key = utf8.encode(gram);
    const at = lowerBound(this.gramBytes, this.gramStart, key);
    if (at >= this.gramStart.length - 1) return NONE;
    if (compareTo(this.gramBytes, this.gramStart[at], this.gramStart[at + 1], key) !== 0) return NONE;
    return this.gramTerms.subarray(this.gramTermStart[at], this.gramTermStart[at + 1]);
  }

  /** The term's postings, once `load`ed (none before). */
  postings(term: number): ArrayLike<number> {
    return this.lists.get(term) ?? NO_POSTINGS;
  }

  storedCount(term: number): number {
    return this.postingStart[term + 1] - this.postingStart[term];
  }

  postingCount(term: number): number {
    return this.lists.has(term) ? this.postingStart[term + 1] - this.postingStart[term] : 0;
  }

  /** Reads the terms' posting lists not read lately. Throws SegmentError for a damaged list. */
  async load(terms: Iterable<number>): Promise<void> {
    const wanted = new Set(terms);
    const missing = [...wanted].filter((t) => {
      const list = this.lists.get(t);
      if (list === undefined) return true;
      // Most recently used last, so that eviction takes the oldest.
      this.lists.delete(t);
      this.lists.set(t, list);
      return false;
    });
    const read = await Promise.all(
      missing.map((t) =>
        this.file.readAt(
          this.file.at + this.postingStart[t] * 4,
          (this.postingStart[t + 1] - this.postingStart[t]) * 4,
        ),
      ),
    );
    missing.forEach((t, i) => {
      const bytes = read[i];
      const count = this.postingStart[t + 1] - this.postingStart[t];
      if (
        bytes.length !== count * 4 ||
        checksumWords(new Uint32Array(bytes.buffer, bytes.byteOffset, count)) !== this.postingCheck[t]
      ) {
        throw new SegmentError(`the postings of "${this.text(t)}" are damaged`);
      }
      if (!this.lists.has(t)) this.listBytes += bytes.length;
      this.lists.set(t, new Int32Array(bytes.buffer, bytes.byteOffset, count));
    });
    for (const [t, list] of this.lists) {
      if (this.listBytes <= POSTINGS_CACHE_BYTES) break;
      if (wanted.has(t)) continue;
      this.lists.delete(t);
      this.listBytes -= list.byteLength;
    }
  }
}

const NONE = new Uint32Array(0);
const NO_POSTINGS = new Int32Array(0);

/** The first of the sorted byte strings (`starts` into `bytes`) not below `key`. */
function lowerBound(bytes: Uint8Array, starts: Uint32Array, key: Uint8Array): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareTo(bytes, starts[mid], starts[mid + 1], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `bytes[from, to)` compared with `key`, as byte strings. */
function compareTo(bytes: Uint8Array, from: number, to: number, key: Uint8Array): number {
  const n = Math.min(to - from, key.length);
  for (let i = 0; i < n; i++) {
    const d = bytes[from + i] - key[i];
    if (d !== 0) return d;
  }
  return to - from - key.length;
}
