/**
 * One job in a worker thread (building a search segment, training the "For you" model): the
 * worker answers with one message, `{ result }` or `{ error }`, and is ended when the caller
 * aborts. Work that takes seconds of CPU runs there, not on the extension host's thread.
 */
import { existsSync } from 'fs';
import { Worker } from 'worker_threads';

/** A bundled worker beside the running bundle (esbuild.js), else the compiled module `fallback`. */
export function workerScript(bundled: string, fallback: string): string {
  return existsSync(bundled) ? bundled : fallback;
}

/** Runs `script` with `data`; `what` names the job in errors ("index build", "training"). */
export function runWorkerJob<T>(script: string, data: unknown, what: string, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error(`${what} cancelled`));
      return;
    }
    const worker = new Worker(script, { workerData: data });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      settle(() => reject(new Error(`${what} cancelled`)));
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort);
    worker.once('message', (message: { result?: T; error?: string }) =>
      settle(() =>
        message.result !== undefined ? resolve(message.result) : reject(new Error(message.error ?? `${what} failed`)),
      ),
    );
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`${what} stopped (exit code ${code})`))));
  });
}
