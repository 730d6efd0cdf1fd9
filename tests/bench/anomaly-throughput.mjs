#!/usr/bin/env node
/**
 * Anomaly throughput benchmark launcher: bundles tests/bench/anomaly-throughput.ts with esbuild and runs it on the
 * Node runtime we ship. Not a test: it prints points/s of the warm anomaly ensemble next to scikit-learn's
 * IsolationForest.score_samples on the same data, in the same run.
 *
 *   node tests/bench/anomaly-throughput.mjs [--points 300000] [--history 8640] [--no-peers]
 */
import { runTypeScriptBench } from './run-typescript-bench.mjs';

await runTypeScriptBench('anomaly-throughput');
