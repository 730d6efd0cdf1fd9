#!/usr/bin/env node
/**
 * Anomaly worker pool benchmark launcher: bundles the scoring worker as the backend build does, then runs
 * tests/bench/anomaly-workers.ts on the Node runtime we ship. Not a test: it prints wall time and the main
 * thread's longest event-loop gap for cold series scored inline and by worker pools of the given sizes.
 *
 *   node tests/bench/anomaly-workers.mjs [--series 100] [--workers 1,2]
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

import { BACKEND_BUNDLE_OPTIONS } from '../../scripts/lib/backend-process.mjs';
import { runTypeScriptBench } from './run-typescript-bench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workerBundle = join(root, '.cache', 'bench', 'anomaly-worker.cjs');
mkdirSync(dirname(workerBundle), { recursive: true });
await build({
  ...BACKEND_BUNDLE_OPTIONS,
  entryPoints: [join(root, 'src', 'backend', 'query', 'anomaly', 'workers', 'worker-main.ts')],
  outfile: workerBundle,
});
process.env.TRACEO_ANOMALY_WORKER_BUNDLE = workerBundle;
await runTypeScriptBench('anomaly-workers');
