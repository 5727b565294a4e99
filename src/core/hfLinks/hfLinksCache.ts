/**
 * Hugging Face's answers about opened papers, kept on disk so a paper opened again (or
 * offline) shows them at once. One small JSON file per paper,
 * `{ schema, baseUrl, fetchedAt, links }`, holding the trimmed answer (ten of each kind),
 * never the raw body: a famous paper's list of models runs to megabytes.
 *
 * Like the look-up cache it is a convenience, never a cause of failure: a missing, corrupt,
 * wrong-shaped or newer-schema file reads as absent and is replaced by the next answer; a
 * failed write is logged and forgotten. Files are written whole and renamed into place. The
 * folder holds at most `maxEntries` files; past that the oldest answers go.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CappedFolder } from '../feed/cappedFolder';
import { writeAtomically } from '../feed/files';
import { errorMessage, isRecord } from '../guards';
import { silentLogger, type Logger } from '../log';
import { readHfLinks, type HfLinks } from './hfLinks';

export const HF_LINKS_SCHEMA = 1;

const HOUR_MS = 60 * 60 * 1000;

export const hfLinksCacheDefaults = {
  /** Likes and new models change daily; a day old is fresh enough. */
  ttlMs: 24 * HOUR_MS,
  maxEntries: 1000,
} as const;

export interface HfLinksCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
  log?: Logger;
}

export interface CachedHfLinks {
  links: HfLinks;
  /** Younger than the time-to-live; a stale answer is still shown until a new one comes. */
  fresh: boolean;
}

const SUFFIX = '.json';

export class HfLinksCache {
  readonly dir: string;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly folder: CappedFolder;

  constructor(dir: string, options: HfLinksCacheOptions = {}) {
    this.dir = dir;
    this.ttlMs = options.ttlMs ?? hfLinksCacheDefaults.ttlMs;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? silentLogger;
    const maxEntries = Math.max(1, Math.floor(options.maxEntries ?? hfLinksCacheDefaults.maxEntries));
    this.folder = new CappedFolder(dir, SUFFIX, maxEntries, 'Hugging Face links cache', this.log);
  }

  /** The file of a paper; old-style ids' slash becomes `_`, which no arXiv id contains. */
  fileOf(arxivId: string): string {
    return path.join(this.dir, arxivId.replace(/\//g, '_') + SUFFIX);
  }

  /**
   * The answer stored for `arxivId` from the server at `baseUrl`, fresh or stale; undefined
   * when there is none, it cannot be read, or it came from another server.
   */
  async get(baseUrl: string, arxivId: string): Promise<CachedHfLinks | undefined> {
    let stored: unknown;
    try {
      stored = JSON.parse(await fs.readFile(this.fileOf(arxivId), 'utf8'));
    } catch {
      return undefined;
    }
    if (
      !isRecord(stored) ||
      stored.schema !== HF_LINKS_SCHEMA ||
      stored.baseUrl !== baseUrl ||
      typeof stored.fetchedAt !== 'number' ||
      !Number.isFinite(stored.fetchedAt)
    ) {
      return undefined;
    }
    const links = readHfLinks(stored.links);
    if (!links || links.arxivId !== arxivId) return undefined;
    const age = this.now() - stored.fetchedAt;
    return { links, fresh: age >= 0 && age < this.ttlMs };
  }

  /** Stores an answer, replacing any before; never throws. */
  async set(baseUrl: string, links: HfLinks): Promise<void> {
    const file = this.fileOf(links.arxivId);
    const existed = await fs.stat(file).then(
      () => true,
      () => false,
    );
    try {
      await writeAtomically(file, JSON.stringify({ schema: HF_LINKS_SCHEMA, baseUrl, fetchedAt: this.now(), links }));
    } catch (err) {
      this.log.warn(`Hugging Face links cache: could not store ${links.arxivId} in ${this.dir}: ${errorMessage(err)}`);
      return;
    }
    if (!existed) await this.folder.added();
  }
}
