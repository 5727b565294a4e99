/** Writes a segment (layout in segmentFormat.ts) from papers read out of cached day files. */
import type { Paper } from '../../paper';
import { recencyOf } from '../paperText';
import { MAX_SLOTS, documentNorm, paperTerms } from '../postings';
import { TermTable, trigrams } from '../termTable';
import {
  CHECKED_FROM,
  HEADER_BYTES,
  SECTION_COUNT,
  SEGMENT_MAGIC,
  SEGMENT_VERSION,
  Section,
  align8,
  sectionEntry,
  summaryRecord,
  type SegmentMeta,
} from './segmentFormat';
import { checksumBytes, checksumWords, finishChecksum } from '../../checksum';

export interface SegmentPaper {
  paper: Paper;
  /** Index into `meta.files` of the day file it was read from. */
  file: number;
}

const utf8 = new TextEncoder();

export function encodeSegment(meta: Omit<SegmentMeta, 'copies'>, entries: readonly SegmentPaper[]): Uint8Array {
  if (entries.length >= MAX_SLOTS) throw new RangeError(`a segment holds fewer than ${MAX_SLOTS} papers`);
  const slots = entries.length;
  const slotFile = new Uint32Array(slots);
  const recency = new Float64Array(slots);
  const norms = new Float32Array(slots);
  const records: Uint8Array[] = [];
  const ids: Uint8Array[] = [];
  const table = new TermTable();
  const found = new Map<string, number>();
  entries.forEach(({ paper, file }, slot) => {
    slotFile[slot] = file;
    recency[slot] = recencyOf(paper);
    records.push(utf8.encode(JSON.stringify(summaryRecord(paper))));
    ids.push(utf8.encode(paper.id));
    for (const [term, packed] of paperTerms(paper, found)) table.addPosting(table.intern(term), slot * 256 + packed);
    norms[slot] = documentNorm(found);
  });

  const [recordStart, recordBytes] = packed(records);
  const recordCheck = Uint32Array.from(records, checksumBytes);
  const [idStart, idBytes] = packed(ids);
  const order = sortedByBytes(ids);
  const idOrder = Uint32Array.from(order);
  let distinct = 0;
  order.forEach((slot, i) => {
    if (i === 0 || compareBytes(ids[order[i - 1]], ids[slot]) !== 0) distinct++;
  });
  const copies = distinct > 0 ? slots / distinct : 1;

  // Words sorted by bytes (so a prefix is a range), postings renumbered to match.
  const termTexts = Array.from({ length: table.size }, (_, t) => utf8.encode(table.text(t)));
  const termOrder = sortedByBytes(termTexts);
  const sortedTerms = termOrder.map((t) => termTexts[t]);
  const [termStart, termBytes] = packed(sortedTerms);
  const postingStart = startsOf(termOrder.map((t) => table.postingCount(t)));
  const postings = new Int32Array(postingStart[termOrder.length]);
  termOrder.forEach((t, i) => {
    const list = table.postings(t);
    const count = table.postingCount(t);
    for (let k = 0; k < count; k++) postings[postingStart[i] + k] = list[k];
  });

  const gramTerms = new Map<string, number[]>();
  termOrder.forEach((t, i) => {
    for (const gram of trigrams(table.text(t))) {
      const list = gramTerms.get(gram);
      if (list) list.push(i);
      else gramTerms.set(gram, [i]);
    }
  });
  const gramTexts = [...gramTerms.keys()].map((g) => utf8.encode(g));
  const gramOrder = sortedByBytes(gramTexts);
  const gramKeys = [...gramTerms.keys()];
  const [gramStart, gramBytes] = packed(gramOrder.map((g) => gramTexts[g]));
  const gramLists = gramOrder.map((g) => gramTerms.get(gramKeys[g]) as number[]);
  const gramTermStart = startsOf(gramLists.map((list) => list.length));
  const gramTermIds = Uint32Array.from(gramLists.flat());

  const sections: Uint8Array[] = [];
  sections[Section.Meta] = utf8.encode(JSON.stringify({ ...meta, copies } satisfies SegmentMeta));
  sections[Section.SlotFile] = bytesOf(slotFile);
  sections[Section.Recency] = bytesOf(recency);
  sections[Section.RecordStart] = bytesOf(recordStart);
  sections[Section.RecordCheck] = bytesOf(recordCheck);
  sections[Section.IdStart] = bytesOf(idStart);
  sections[Section.Ids] = idBytes;
  sections[Section.IdOrder] = bytesOf(idOrder);
  sections[Section.TermStart] = bytesOf(termStart);
  sections[Section.TermBytes] = termBytes;
  sections[Section.PostingStart] = bytesOf(postingStart);
  sections[Section.Postings] = bytesOf(postings);
  sections[Section.GramStart] = bytesOf(gramStart);
  sections[Section.GramBytes] = gramBytes;
  sections[Section.GramTermStart] = bytesOf(gramTermStart);
  sections[Section.GramTerms] = bytesOf(gramTermIds);
  sections[Section.PostingCheck] = bytesOf(
    Uint32Array.from(termOrder, (_, i) =>
      checksumWords(new Uint32Array(postings.buffer, postingStart[i] * 4, postingStart[i + 1] - postingStart[i])),
    ),
  );
  sections[Section.Records] = recordBytes;
  sections[Section.Norms] = bytesOf(norms);

  // The index part first; then postings and records, which are read as queries need them.
  const layout = [...sections.keys()].filter((i) => i !== Section.Postings && i !== Section.Records);
  layout.push(Section.Postings, Section.Records);
  let length = HEADER_BYTES;
  const offsets: number[] = [];
  for (const i of layout) {
    offsets[i] = length;
    length = align8(length + sections[i].length);
  }
  const file = new Uint8Array(length);
  const header = new DataView(file.buffer);
  header.setUint32(0, SEGMENT_MAGIC, true);
  header.setUint32(4, SEGMENT_VERSION, true);
  header.setUint32(8, length, true);
  header.setUint32(16, SECTION_COUNT, true);
  sections.forEach((bytes, i) => {
    header.setUint32(sectionEntry(i), offsets[i], true);
    header.setUint32(sectionEntry(i) + 4, bytes.length, true);
    file.set(bytes, offsets[i]);
  });
  // The index part: everything before the postings; each posting list and record has a checksum of its own.
  const indexEnd = offsets[Section.Postings];
  const checked = new Uint32Array(file.buffer, CHECKED_FROM, (indexEnd - CHECKED_FROM) / 4);
  header.setUint32(12, finishChecksum(checksumWords(checked), indexEnd), true);
  return file;
}

/** Byte strings laid end to end, with where each starts (and, last, where the last ends). */
function packed(items: readonly Uint8Array[]): [Uint32Array, Uint8Array] {
  const starts = startsOf(items.map((item) => item.length));
  const bytes = new Uint8Array(starts[items.length]);
  items.forEach((item, i) => bytes.set(item, starts[i]));
  return [starts, bytes];
}

/** Where each of consecutive runs of these lengths starts, and (last) where they end. */
function startsOf(lengths: readonly number[]): Uint32Array {
  const starts = new Uint32Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) starts[i + 1] = starts[i] + lengths[i];
  return starts;
}

/** Indices of `items` in the order of their bytes (UTF-8 byte order is code point order). */
function sortedByBytes(items: readonly Uint8Array[]): number[] {
  return Array.from(items.keys()).sort((a, b) => compareBytes(items[a], items[b]) || a - b);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function bytesOf(array: Uint32Array | Int32Array | Float32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
