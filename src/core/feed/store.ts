/**
 * The feed cache on disk: one JSON file per source and feed day under
 * `<root>/feed/v<STORE_SCHEMA>/<source>/<YYYY-MM-DD>.json`, so a refresh rewrites only the
 * days it fetched and one damaged file costs one day, not the whole cache.
 *
 * Several VS Code windows share one globalStorage folder, so every write goes to a private
 * temp file that is renamed over the target: a reader (or a window killed mid-write) sees
 * the old complete file or the new complete file, never a mix. Files that cannot be trusted
 * are moved aside to `<root>/feed/quarantine/`, never deleted, and reported as problems.
 */
import type { Stats } from 'fs';
import * as fs from 'fs/promises';
import * as path from 'path';
import { addDays, isIsoDay } from '../dates';
import { silentLogger, type Logger } from '../log';
import type { Paper, SourceId } from '../paper';
import { describeError, errorCode, isRecord } from '../guards';
import { SOURCE_NAME, decodePaper } from '../paperRecord';
import { exists, randomHex, readdirOrEmpty, removeIfPresent, writeAtomically } from './files';
import { TimeSlicer, type SliceOptions } from '../timeSlice';
import { inOrderReadingAhead } from './readAhead';

export const STORE_SCHEMA = 1;

export interface CachedDay {
  source: SourceId;
  /** The feed day, `YYYY-MM-DD`. */
  day: string;
  /** When the day was fetched, ISO 8601 date-time. */
  fetchedAt: string;
  papers: Paper[];
}

export interface StoreProblem {
  /** The file the problem is about (its original place, even when it has been moved). */
  file: string;
  day?: string;
  source?: SourceId;
  reason: string;
  /** Where a file that could not be trusted now lives. */
  movedTo?: string;
  /** Paper records dropped from an otherwise good day because they were malformed. */
  droppedPapers?: number;
}

export interface StoreOptions {
  log?: Logger;
}

/** Temp files younger than this may belong to a write still running in another window. */
const TEMP_MAX_AGE_MS = 60_000;
const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
const TEMP_FILE = /^\..+\.tmp$/;
const SCHEMA_DIR = /^v(\d+)$/;
/** Day files read at once: enough to keep the disk busy, few enough to parse in one short block. */
const READ_AHEAD = 6;
/** Windows refuses to rename over a file another handle has open; such clashes pass quickly. */

type DayRead = { day?: CachedDay; problem?: StoreProblem };

export class FeedStore {
  private readonly log: Logger;
  readonly feedDir: string;
  readonly schemaDir: string;
  readonly quarantineDir: string;

  constructor(
    readonly root: string,
    options: StoreOptions = {},
  ) {
    this.log = options.log ?? silentLogger;
    this.feedDir = path.join(root, 'feed');
    this.schemaDir = path.join(this.feedDir, `v${STORE_SCHEMA}`);
    this.quarantineDir = path.join(this.feedDir, 'quarantine');
  }

  /** A store whose leftover temp files from killed writers have been cleaned up. */
  static async open(root: string, options: StoreOptions = {}): Promise<FeedStore> {
    const store = new FeedStore(root, options);
    await store.cleanTemp();
    return store;
  }

  /** The file a day lives in. */
  dayFile(source: SourceId, day: string): string {
    checkSource(source);
    if (!isIsoDay(day)) throw new TypeError(`not a feed day (YYYY-MM-DD): ${JSON.stringify(day)}`);
    return path.join(this.schemaDir, source, `${day}.json`);
  }

  async writeDay(day: CachedDay): Promise<void> {
    const file = this.dayFile(day.source, day.day);
    if (typeof day.fetchedAt !== 'string' || Number.isNaN(Date.parse(day.fetchedAt))) {
      throw new TypeError(`fetchedAt is not a date-time: ${JSON.stringify(day.fetchedAt)}`);
    }
    if (!Array.isArray(day.papers)) throw new TypeError('papers must be an array');
    const body = JSON.stringify({
      schema: STORE_SCHEMA,
      source: day.source,
      day: day.day,
      fetchedAt: day.fetchedAt,
      papers: day.papers,
    });
    await writeAtomically(file, body);
  }

  async readDay(source: SourceId, day: string): Promise<DayRead> {
    return this.readDayFile(source, day, 2);
  }

  private async readDayFile(source: SourceId, day: string, attempts: number, slicer?: TimeSlicer): Promise<DayRead> {
    const file = this.dayFile(source, day);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return {};
      return { problem: this.unreadable(file, source, day, describeError(err)) };
    }
    let decoded: Decoded;
    // The identity of what was read decides later whether a move caught this file or a newer
    // one; it is taken from the open handle, and only for a file that has to be moved aside
    // (a good read is four round trips to the file system instead of five).
    let stat: Stats;
    try {
      let text: string;
      try {
        text = await handle.readFile('utf8');
      } catch (err) {
        return {
          problem: this.unreadable(
            file,
            source,
            day,
            errorCode(err) === 'EISDIR' ? 'not a regular file' : describeError(err),
          ),
        };
      }
      // Reads that finish together would otherwise parse back to back in one turn of the loop.
      await slicer?.pace();
      decoded = decodeDay(text, source, day);
      if (!('reason' in decoded)) return this.decodedRead(file, source, day, decoded);
      stat = await handle.stat();
      if (!stat.isFile()) return { problem: this.unreadable(file, source, day, 'not a regular file') };
    } catch (err) {
      return { problem: this.unreadable(file, source, day, describeError(err)) };
    } finally {
      await handle.close();
    }
    const { problem, replaced } = await this.quarantine(file, source, day, decoded.reason, stat);
    // A writer replaced the bad file while it was being read: the new one deserves a read.
    if (replaced && attempts > 1) return this.readDayFile(source, day, attempts - 1, slicer);
    return { problem };
  }

  private decodedRead(
    file: string,
    source: SourceId,
    day: string,
    decoded: Exclude<Decoded, { reason: string }>,
  ): DayRead {
    if (decoded.dropped > 0) {
      const reason = `dropped ${decoded.dropped} malformed paper record${decoded.dropped === 1 ? '' : 's'}`;
      this.log.warn(`LitFeed cache: ${file}: ${reason}`);
      return { day: decoded.day, problem: { file, source, day, reason, droppedPapers: decoded.dropped } };
    }
    return { day: decoded.day };
  }

  /**
   * The requested days that exist, in the order asked; problems for the ones that could not be
   * used. Read and parsed a few at a time (see `eachDay`): a thousand days never hold the loop.
   */
  async readDays(
    source: SourceId,
    days: readonly string[],
    slicing: SliceOptions = {},
  ): Promise<{ days: CachedDay[]; problems: StoreProblem[] }> {
    const out: CachedDay[] = [];
    const problems: StoreProblem[] = [];
    for await (const r of this.eachDay(source, days, slicing)) {
      if (r.day) out.push(r.day);
      if (r.problem) problems.push(r.problem);
    }
    return { days: out, problems };
  }

  /**
   * The days in the order asked, a few read ahead while the caller works on each; a parse
   * waits for a fresh slice once the budget is used (pass the caller's slicer to share one).
   */
  eachDay(source: SourceId, days: readonly string[], slicing: SliceOptions | TimeSlicer = {}): AsyncGenerator<DayRead> {
    const slicer = slicing instanceof TimeSlicer ? slicing : new TimeSlicer(slicing);
    return inOrderReadingAhead(days.length, (i) => this.readDayFile(source, days[i], 2, slicer), READ_AHEAD);
  }

  /** Days with a file for this source, newest first. */
  async listDays(source: SourceId): Promise<string[]> {
    checkSource(source);
    const names = await readdirOrEmpty(path.join(this.schemaDir, source));
    const days: string[] = [];
    for (const name of names) {
      const m = DAY_FILE.exec(name);
      if (m && isIsoDay(m[1])) days.push(m[1]);
    }
    // ISO days sort as strings.
    return days.sort().reverse();
  }

  /** The newest `fetchedAt` among this source's readable days. */
  async lastFetched(source: SourceId): Promise<string | undefined> {
    const { days } = await this.readDays(source, await this.listDays(source));
    let best: string | undefined;
    for (const d of days) {
      if (best === undefined || Date.parse(d.fetchedAt) > Date.parse(best)) best = d.fetchedAt;
    }
    return best;
  }

  /**
   * Removes, for every source, the day files older than `today - retentionDays`, along with
   * stale temp files and caches of older schema versions (which this version never reads).
   * Newer schema versions belong to a newer LitFeed sharing the folder and are left alone.
   */
  async prune(retentionDays: number, today: string): Promise<{ removed: number }> {
    if (!Number.isInteger(retentionDays) || retentionDays < 0) {
      throw new RangeError(`retentionDays must be a whole number >= 0: ${retentionDays}`);
    }
    const oldest = addDays(today, -retentionDays);
    let removed = 0;
    for (const source of await this.sourceDirs()) {
      const dir = path.join(this.schemaDir, source);
      for (const name of await readdirOrEmpty(dir)) {
        const m = DAY_FILE.exec(name);
        if (!m || !isIsoDay(m[1]) || m[1] >= oldest) continue;
        // Housekeeping: a file that cannot go now is tried again at the next prune.
        try {
          if (await removeIfPresent(path.join(dir, name))) removed++;
        } catch (err) {
          this.log.warn(`LitFeed cache: cannot remove ${path.join(dir, name)}: ${describeError(err)}`);
        }
      }
    }
    for (const name of await readdirOrEmpty(this.feedDir)) {
      const m = SCHEMA_DIR.exec(name);
      if (m && Number(m[1]) < STORE_SCHEMA) {
        try {
          await fs.rm(path.join(this.feedDir, name), { recursive: true, force: true });
          this.log.info(`LitFeed cache: removed the cache of schema version ${m[1]}`);
        } catch (err) {
          this.log.warn(`LitFeed cache: cannot remove the schema ${m[1]} cache: ${describeError(err)}`);
        }
      }
    }
    await this.cleanTemp();
    if (removed > 0) this.log.info(`LitFeed cache: pruned ${removed} day file(s) before ${oldest}`);
    return { removed };
  }

  /** Deletes temp files left by writers that died; young ones may still be in flight. */
  async cleanTemp(maxAgeMs: number = TEMP_MAX_AGE_MS, now: number = Date.now()): Promise<{ removed: number }> {
    let removed = 0;
    for (const source of await this.sourceDirs()) {
      const dir = path.join(this.schemaDir, source);
      for (const name of await readdirOrEmpty(dir)) {
        if (!TEMP_FILE.test(name)) continue;
        const file = path.join(dir, name);
        try {
          const stat = await fs.stat(file);
          if (now - stat.mtimeMs > maxAgeMs && (await removeIfPresent(file))) removed++;
        } catch (err) {
          if (errorCode(err) !== 'ENOENT') this.log.warn(`LitFeed cache: cannot clean ${file}: ${describeError(err)}`);
        }
      }
    }
    return { removed };
  }

  private async sourceDirs(): Promise<string[]> {
    const entries = await fs.readdir(this.schemaDir, { withFileTypes: true }).catch((err: unknown) => {
      if (errorCode(err) === 'ENOENT') return [];
      throw err;
    });
    return entries.filter((e) => e.isDirectory() && SOURCE_NAME.test(e.name)).map((e) => e.name);
  }

  /** A file that is there but cannot be read stays where it is: moving it would likely fail too. */
  private unreadable(file: string, source: SourceId, day: string, why: string): StoreProblem {
    const reason = `cannot read the file: ${why}`;
    this.log.warn(`LitFeed cache: ${file}: ${reason}`);
    return { file, source, day, reason };
  }

  /**
   * Moves an untrustworthy file aside. Between reading it and moving it, another window may
   * have renamed a fresh day over it; the moved file's identity tells, and then the fresh
   * file goes back (unless something newer has taken its place) and `replaced` asks the
   * caller to read again.
   */
  private async quarantine(
    file: string,
    source: SourceId,
    day: string,
    reason: string,
    read: Stats,
  ): Promise<{ problem: StoreProblem; replaced?: boolean }> {
    const problem: StoreProblem = { file, source, day, reason };
    let replaced = false;
    try {
      await fs.mkdir(this.quarantineDir, { recursive: true });
      const target = await this.quarantineName(source, day);
      await fs.rename(file, target);
      const moved = await fs.stat(target);
      if (moved.ino === read.ino && moved.dev === read.dev) {
        problem.movedTo = target;
      } else {
        replaced = true;
        problem.reason += ' (a new write replaced it meanwhile)';
        await putBack(target, file);
      }
    } catch (err) {
      // ENOENT: a concurrent reader moved it first, or a writer is about to replace it.
      if (errorCode(err) !== 'ENOENT') problem.reason += `; could not move it aside: ${describeError(err)}`;
    }
    if (!replaced) {
      this.log.warn(
        `LitFeed cache: ${file}: ${problem.reason}${problem.movedTo ? `; moved to ${problem.movedTo}` : ''}`,
      );
    }
    return { problem, replaced };
  }

  private async quarantineName(source: SourceId, day: string): Promise<string> {
    // Colons are not allowed in Windows file names.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const base = `${source}-${day}-${stamp}`;
    let candidate = path.join(this.quarantineDir, `${base}.json`);
    while (await exists(candidate)) {
      candidate = path.join(this.quarantineDir, `${base}-${randomHex(3)}.json`);
    }
    return candidate;
  }
}

/** Returns a file moved by mistake, unless a newer one already took its place (then it is stale). */
async function putBack(moved: string, original: string): Promise<void> {
  try {
    await fs.link(moved, original);
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') {
      // No hard links here (some network or FAT drives): a plain rename is the next best thing.
      await fs.rename(moved, original);
      return;
    }
  }
  await fs.unlink(moved);
}

type Decoded = { day: CachedDay; dropped: number } | { reason: string };

/** Checks a day file's content; a bad envelope rejects the day, bad papers are dropped one by one. */
function decodeDay(text: string, source: SourceId, day: string): Decoded {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { reason: `not valid JSON (truncated or corrupt): ${describeError(err)}` };
  }
  if (!isRecord(data)) return { reason: 'wrong shape: not a JSON object' };
  const schema = data.schema;
  if (typeof schema !== 'number' || !Number.isInteger(schema)) return { reason: 'wrong shape: no schema version' };
  if (schema > STORE_SCHEMA) {
    return { reason: `schema version ${schema} is newer than this LitFeed understands (${STORE_SCHEMA})` };
  }
  if (schema !== STORE_SCHEMA) return { reason: `wrong shape: schema version ${schema} in a v${STORE_SCHEMA} folder` };
  if (data.source !== source) {
    return { reason: `wrong shape: source ${JSON.stringify(data.source)} in the ${source} folder` };
  }
  if (data.day !== day) return { reason: `wrong shape: day ${JSON.stringify(data.day)} in the file for ${day}` };
  if (typeof data.fetchedAt !== 'string' || Number.isNaN(Date.parse(data.fetchedAt))) {
    return { reason: 'wrong shape: fetchedAt is not a date-time' };
  }
  if (!Array.isArray(data.papers)) return { reason: 'wrong shape: papers is not an array' };

  const papers: Paper[] = [];
  let dropped = 0;
  for (const raw of data.papers) {
    const paper = decodePaper(raw, { fallbackSource: source, inPlace: true });
    if (paper) papers.push(paper);
    else dropped++;
  }
  return { day: { source, day, fetchedAt: data.fetchedAt, papers }, dropped };
}

function checkSource(source: string): void {
  if (typeof source !== 'string' || !SOURCE_NAME.test(source)) {
    throw new TypeError(`not a source id usable as a folder name: ${JSON.stringify(source)}`);
  }
}
