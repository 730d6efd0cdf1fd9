#!/usr/bin/env node
/**
 * LSTM benchmark launcher: bundles tests/bench/forecast-lstm.ts with esbuild and runs it on the Node runtime we
 * ship, forwarding the flags. Not a test: it prints accuracy and fit time per budget next to its peers.
 *
 *   node tests/bench/forecast-lstm.mjs [--data ../shared/datasets] [--series 40] [--budgets 100,300,1000] [--no-peers]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeRuntimePath } from '../../scripts/node-runtime.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, '.cache', 'bench', 'forecast-lstm.cjs');
await build({
  entryPoints: [join(root, 'tests', 'bench', 'forecast-lstm.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // tfjs stays in node_modules: its wasm binaries are found next to the package.
  packages: 'external',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
});
const node = nodeRuntimePath(process.arch === 'arm64' ? 'arm64' : 'x64');
const run = spawnSync(node, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exitCode = run.status ?? 1;
