#!/usr/bin/env node
/**
 * Autoencoder cost benchmark launcher: bundles tests/bench/anomaly-autoencoder.ts with esbuild and runs it on the
 * Node runtime we ship. Not a test: it prints the detector's fit time on a 10k-point series and its per-point cost.
 *
 *   node tests/bench/anomaly-autoencoder.mjs [--points 10000] [--stream 100000] [--backend wasm|cpu] [--repeats 3]
 */
import { runTypeScriptBench } from './run-typescript-bench.mjs';

await runTypeScriptBench('anomaly-autoencoder');
