/**
 * Which persisted papers still stand for the cache, and what to build: the segments are a
 * derived copy of the day files, checked against them, never trusted over them. Pure, so
 * that every case is a unit test.
 */
import type { FileStamp, SegmentMeta } from './segmentFormat';

export interface DayFileRef {
  source: FileStamp['source'];
  day: string;
}

export interface SyncPlan {
  /** Per segment (same order as given), indices into its `meta.files` no longer to search. */
  stale: number[][];
  /** Day files no segment stands for as they are now. */
  build: DayFileRef[];
  /** Build one segment of everything instead (too many segments, or too much stale). */
  rebuildAll: boolean;
}

/** Segments kept before they are folded into one. */
export const MAX_SEGMENTS = 8;
/** Share of persisted papers superseded or stale beyond which everything is rebuilt. */
const MAX_STALE_SHARE = 0.3;

const keyOf = (f: DayFileRef) => `${f.source}/${f.day}`;
const sameStamp = (a: FileStamp, b: FileStamp) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/**
 * `segments` oldest first (by `created`), with their paper count per file; `current` the day
 * files on disk now. A file belongs to the newest segment that read it; older copies are
 * stale, and so is the newest one when the file changed or went away since.
 */
export function planSync(
  segments: readonly { meta: Pick<SegmentMeta, 'created' | 'files'>; papersPerFile: readonly number[] }[],
  current: readonly FileStamp[],
): SyncPlan {
  const now = new Map(current.map((f) => [keyOf(f), f]));
  const owner = new Map<string, { segment: number; file: number }>();
  const stale: number[][] = segments.map(() => []);
  segments.forEach(({ meta }, s) => {
    meta.files.forEach((file, i) => {
      const key = keyOf(file);
      const before = owner.get(key);
      if (before) stale[before.segment].push(before.file);
      owner.set(key, { segment: s, file: i });
    });
  });
  const build: DayFileRef[] = [];
  for (const [key, { segment, file }] of owner) {
    const read = segments[segment].meta.files[file];
    const onDisk = now.get(key);
    if (!onDisk || !sameStamp(onDisk, read)) stale[segment].push(file);
  }
  for (const file of current) {
    const held = owner.get(keyOf(file));
    const read = held && segments[held.segment].meta.files[held.file];
    if (!read || !sameStamp(read, file)) build.push({ source: file.source, day: file.day });
  }

  let total = 0;
  let staleCount = 0;
  segments.forEach(({ papersPerFile }, s) => {
    for (const n of papersPerFile) total += n;
    for (const f of stale[s]) staleCount += papersPerFile[f] ?? 0;
  });
  const rebuildAll =
    (segments.length + (build.length > 0 ? 1 : 0) > MAX_SEGMENTS ||
      (total > 0 && staleCount / total > MAX_STALE_SHARE)) &&
    current.length > 0;
  return { stale, build, rebuildAll };
}
