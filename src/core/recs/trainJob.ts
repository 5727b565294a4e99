/**
 * Training from the cache: the newest cached days of the feeds a reader was shown, up to a
 * number of papers, with the kept papers given; the model written to the recs folder. Runs
 * in a worker thread in the extension (trainWorker.ts): reading and featurising ten thousand
 * papers is a few hundred milliseconds the extension host's thread must not spend.
 */
import { readFile } from 'fs/promises';
import * as path from 'path';
import { FeedStore } from '../feed/store';
import { errorCode } from '../guards';
import { writeAtomically } from '../feed/files';
import type { SourceId } from '../paper';
import { decodeModel, encodeModel } from './modelFile';
import { poolDoc, trainModel, type PoolDoc, type PositiveDoc, type RecModel } from './recModel';

export interface TrainRequest {
  /** The global storage folder (the store's root). */
  root: string;
  /** The feeds whose papers were shown, newest days first across them. */
  sources: SourceId[];
  positives: PositiveDoc[];
  signature: string;
  /** Papers of the cache read at most. */
  maxPool: number;
  seed?: number;
}

export interface TrainResult {
  /** The encoded model, as written. */
  bytes: Uint8Array;
  pool: number;
  ms: number;
}

export const MODEL_FILE = 'model.bin';

export function modelPath(root: string): string {
  return path.join(root, 'recs', MODEL_FILE);
}

/** The model kept under `root`; undefined when there is none. Throws `ModelFileError` for one that cannot be used. */
export async function readModel(root: string): Promise<RecModel | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(modelPath(root));
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
  return decodeModel(bytes);
}

export async function trainFromStore(request: TrainRequest): Promise<TrainResult> {
  const started = performance.now();
  const pool = await readPool(new FeedStore(request.root), request.sources, request.maxPool);
  const model = trainModel({
    pool,
    positives: request.positives,
    signature: request.signature,
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
  });
  const bytes = encodeModel(model);
  await writeAtomically(modelPath(request.root), bytes);
  return { bytes, pool: pool.length, ms: performance.now() - started };
}

/** The papers of the newest days of `sources` (merged by day, newest first), `max` at most, each once. */
async function readPool(store: FeedStore, sources: readonly SourceId[], max: number): Promise<PoolDoc[]> {
  const days: { source: SourceId; day: string }[] = [];
  for (const source of sources) for (const day of await store.listDays(source)) days.push({ source, day });
  days.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  const seen = new Set<string>();
  const pool: PoolDoc[] = [];
  for (const { source, day } of days) {
    if (pool.length >= max) break;
    const { day: cached } = await store.readDay(source, day);
    for (const paper of cached?.papers ?? []) {
      if (seen.has(paper.id)) continue;
      seen.add(paper.id);
      pool.push(poolDoc(paper));
      if (pool.length >= max) break;
    }
  }
  return pool;
}
