/**
 * Entry of an anomaly scoring worker thread: keeps its shard of warm models and answers one request at a
 * time. Bundled on its own (scripts/build-backend.mjs) and started from its source text (pool.ts).
 * Never writes to stdout: the pool reads the worker's stdout, which is not the plugin's.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { AnomalyModelCache } from '../model-cache';
import { answer, type ScoreRequest, type ScoringWorkerData } from './protocol';

const port = parentPort;
if (!port) {
  throw new Error('the anomaly scoring worker runs in a worker thread only');
}
const { cacheLimits } = workerData as ScoringWorkerData;
const cache = new AnomalyModelCache(cacheLimits);

port.on('message', (request: ScoreRequest) => {
  const { reply, transfer } = answer(cache, request);
  port.postMessage(reply, transfer);
});
