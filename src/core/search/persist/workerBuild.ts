/** The window's side of a segment build: a worker thread per build, ended on abort. */
import { existsSync } from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { BuildRequest, BuiltSegment } from './buildSegment';

export type SegmentBuilder = (request: BuildRequest, signal?: AbortSignal) => Promise<BuiltSegment>;

/** The bundled worker (esbuild.js) beside the running bundle, else the compiled module beside this one. */
export function defaultWorkerScript(): string {
  const bundled = path.join(__dirname, 'search-worker.js');
  return existsSync(bundled) ? bundled : path.join(__dirname, 'buildWorker.js');
}

export function workerBuilder(script: string = defaultWorkerScript()): SegmentBuilder {
  return (request, signal) =>
    new Promise<BuiltSegment>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new Error('index build cancelled'));
        return;
      }
      const worker = new Worker(script, { workerData: request });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        settle(() => reject(new Error('index build cancelled')));
        void worker.terminate();
      };
      signal?.addEventListener('abort', onAbort);
      worker.once('message', (message: { built?: BuiltSegment; error?: string }) =>
        settle(() =>
          message.built ? resolve(message.built) : reject(new Error(message.error ?? 'index build failed')),
        ),
      );
      worker.once('error', (err) => settle(() => reject(err)));
      worker.once('exit', (code) => settle(() => reject(new Error(`index build stopped (exit code ${code})`))));
    });
}
