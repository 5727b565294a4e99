/**
 * A segment file opened for search: typed-array views over its bytes (layout in
 * segmentFormat.ts), nothing decoded until a query needs it. Its papers are searched like
 * the in-memory index's; a hit is the paper's summary record.
 */
import type { Paper } from '../../paper';
import { QueryScratch } from '../queryScratch';
import type { SearchPart } from '../searchParts';
import { TermDictionary } from '../termTable';
import {
  CHECKED_FROM,
  CHECKSUM_SEED,
  HEADER_BYTES,
  SECTION_COUNT,
  SEGMENT_MAGIC,
  SEGMENT_VERSION,
  Section,
  checksumWords,
  finishChecksum,
  summaryPaper,
  type SegmentMeta,
  type SummaryRecord,
} from './segmentFormat';

/** A segment that cannot be used: damaged, cut short, or of another format version. */
export class SegmentError extends Error {}

/** Words checksummed between two turns of the caller's loop (4 MB: a few milliseconds). */
const CHECK_SLICE_WORDS = 1 << 20;

/**
 * Checks the header, the length and the checksum; `pace` is called between slices of the
 * checksum, so that a large file does not hold the thread. `bytes` must start on an 8-byte
 * boundary of its buffer.
 */
export async function verifySegment(
  bytes: Uint8Array,
  pace: () => Promise<void> = async () => {},
  sliceWords = CHECK_SLICE_WORDS,
): Promise<void> {
  if (bytes.byteOffset % 8 !== 0) throw new RangeError('segment bytes must be 8-byte aligned');
  if (bytes.length < HEADER_BYTES) throw new SegmentError(`too short for a segment (${bytes.length} bytes)`);
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  if (header.getUint32(0, true) !== SEGMENT_MAGIC) throw new SegmentError('not a LitFeed search segment');
  const version = header.getUint32(4, true);
  if (version !== SEGMENT_VERSION) throw new SegmentError(`format version ${version}, not ${SEGMENT_VERSION}`);
  const length = header.getUint32(8, true);
  if (length !== bytes.length) throw new SegmentError(`length ${bytes.length}, header says ${length}`);
  if (length % 4 !== 0 || header.getUint32(16, true) !== SECTION_COUNT) throw new SegmentError('damaged header');
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + CHECKED_FROM, (length - CHECKED_FROM) / 4);
  let h = CHECKSUM_SEED;
  for (let at = 0; at < words.length; at += sliceWords) {
    h = checksumWords(words.subarray(at, at + sliceWords), h);
    if (at + sliceWords < words.length) await pace();
  }
  if (finishChecksum(h, length) !== header.getUint32(12, true)) throw new SegmentError('checksum does not match');
}

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
  private readonly bytes: Uint8Array;
  private readonly recordStart: Uint32Array;
  private readonly records: Uint8Array;
  private readonly idStart: Uint32Array;
  private readonly ids: Uint8Array;
  private readonly idOrder: Uint32Array;
  private queryScratch: QueryScratch | undefined;

  /** Views a verified segment's bytes (`verifySegment` first); throws SegmentError if inconsistent. */
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
    const section = (i: number): [number, number] => {
      const offset = header.getUint32(20 + i * 8, true);
      const length = header.getUint32(24 + i * 8, true);
      if (offset < HEADER_BYTES || offset % 8 !== 0 || offset + length > bytes.length) {
        throw new SegmentError(`section ${i} lies outside the file`);
      }
      return [bytes.byteOffset + offset, length];
    };
    const raw = (i: number) => {
      const [at, length] = section(i);
      return new Uint8Array(bytes.buffer, at, length);
    };
    const u32 = (i: number) => {
      const [at, length] = section(i);
      return new Uint32Array(bytes.buffer, at, length / 4);
    };
    try {
      this.meta = JSON.parse(fromUtf8.decode(raw(Section.Meta))) as SegmentMeta;
    } catch {
      throw new SegmentError('unreadable description');
    }
    this.slotFile = u32(Section.SlotFile);
    this.slotCount = this.slotFile.length;
    const [recencyAt, recencyLength] = section(Section.Recency);
    this.recency = new Float64Array(bytes.buffer, recencyAt, recencyLength / 8);
    this.recordStart = u32(Section.RecordStart);
    this.records = raw(Section.Records);
    this.idStart = u32(Section.IdStart);
    this.ids = raw(Section.Ids);
    this.idOrder = u32(Section.IdOrder);
    const [postingsAt, postingsLength] = section(Section.Postings);
    this.terms = new SegmentDictionary(
      u32(Section.TermStart),
      raw(Section.TermBytes),
      u32(Section.PostingStart),
      new Int32Array(bytes.buffer, postingsAt, postingsLength / 4),
      u32(Section.GramStart),
      raw(Section.GramBytes),
      u32(Section.GramTermStart),
      u32(Section.GramTerms),
    );
    const n = this.slotCount;
    if (
      this.recency.length !== n ||
      this.recordStart.length !== n + 1 ||
      this.idStart.length !== n + 1 ||
      this.idOrder.length !== n ||
      this.recordStart[n] !== this.records.length ||
      this.idStart[n] !== this.ids.length ||
      !Array.isArray(this.meta.files) ||
      this.slotFile.some((f) => f >= this.meta.files.length) ||
      !this.terms.consistent()
    ) {
      throw new SegmentError('sections do not agree');
    }
    this.dead = new Uint8Array(n);
    let distinct = n > 0 ? 1 : 0;
    for (let i = 1; i < n; i++) {
      const a = this.idOrder[i - 1];
      const b = this.idOrder[i];
      const key = this.ids.subarray(this.idStart[b], this.idStart[b + 1]);
      if (compareTo(this.ids, this.idStart[a], this.idStart[a + 1], key) !== 0) distinct++;
    }
    this.copies = distinct > 0 ? n / distinct : 1;
  }

  /**
   * Slots per distinct paper (a paper listed by two sources has a slot in each day file):
   * the search asks this many times the candidates, so that copies do not crowd papers out.
   */
  readonly copies: number;

  /** Bytes held (the file, read whole). */
  get byteLength(): number {
    return this.bytes.length;
  }

  scratch(): QueryScratch {
    this.queryScratch ??= new QueryScratch(this.slotCount);
    return this.queryScratch;
  }

  id(slot: number): string {
    return fromUtf8.decode(this.ids.subarray(this.idStart[slot], this.idStart[slot + 1]));
  }

  /** The paper's summary: what a search hit lists; the day file has the rest. */
  paper(slot: number): Paper {
    const record = JSON.parse(
      fromUtf8.decode(this.records.subarray(this.recordStart[slot], this.recordStart[slot + 1])),
    ) as SummaryRecord;
    return summaryPaper(this.id(slot), record);
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
}

/** A segment's words: sorted by bytes, so a word is a binary search and a prefix a range. */
export class SegmentDictionary extends TermDictionary {
  constructor(
    private readonly termStart: Uint32Array,
    private readonly termBytes: Uint8Array,
    private readonly postingStart: Uint32Array,
    private readonly postingList: Int32Array,
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
      this.termStart[terms] !== this.termBytes.length ||
      this.postingStart[terms] !== this.postingList.length ||
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

  postings(term: number): ArrayLike<number> {
    return this.postingList.subarray(this.postingStart[term], this.postingStart[term + 1]);
  }

  postingCount(term: number): number {
    return this.postingStart[term + 1] - this.postingStart[term];
  }
}

const NONE = new Uint32Array(0);

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
