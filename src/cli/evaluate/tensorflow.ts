/**
 * TensorFlow.js for the evaluations that train networks (the LSTM forecaster, the anomaly autoencoder). The CLI runs
 * from a checkout (dependencies are external to its bundle), so the wasm backend's binaries resolve on disk.
 */
import { dirname, join, sep } from 'node:path';

import { loadTensorflow, type TensorflowRuntime } from 'ml/tf/tf-backend';

/** Loads tfjs on the wasm backend (cpu when it cannot start) and says which one on stderr. */
export async function loadCliTensorflow(purpose: string): Promise<TensorflowRuntime> {
  const wasmPaths = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep;
  const runtime = await loadTensorflow({ wasmPaths });
  process.stderr.write(
    `${purpose}: tfjs ${runtime.backend} backend${runtime.fallbackReason ? ` (${runtime.fallbackReason})` : ''}\n`
  );
  return runtime;
}
