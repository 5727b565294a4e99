/**
 * The index folder on disk (`<globalStorage>/search/v<format>/*.seg`) and the day files it is
 * checked against. Every segment there is a complete file (written atomically) from some
 * window; a damaged one is removed and its days read again, never trusted.
 */
import * as fs from 'fs/promises';
import * as path from 'path';
import type { FeedStore } from '../../feed/store';
import { readdirOrEmpty, removeIfPresent } from '../../feed/files';
import { errorMessage } from '../../guards';
import type { Logger } from '../../log';
import type { SourceId } from '../../paper';
import { SEGMENT_SUFFIX } from './buildSegment';
import { Segment, SegmentError, verifySegment } from './segment';
import type { FileStamp } from './segmentFormat';

export interface NamedSegment {
  name: string;
  segment: Segment;
}

/** Bytes read per call: the read itself runs off the thread; this bounds one copy's size. */
const READ_CHUNK = 8 << 20;

/** The folder's usable segments, oldest first; damaged ones are removed and logged. */
export async function readSegments(dir: string, pace: () => Promise<void>, log: Logger): Promise<NamedSegment[]> {
  const names = (await readdirOrEmpty(dir)).filter((n) => n.endsWith(SEGMENT_SUFFIX));
  const found: NamedSegment[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const bytes = await readWhole(file);
      if (!bytes) continue;
      await verifySegment(bytes, pace);
      found.push({ name, segment: new Segment(bytes) });
    } catch (err) {
      if (!(err instanceof SegmentError)) {
        log.warn(`search index: cannot read ${name}: ${errorMessage(err)}`);
        continue;
      }
      log.warn(`search index: ${name} is unusable (${err.message}); its days will be indexed again`);
      await removeIfPresent(file).catch(() => undefined);
    }
  }
  return found.sort((a, b) => a.segment.meta.created - b.segment.meta.created || (a.name < b.name ? -1 : 1));
}

/** The whole file in a buffer of its own (so typed arrays can view it aligned); undefined if it went away. */
async function readWhole(file: string): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(new ArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, Math.min(READ_CHUNK, size - at), at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/** Every day file of the sources as it is now (size and mtime), for checking the segments. */
export async function stampDayFiles(store: FeedStore, sources: readonly SourceId[]): Promise<FileStamp[]> {
  const stamps: FileStamp[] = [];
  for (const source of sources) {
    const days = await store.listDays(source);
    const stats = await Promise.all(
      days.map((day) =>
        fs.stat(store.dayFile(source, day)).then(
          (s) => ({ source, day, size: s.size, mtimeMs: s.mtimeMs, ino: s.ino }),
          () => undefined,
        ),
      ),
    );
    for (const s of stats) if (s) stamps.push(s);
  }
  return stamps;
}

export async function removeSegment(dir: string, name: string): Promise<void> {
  await removeIfPresent(path.join(dir, name)).catch(() => undefined);
}
