/** The window's side of training: a worker thread per run, ended on abort. */
import * as path from 'path';
import { runWorkerJob, workerScript } from '../workerJob';
import type { TrainRequest, TrainResult } from './trainJob';

export type Trainer = (request: TrainRequest, signal?: AbortSignal) => Promise<TrainResult>;

export function defaultTrainScript(): string {
  return workerScript(path.join(__dirname, 'recs-worker.js'), path.join(__dirname, 'trainWorker.js'));
}

export function workerTrainer(script: string = defaultTrainScript()): Trainer {
  return (request, signal) => runWorkerJob<TrainResult>(script, request, 'training', signal);
}
