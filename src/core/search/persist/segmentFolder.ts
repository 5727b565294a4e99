/**
 * The index folder on disk (`<globalStorage>/search/v<format>/*.seg`) and the day files it is
 * checked against. Every segment there is a complete file (written atomically) from some
 * window; a damaged one is removed and its days read again, never trusted.
 */
import * as fs from 'fs/promises';
import * as path from 'path';
import type { FeedStore } from '../../feed/store';
import { readdirOrEmpty, removeIfPresent } from '../../feed/files';
import { errorCode, errorMessage } from '../../guards';
import type { Logger } from '../../log';
import type { SourceId } from '../../paper';
import { SEGMENT_SUFFIX, stampDayFile } from './buildSegment';
import { SegmentError, openSegmentFile, type Segment } from './segment';
import type { FileStamp } from './segmentFormat';

export interface NamedSegment {
  name: string;
  segment: Segment;
}

/** The folder's usable segments, oldest first; damaged ones are removed and logged. */
export async function readSegments(dir: string, pace: () => Promise<void>, log: Logger): Promise<NamedSegment[]> {
  const names = (await readdirOrEmpty(dir)).filter((n) => n.endsWith(SEGMENT_SUFFIX));
  const found: NamedSegment[] = [];
  for (const name of names) {
    const segment = await openNamed(dir, name, pace, log);
    if (segment) found.push({ name, segment });
  }
  return found.sort((a, b) => a.segment.meta.created - b.segment.meta.created || (a.name < b.name ? -1 : 1));
}

/** One segment of the folder; undefined (and the file removed when it is damaged) if unusable. */
export async function openNamed(
  dir: string,
  name: string,
  pace: () => Promise<void>,
  log: Logger,
): Promise<Segment | undefined> {
  const file = path.join(dir, name);
  try {
    return await openSegmentFile(file, pace);
  } catch (err) {
    if (!(err instanceof SegmentError)) {
      // Gone meanwhile (another window folded it away), or unreadable: its days get indexed again.
      if (errorCode(err) !== 'ENOENT') log.warn(`search index: cannot read ${name}: ${errorMessage(err)}`);
      return undefined;
    }
    log.warn(`search index: ${name} is unusable (${err.message}); its days will be indexed again`);
    await removeSegment(dir, name);
    return undefined;
  }
}

/**
 * Stats asked at once. The answers of all of them are handed to the thread in one turn of the
 * loop: a thousand at once were a block of 50–100 ms.
 */
const STAT_BATCH = 32;

/** Every day file of the sources as it is now (size, mtime, inode), for checking the segments. */
export async function stampDayFiles(store: FeedStore, sources: readonly SourceId[]): Promise<FileStamp[]> {
  const stamps: FileStamp[] = [];
  for (const source of sources) {
    const days = await store.listDays(source);
    for (let i = 0; i < days.length; i += STAT_BATCH) {
      const stats = await Promise.all(days.slice(i, i + STAT_BATCH).map((day) => stampDayFile(store, source, day)));
      for (const s of stats) if (s) stamps.push(s);
    }
  }
  return stamps;
}

/**
 * Removes the index folders of older formats (`search/v1` once `v2` is in use): no LitFeed of
 * this version reads them, and at 100k papers one holds 74 MB. Newer formats' folders are
 * left to the newer LitFeed that wrote them. Returns the folders removed.
 */
export async function removeOlderVersions(dir: string, version: number): Promise<string[]> {
  const parent = path.dirname(dir);
  const removed: string[] = [];
  for (const name of await readdirOrEmpty(parent)) {
    const older = /^v(\d+)$/.exec(name);
    if (!older || Number(older[1]) >= version) continue;
    await fs.rm(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export async function removeSegment(dir: string, name: string): Promise<void> {
  await removeIfPresent(path.join(dir, name)).catch(() => undefined);
}
