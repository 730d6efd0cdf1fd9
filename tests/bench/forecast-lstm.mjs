#!/usr/bin/env node
/**
 * LSTM benchmark launcher: bundles tests/bench/forecast-lstm.ts with esbuild and runs it on the Node runtime we
 * ship, forwarding the flags. Not a test: it prints accuracy and fit time per budget next to its peers.
 *
 *   node tests/bench/forecast-lstm.mjs [--data ../shared/datasets] [--series 40] [--budgets 100,300,1000] [--no-peers]
 */
import { runTypeScriptBench } from './run-typescript-bench.mjs';

await runTypeScriptBench('forecast-lstm');
