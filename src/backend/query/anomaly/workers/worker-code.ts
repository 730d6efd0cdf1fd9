/**
 * The scoring worker's source text. A single-executable application can only `require` Node's built-ins and
 * has no file to start a worker from, so the build (scripts/build-backend.mjs) bundles worker-main.ts on its
 * own and ships it as a SEA asset under this name; the pool starts workers from the text (`eval`).
 */
import { log } from 'backend/grafana';

/** The SEA asset name; scripts/build-backend.mjs uses the same. */
export const ANOMALY_WORKER_ASSET = 'anomaly-worker.cjs';

/** The worker's source inside the executable; undefined elsewhere (a plain bundle, tests): then score inline. */
export function bundledWorkerCode(): string | undefined {
  // Loaded here, not at the top: only the executable needs it.
  const sea = require('node:sea') as typeof import('node:sea');
  if (!sea.isSea()) {
    return undefined;
  }
  try {
    return sea.getAsset(ANOMALY_WORKER_ASSET, 'utf8');
  } catch (err) {
    log.warn('The executable has no anomaly worker asset: anomaly series are scored on the main thread', {
      error: err instanceof Error ? err.message : String(err),
    });
    return undefined;
  }
}
