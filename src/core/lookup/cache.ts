/**
 * The look-up services' raw answers, kept on disk so a second look-up of the same thing is
 * instant and one seen before still works offline. One JSON file per request URL (named by
 * the URL's SHA-256), holding the body of a 200 or the fact of a 404 and when it was fetched.
 *
 * The cache is a convenience, never a cause of failure: a missing, unreadable or corrupt
 * file reads as absent (and is replaced by the next answer), and a failed write is logged
 * and forgotten. Files are written whole under a temporary name and renamed, so a reader
 * never sees half of one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CappedFolder } from '../feed/cappedFolder';
import { errorMessage, isRecord } from '../guards';
import { silentLogger, type Logger } from '../log';

export interface CachedAnswer {
  /** The body of a 200 answer. */
  text?: string;
  /** The service answered 404. */
  notFound?: boolean;
  /** Younger than its time-to-live; a stale answer is only for when the service cannot be reached. */
  fresh: boolean;
  /** How long ago it was fetched, for callers whose answers go out of date sooner. */
  ageMs: number;
}

export type AnswerToStore = { text: string } | { notFound: true };

export interface LookupCacheOptions {
  /** How long a 200 answer stays fresh; default 30 days. */
  ttlMs?: number;
  /** How long a 404 stays fresh (a record may appear); default 1 day. */
  notFoundTtlMs?: number;
  /** Most answers kept; the oldest go first. Default 5,000. */
  maxEntries?: number;
  now?: () => number;
  log?: Logger;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const lookupCacheDefaults = {
  ttlMs: 30 * DAY_MS,
  notFoundTtlMs: DAY_MS,
  maxEntries: 5000,
} as const;

interface StoredAnswer {
  url: string;
  fetchedAt: number;
  status: 200 | 404;
  text?: string;
}

const SUFFIX = '.json';

function isStoredAnswer(value: unknown): value is StoredAnswer {
  if (!isRecord(value)) return false;
  if (typeof value.url !== 'string' || typeof value.fetchedAt !== 'number' || !Number.isFinite(value.fetchedAt)) {
    return false;
  }
  if (value.status === 200) return typeof value.text === 'string';
  return value.status === 404;
}

export class LookupCache {
  readonly dir: string;
  private readonly ttlMs: number;
  private readonly notFoundTtlMs: number;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly folder: CappedFolder;

  constructor(dir: string, options: LookupCacheOptions = {}) {
    this.dir = dir;
    this.ttlMs = options.ttlMs ?? lookupCacheDefaults.ttlMs;
    this.notFoundTtlMs = options.notFoundTtlMs ?? lookupCacheDefaults.notFoundTtlMs;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? silentLogger;
    const maxEntries = Math.max(1, Math.floor(options.maxEntries ?? lookupCacheDefaults.maxEntries));
    this.folder = new CappedFolder(dir, SUFFIX, maxEntries, 'lookup cache', this.log);
  }

  /** The file an answer to `url` lives in. */
  fileOf(url: string): string {
    return path.join(this.dir, createHash('sha256').update(url).digest('hex') + SUFFIX);
  }

  /** The answer stored for `url`, fresh or stale; undefined when there is none or it cannot be read. */
  async get(url: string): Promise<CachedAnswer | undefined> {
    let stored: unknown;
    try {
      stored = JSON.parse(await fs.readFile(this.fileOf(url), 'utf8'));
    } catch {
      return undefined;
    }
    // The URL inside guards against a file put there by hand or (in theory) a hash collision.
    if (!isStoredAnswer(stored) || stored.url !== url) return undefined;
    const age = this.now() - stored.fetchedAt;
    if (stored.status === 404) return { notFound: true, fresh: age >= 0 && age < this.notFoundTtlMs, ageMs: age };
    return { text: stored.text, fresh: age >= 0 && age < this.ttlMs, ageMs: age };
  }

  /** Stores an answer, replacing any before; never throws. */
  async set(url: string, answer: AnswerToStore): Promise<void> {
    const fetchedAt = this.now();
    const stored: StoredAnswer =
      'text' in answer ? { url, fetchedAt, status: 200, text: answer.text } : { url, fetchedAt, status: 404 };
    const file = this.fileOf(url);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    let existed = false;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      existed = await fs.stat(file).then(
        () => true,
        () => false,
      );
      await fs.writeFile(temp, JSON.stringify(stored), 'utf8');
      // The file's time is the answer's, so eviction follows the same clock as freshness.
      const at = new Date(fetchedAt);
      await fs.utimes(temp, at, at);
      await fs.rename(temp, file);
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      this.log.warn(`lookup cache: could not store the answer for ${url} in ${this.dir}: ${errorMessage(err)}`);
      return;
    }
    if (!existed) await this.folder.added();
  }
}
