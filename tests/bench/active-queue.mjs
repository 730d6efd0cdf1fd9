#!/usr/bin/env node
/**
 * Labeling-queue benchmark launcher: bundles tests/bench/active-queue.ts with esbuild and runs it on the Node runtime
 * we ship, forwarding the flags. Not a test: it prints ordering times for 100,000 items next to a numpy peer.
 *
 *   node tests/bench/active-queue.mjs [--items 100000] [--cols 32] [--runs 15] [--no-peers]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeRuntimePath } from '../../scripts/node-runtime.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, '.cache', 'bench', 'active-queue.cjs');
await build({
  entryPoints: [join(root, 'tests', 'bench', 'active-queue.ts')],
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
