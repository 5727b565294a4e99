/**
 * The PDFs LitFeed has downloaded, one file per paper in a folder of global storage. A file
 * is there whole or not at all: the body streams into a temp file that is renamed into place
 * only once it has proved to be a complete PDF (the `%PDF-` header, the `%%EOF` trailer, every
 * byte Content-Length announced). Least recently opened files go first when the folder passes
 * its cap; "opened" is the file's modification time, which `open` sets, so windows sharing
 * the folder need no index file to agree on.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readdirOrEmpty, randomHex, removeIfPresent, renameWithRetry } from '../feed/files';
import { errorCode, errorMessage } from '../guards';
import { silentLogger, type Logger } from '../log';
import { download, type DownloadSink } from '../net/download';
import type { HttpOptions } from '../net/http';
import { HttpError, formatBytes, mediaType } from '../net/httpError';

export const PDF_DEFAULTS = {
  maxTotalBytes: 500 * 1024 * 1024,
  maxFileBytes: 100 * 1024 * 1024,
} as const;

/** Why a PDF could not be had; the UI words each for the reader. */
export type PdfProblem =
  | 'not-found'
  | 'not-pdf'
  | 'too-large'
  | 'truncated'
  | 'unavailable'
  | 'offline'
  | 'disk-full'
  | 'cancelled'
  | 'write-failed';

export class PdfError extends Error {
  override readonly name = 'PdfError';
  constructor(
    readonly problem: PdfProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface PdfCacheOptions {
  dir: string;
  maxTotalBytes?: number;
  maxFileBytes?: number;
  log?: Logger;
  now?: () => number;
}

export interface FetchPdfOptions {
  http: HttpOptions;
  /** Runs the request when the host allows (the arXiv gate); defaults to at once. */
  gate?: <T>(url: string, task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;
  onProgress?(received: number, length: number | undefined): void;
}

const MAGIC = '%PDF-';
/** The header may follow a little junk; readers (pdf.js, Acrobat) look this far for it. */
const MAGIC_WINDOW = 1024;
const TRAILER = '%%EOF';
/** Writers may put a few bytes (line ends, padding) after the last %%EOF. */
const TRAILER_WINDOW = 2048;
/** A temp file this old belongs to no download still running. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;
const ACCEPTED_TYPES = new Set([
  '',
  'application/pdf',
  'application/x-pdf',
  'application/octet-stream',
  'binary/octet-stream',
]);

export class PdfCache {
  readonly dir: string;
  readonly maxTotalBytes: number;
  readonly maxFileBytes: number;
  private readonly log: Logger;
  private readonly now: () => number;
  /** One download per key at a time: a second caller waits for the first. */
  private readonly running = new Map<string, Promise<string>>();

  constructor(options: PdfCacheOptions) {
    this.dir = options.dir;
    this.maxTotalBytes = Math.max(0, options.maxTotalBytes ?? PDF_DEFAULTS.maxTotalBytes);
    this.maxFileBytes = Math.min(options.maxFileBytes ?? PDF_DEFAULTS.maxFileBytes, this.maxTotalBytes);
    this.log = options.log ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /** The file a paper's PDF is kept in (whether or not it is there yet). */
  fileOf(key: string): string {
    return path.join(this.dir, pdfFileName(key));
  }

  /** The cached file, marked as opened now; undefined when there is none. */
  async open(key: string): Promise<string | undefined> {
    const file = this.fileOf(key);
    try {
      const at = new Date(this.now());
      await fs.utimes(file, at, at);
      return file;
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') {
        this.log.warn(`marking ${path.basename(file)} opened failed: ${errorMessage(err)}`);
      }
      return (await fs.stat(file).catch(() => undefined)) ? file : undefined;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await fs.stat(this.fileOf(key)).catch(() => undefined))?.isFile() === true;
  }

  /** The cached file, or the PDF at `url` downloaded into the cache first. */
  async get(key: string, url: string, options: FetchPdfOptions): Promise<string> {
    return (await this.open(key)) ?? this.fetch(key, url, options);
  }

  /** Downloads `url` into the cache (replacing what is there), then keeps the folder under its cap. */
  fetch(key: string, url: string, options: FetchPdfOptions): Promise<string> {
    const running = this.running.get(key);
    if (running) return running;
    const job = this.fetchNow(key, url, options).finally(() => this.running.delete(key));
    this.running.set(key, job);
    return job;
  }

  /** Drops a file the viewer could not read, so that the next open downloads it again. */
  async remove(key: string): Promise<void> {
    await removeIfPresent(this.fileOf(key)).catch((err: unknown) =>
      this.log.warn(`removing a cached PDF failed: ${errorMessage(err)}`),
    );
  }

  /** The cached PDFs, least recently opened first, and leftover temp files removed. */
  async entries(): Promise<{ file: string; bytes: number; openedMs: number }[]> {
    const found: { file: string; bytes: number; openedMs: number }[] = [];
    for (const name of await readdirOrEmpty(this.dir)) {
      const file = path.join(this.dir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat?.isFile()) continue;
      if (name.endsWith('.pdf')) found.push({ file, bytes: stat.size, openedMs: stat.mtimeMs });
      else if (name.endsWith('.part') && this.now() - stat.mtimeMs > STALE_TEMP_MS) await removeIfPresent(file);
    }
    return found.sort((a, b) => a.openedMs - b.openedMs);
  }

  /** Removes least recently opened files until the folder fits its cap; `keep` stays. */
  async evict(keep?: string): Promise<number> {
    const all = await this.entries();
    let total = all.reduce((sum, e) => sum + e.bytes, 0);
    let removed = 0;
    for (const entry of all) {
      if (total <= this.maxTotalBytes) break;
      if (entry.file === keep) continue;
      if (await removeIfPresent(entry.file).catch(() => false)) {
        total -= entry.bytes;
        removed++;
      }
    }
    if (removed > 0) {
      this.log.info(
        `PDF cache: removed ${removed} least recently opened file(s) to stay under ${formatBytes(this.maxTotalBytes)}`,
      );
    }
    return removed;
  }

  private async fetchNow(key: string, url: string, options: FetchPdfOptions): Promise<string> {
    const file = this.fileOf(key);
    await fs.mkdir(this.dir, { recursive: true }).catch((err: unknown) => {
      throw writeError(err);
    });
    const gate = options.gate ?? ((_url, task) => task());
    const signal = options.http.signal;
    try {
      await gate(
        url,
        () =>
          download(url, {
            ...options.http,
            maxBytes: this.maxFileBytes,
            // Retries restart the body; a cut connection is worth one more try.
            open: (start) => this.openSink(file, start.contentType, start.length),
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          }),
        signal,
      );
    } catch (err) {
      throw this.describe(err, url, signal);
    }
    await this.evict(file).catch((err: unknown) => this.log.warn(`PDF cache eviction failed: ${errorMessage(err)}`));
    return file;
  }

  private async openSink(file: string, contentType: string | null, length: number | undefined): Promise<DownloadSink> {
    const type = mediaType(contentType);
    if (!ACCEPTED_TYPES.has(type)) {
      throw new PdfError('not-pdf', `the server sent ${type} instead of a PDF (a login or error page?)`);
    }
    if (length !== undefined && length > this.maxFileBytes) {
      throw new PdfError(
        'too-large',
        `the PDF is ${formatBytes(length)}, over the ${formatBytes(this.maxFileBytes)} limit`,
      );
    }
    return new TempFileSink(file, this.maxFileBytes);
  }

  private describe(err: unknown, url: string, signal: AbortSignal | undefined): PdfError {
    if (err instanceof PdfError) return err;
    if (signal?.aborted) return new PdfError('cancelled', 'the download was cancelled', { cause: err });
    if (err instanceof HttpError) {
      switch (err.kind) {
        case 'status':
          return new PdfError(err.status === 404 || err.status === 410 ? 'not-found' : 'unavailable', err.message, {
            cause: err,
          });
        case 'too-large':
          return new PdfError('too-large', `the PDF is larger than the ${formatBytes(this.maxFileBytes)} limit`, {
            cause: err,
          });
        case 'aborted':
          return new PdfError('cancelled', 'the download was cancelled', { cause: err });
        case 'network':
          return new PdfError(/broke off/.test(err.message) ? 'truncated' : 'offline', err.message, { cause: err });
        default:
          return new PdfError('offline', err.message, { cause: err });
      }
    }
    const code = errorCode(err);
    if (code) return writeError(err);
    return new PdfError('unavailable', `downloading ${url} failed: ${errorMessage(err)}`, { cause: err });
  }
}

function writeError(err: unknown): PdfError {
  const code = errorCode(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new PdfError('disk-full', 'the disk is full', { cause: err });
  return new PdfError('write-failed', `writing the PDF failed: ${errorMessage(err)}`, { cause: err });
}

/**
 * Bytes into `<file>.<random>.part`, checked as they come: the header within the first
 * kilobyte, the trailer in the last two; renamed over `file` only when both are there.
 */
class TempFileSink implements DownloadSink {
  private readonly temp: string;
  private readonly stream: WriteStream;
  private failure: unknown;
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private written = 0;

  constructor(
    private readonly file: string,
    private readonly maxBytes: number,
  ) {
    this.temp = `${file}.${process.pid}.${randomHex(6)}.part`;
    this.stream = createWriteStream(this.temp, { flags: 'wx' });
    this.stream.on('error', (err) => (this.failure ??= err));
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw writeError(this.failure);
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.head.length < MAGIC_WINDOW) {
      this.head = Buffer.concat([this.head, bytes.subarray(0, MAGIC_WINDOW - this.head.length)]);
      if (this.head.length >= MAGIC_WINDOW && !hasMagic(this.head)) throw notPdf(this.head);
    }
    this.tail = Buffer.concat([this.tail, bytes]).subarray(-TRAILER_WINDOW);
    this.written += bytes.length;
    if (this.written > this.maxBytes) {
      throw new PdfError('too-large', `the PDF is larger than the ${formatBytes(this.maxBytes)} limit`);
    }
    if (!this.stream.write(bytes)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
    if (this.failure) throw writeError(this.failure);
  }

  async finish(): Promise<void> {
    await this.close();
    if (this.failure) throw writeError(this.failure);
    if (!hasMagic(this.head)) throw notPdf(this.head);
    if (!this.tail.includes(TRAILER)) {
      throw new PdfError('truncated', `the PDF ends early (${formatBytes(this.written)} and no end-of-file marker)`);
    }
    // What throws here reaches the download, which discards the temp file.
    await renameWithRetry(this.temp, this.file).catch((err: unknown) => {
      throw writeError(err);
    });
  }

  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await removeIfPresent(this.temp).catch(() => undefined);
  }

  private close(): Promise<void> {
    if (this.stream.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
  }
}

function hasMagic(head: Buffer): boolean {
  return head.includes(MAGIC);
}

function notPdf(head: Buffer): PdfError {
  const looksHtml = /^\s*</.test(head.toString('latin1'));
  return new PdfError(
    'not-pdf',
    looksHtml ? 'the server sent a web page instead of a PDF (a login or error page?)' : 'the file is not a PDF',
  );
}

/**
 * A file name for any key: the characters file systems refuse become `_`, and a short hash of
 * the key keeps two keys that read alike after that from sharing a file.
 */
export function pdfFileName(key: string): string {
  const readable = key
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, 80);
  return `${readable || 'paper'}-${fnv1a(key)}.pdf`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
