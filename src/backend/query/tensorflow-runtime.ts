/**
 * TensorFlow.js for the queries that ask for a network (the `lstm` forecast family, the `autoencoder` anomaly
 * detector): loaded on the first such query, once per process, so queries without one never pay for tfjs (a large
 * module, about a second to initialise).
 *
 * The wasm backend finds its `.wasm` binaries through a directory: next to the executable when the backend runs as
 * the single executable Grafana starts (scripts/build-backend.mjs copies them there), else the npm package's dist
 * directory (tests, a bundle run by a plain `node`). When wasm cannot start, tfjs' pure JavaScript `cpu` kernels
 * take over: several times slower per step, so a network does fewer gradient steps in its budget, but it still runs.
 */
import { dirname, join, sep } from 'node:path';
import { isSea } from 'node:sea';

import type { Notice } from 'backend/grafana/frame';
import { log } from 'backend/grafana/logger';
import { loadTensorflow, type TensorflowRuntime } from 'ml/tf/tf-backend';

let loading: Promise<TensorflowRuntime> | undefined;

/** The process-wide runtime; a failed load is forgotten so that the next query retries. */
export function loadTensorflowRuntime(): Promise<TensorflowRuntime> {
  if (loading === undefined) {
    const wasmPaths = wasmDirectory();
    const started = performance.now();
    loading = loadTensorflow({ backend: 'wasm', wasmPaths }).then(
      (runtime) => {
        log.info('TensorFlow.js loaded', {
          backend: runtime.backend,
          wasmPaths,
          ms: Math.round(performance.now() - started),
          ...(runtime.fallbackReason === undefined ? {} : { fallbackReason: runtime.fallbackReason }),
        });
        return runtime;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      }
    );
  }
  return loading;
}

/** Where the wasm backend's binaries are, ending with a separator as tfjs expects. */
export function wasmDirectory(): string {
  if (isSea()) {
    return dirname(process.execPath) + sep;
  }
  // The package's main module lives in its dist directory, next to the binaries.
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), sep);
}

/**
 * What a query using a network (`what`: "The LSTM", "The autoencoder") should tell its user about the runtime: a
 * warning when wasm was not available.
 */
export function runtimeNotices(runtime: TensorflowRuntime, what: string): Notice[] {
  if (runtime.fallbackReason === undefined) {
    return [];
  }
  return [
    {
      severity: 'warning',
      text: `${what} ran on TensorFlow.js' slower cpu backend (${runtime.fallbackReason}), so it trained less within its budget`,
    },
  ];
}
