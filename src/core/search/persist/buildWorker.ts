/**
 * The worker thread that builds a segment (bundled as dist/search-worker.js): reading and
 * indexing thousands of papers takes seconds, which the extension host's thread must not spend.
 * Answers with one message: the segment's file name, or an error.
 */
import { parentPort, workerData } from 'worker_threads';
import { errorMessage } from '../../guards';
import { buildSegment, type BuildRequest } from './buildSegment';
import { SEGMENT_VERSION } from './segmentFormat';

const port = parentPort;
if (port) {
  buildSegment(workerData as BuildRequest, SEGMENT_VERSION).then(
    (result) => port.postMessage({ result }),
    (err) => port.postMessage({ error: errorMessage(err) }),
  );
}
