/**
 * The worker thread that trains the "For you" model (bundled as dist/recs-worker.js).
 * Answers with one message: the model's bytes (transferred, not copied), or an error.
 */
import { parentPort, workerData } from 'worker_threads';
import { errorMessage } from '../guards';
import { trainFromStore, type TrainRequest } from './trainJob';

const port = parentPort;
if (port) {
  trainFromStore(workerData as TrainRequest).then(
    (result) => port.postMessage({ result }, [result.bytes.buffer as ArrayBuffer]),
    (err) => port.postMessage({ error: errorMessage(err) }),
  );
}
