/** The window's side of a segment build: a worker thread per build, ended on abort. */
import * as path from 'path';
import { runWorkerJob, workerScript } from '../../workerJob';
import type { BuildRequest, BuiltSegment } from './buildSegment';

export type SegmentBuilder = (request: BuildRequest, signal?: AbortSignal) => Promise<BuiltSegment>;

export function defaultWorkerScript(): string {
  return workerScript(path.join(__dirname, 'search-worker.js'), path.join(__dirname, 'buildWorker.js'));
}

export function workerBuilder(script: string = defaultWorkerScript()): SegmentBuilder {
  return (request, signal) => runWorkerJob<BuiltSegment>(script, request, 'index build', signal);
}
