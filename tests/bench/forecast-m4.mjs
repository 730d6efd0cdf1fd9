#!/usr/bin/env node
/**
 * Forecast benchmark launcher: bundles tests/bench/forecast-m4.ts with esbuild and runs it on the Node runtime we
 * ship, forwarding the flags. Not a test: it prints times and accuracy next to statsmodels and Prophet.
 *
 *   node tests/bench/forecast-m4.mjs [--data ../shared/datasets] [--prophet-series 20] [--no-peers]
 */
import { runTypeScriptBench } from './run-typescript-bench.mjs';

await runTypeScriptBench('forecast-m4');
