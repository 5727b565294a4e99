/**
 * What LitFeed remembers of each PDF tab, per paper: where the reader was (page, zoom) and
 * enough to reopen the tab after a reload without the paper's record (its title and
 * addresses). Kept in the extension's global state, the most recently used 200 papers;
 * anything malformed read back is dropped, the rest kept.
 */
import { isRecord } from '../guards';

/** Where the reader was: restored when the tab is reopened or the window reloaded. */
export interface PdfViewState {
  /** 1-based. */
  page: number;
  /** A pdf.js scale value: 'page-width', 'page-fit', 'auto', or a number as text ("1.25"). */
  scale: string;
}

export const SCALE_VALUES = ['page-width', 'page-fit', 'auto'] as const;
const MIN_SCALE = 0.1;
const MAX_SCALE = 10;
const MAX_PAGE = 100_000;

export function isScale(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if ((SCALE_VALUES as readonly string[]).includes(value)) return true;
  const n = Number(value);
  return /^\d+(\.\d+)?$/.test(value) && n >= MIN_SCALE && n <= MAX_SCALE;
}

export function readViewState(value: unknown): PdfViewState | undefined {
  if (!isRecord(value)) return undefined;
  const { page, scale } = value;
  if (typeof page !== 'number' || !Number.isSafeInteger(page) || page < 1 || page > MAX_PAGE) return undefined;
  if (!isScale(scale)) return undefined;
  return { page, scale };
}

export interface PdfTabRecord extends PdfViewState {
  title: string;
  url: string;
  browserUrl: string;
  /** When the tab last reported (ms since the epoch), for keeping the most recent. */
  at: number;
}

export const MAX_PDF_RECORDS = 200;
const MAX_RECORD_TEXT = 4000;

export type PdfTabRecords = Record<string, PdfTabRecord>;

function readRecord(value: unknown): PdfTabRecord | undefined {
  const view = readViewState(value);
  if (!view || !isRecord(value)) return undefined;
  const { title, url, browserUrl, at } = value;
  const ok = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_RECORD_TEXT;
  if (!ok(title) || !ok(url) || !ok(browserUrl) || typeof at !== 'number' || !Number.isFinite(at)) return undefined;
  return { ...view, title, url, browserUrl, at };
}

export function readPdfTabRecords(value: unknown): PdfTabRecords {
  const out: PdfTabRecords = {};
  if (!isRecord(value)) return out;
  for (const [id, record] of Object.entries(value)) {
    const read = readRecord(record);
    if (read) out[id] = read;
  }
  return out;
}

/** `records` with `id` set to `record`, the oldest dropped past the limit. */
export function withPdfTabRecord(records: PdfTabRecords, id: string, record: PdfTabRecord): PdfTabRecords {
  const next: PdfTabRecords = { ...records, [id]: record };
  const ids = Object.keys(next);
  if (ids.length <= MAX_PDF_RECORDS) return next;
  ids.sort((a, b) => next[a].at - next[b].at);
  for (const old of ids.slice(0, ids.length - MAX_PDF_RECORDS)) delete next[old];
  return next;
}
