#!/usr/bin/env node
/**
 * Forecast benchmark launcher: bundles tests/bench/forecast-m4.ts with esbuild and runs it on the Node runtime we
 * ship, forwarding the flags. Not a test: it prints times and accuracy next to statsmodels and Prophet.
 *
 *   node tests/bench/forecast-m4.mjs [--data ../shared/datasets] [--prophet-series 20] [--no-peers]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeRuntimePath } from '../../scripts/node-runtime.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, '.cache', 'bench', 'forecast-m4.cjs');
await build({
  entryPoints: [join(root, 'tests', 'bench', 'forecast-m4.ts')],
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
