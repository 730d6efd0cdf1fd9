import type * as tfjs from '@tensorflow/tfjs';

/**
 * Loading TensorFlow.js for the optional networks (the LSTM forecaster, the anomaly ensemble's autoencoder). tfjs is
 * big and slow to initialise, and only queries that ask for a network need it, so it is imported dynamically here
 * and nowhere else: importing `ml/forecast` or `ml/ensemble` costs nothing until someone awaits `loadTensorflow`.
 * Training then runs synchronously on the loaded runtime, which lets the networks implement the same synchronous
 * contracts as every other model (`Forecaster`, the ensemble's `fit`).
 *
 * Backend: WebAssembly when its `.wasm` binaries can be found (an order of magnitude less per-op overhead than the
 * pure JavaScript `cpu` kernels on the small tensors of a per-series model), else `cpu`. The engine and its backend
 * are process-wide in tfjs, so the first successful load wins and later calls share it.
 */
export type Tf = typeof tfjs;

export type TfBackendName = 'wasm' | 'cpu';

export interface TensorflowOptions {
  /** Preferred backend (default `wasm`, falling back to `cpu` when it cannot start). */
  backend?: TfBackendName;
  /**
   * Directory (or URL prefix) holding `tfjs-backend-wasm*.wasm`, ending with a separator. Resolved by the caller:
   * the ML core does no I/O, and only the host knows where its bundle put the binaries. Without it the wasm
   * backend is not tried.
   */
  wasmPaths?: string;
}

export interface TensorflowRuntime {
  readonly tf: Tf;
  readonly backend: TfBackendName;
  /** Why the preferred backend was not used, when it was not. */
  readonly fallbackReason?: string;
}

let loading: Promise<TensorflowRuntime> | null = null;

/** Loads tfjs once per process and selects its backend; later calls get the same runtime whatever they ask. */
export function loadTensorflow(options: TensorflowOptions = {}): Promise<TensorflowRuntime> {
  if (loading === null) {
    loading = initialise(options).catch((error: unknown) => {
      // A failed load must not poison the process: the next call retries.
      loading = null;
      throw error;
    });
  }
  return loading;
}

async function initialise(options: TensorflowOptions): Promise<TensorflowRuntime> {
  const tf: Tf = await import('@tensorflow/tfjs');
  // Production mode skips per-op debug checks and silences the "install tfjs-node" banner (which goes to the
  // console; the plugin's stdout belongs to Grafana's handshake).
  tf.enableProdMode();
  const wanted = options.backend ?? 'wasm';
  let fallbackReason: string | undefined;
  if (wanted === 'wasm') {
    fallbackReason = await tryWasm(tf, options.wasmPaths);
    if (fallbackReason === undefined) {
      return runtimeOf(tf, 'wasm');
    }
  }
  if (!(await tf.setBackend('cpu'))) {
    throw new Error('TensorFlow.js could not start its cpu backend');
  }
  await tf.ready();
  return runtimeOf(tf, 'cpu', fallbackReason);
}

/**
 * The runtime object handed to models. Its `tf` is not enumerable: a runtime travels inside models' options, and
 * whatever walks a model's own properties (the backend's model cache measures models so) must not walk into the
 * process-wide tfjs module and its WebAssembly memory (16 MB) as if each model owned a copy.
 */
function runtimeOf(tf: Tf, backend: TfBackendName, fallbackReason?: string): TensorflowRuntime {
  const runtime = fallbackReason === undefined ? { backend } : { backend, fallbackReason };
  return Object.defineProperty(runtime, 'tf', { value: tf, enumerable: false }) as TensorflowRuntime;
}

/** Starts the wasm backend; undefined on success, else the reason it could not start. */
async function tryWasm(tf: Tf, wasmPaths: string | undefined): Promise<string | undefined> {
  if (wasmPaths === undefined) {
    return 'no wasmPaths given for the wasm backend';
  }
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(wasmPaths);
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return undefined;
    }
    return `the wasm backend did not start from ${wasmPaths}`;
  } catch (error) {
    return `the wasm backend failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
