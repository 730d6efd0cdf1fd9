#!/usr/bin/env node
/**
 * Anomaly throughput benchmark launcher: bundles tests/bench/anomaly-throughput.ts with esbuild and runs it on the
 * Node runtime we ship. Not a test: it prints points/s of the warm anomaly ensemble next to scikit-learn's
 * IsolationForest.score_samples on the same data, in the same run.
 *
 *   node tests/bench/anomaly-throughput.mjs [--points 300000] [--history 8640] [--no-peers]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeRuntimePath } from '../../scripts/node-runtime.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, '.cache', 'bench', 'anomaly-throughput.cjs');
await build({
  entryPoints: [join(root, 'tests', 'bench', 'anomaly-throughput.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  packages: 'external',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
});
const node = nodeRuntimePath(process.arch === 'arm64' ? 'arm64' : 'x64');
const run = spawnSync(node, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exitCode = run.status ?? 1;
