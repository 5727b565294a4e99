/**
 * Building a segment: read the given day files of the cache, index their papers, write the
 * segment atomically into the index folder. Runs in a worker thread (buildWorker.ts) in the
 * extension; the function itself does not care where it runs.
 */
import * as fs from 'fs/promises';
import * as path from 'path';
import { FeedStore } from '../../feed/store';
import { randomHex, writeAtomically } from '../../feed/files';
import type { SourceId } from '../../paper';
import { encodeSegment, type SegmentPaper } from './encodeSegment';
import type { FileStamp } from './segmentFormat';

export interface BuildRequest {
  /** The global storage folder (the store's root). */
  root: string;
  files: { source: SourceId; day: string }[];
  /** When the build began; recorded in the segment (newer segments win). */
  created: number;
}

export interface BuiltSegment {
  /** The segment's file name in the index folder. */
  name: string;
  papers: number;
}

export const SEGMENT_SUFFIX = '.seg';

/** The index folder of a store root; its name carries the segment format version. */
export function indexDir(root: string, version: number): string {
  return path.join(root, 'search', `v${version}`);
}

/** A day file as it is now (size, mtime, inode); undefined when there is none. */
export async function stampDayFile(store: FeedStore, source: SourceId, day: string): Promise<FileStamp | undefined> {
  try {
    const s = await fs.stat(store.dayFile(source, day));
    return { source, day, size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch {
    return undefined;
  }
}

export async function buildSegment(request: BuildRequest, version: number): Promise<BuiltSegment> {
  const store = new FeedStore(request.root);
  const files: FileStamp[] = [];
  const entries: SegmentPaper[] = [];
  for (const { source, day } of request.files) {
    // Stamped before reading: a file rewritten meanwhile then looks changed, and is read again.
    const stamp = await stampDayFile(store, source, day);
    if (!stamp) continue;
    const { day: cached } = await store.readDay(source, day);
    if (!cached) continue;
    const file = files.length;
    files.push(stamp);
    for (const paper of cached.papers) {
      entries.push({ paper: paper.feedDay ? paper : { ...paper, feedDay: cached.day }, file });
    }
  }
  const bytes = encodeSegment({ created: request.created, files }, entries);
  const name = `${request.created}-${process.pid}-${randomHex(4)}${SEGMENT_SUFFIX}`;
  await writeAtomically(path.join(indexDir(request.root, version), name), bytes);
  return { name, papers: entries.length };
}
