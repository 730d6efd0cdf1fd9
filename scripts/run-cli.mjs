#!/usr/bin/env node
/**
 * Runs the `traceo-ml` CLI: bundles src/cli/main.ts with esbuild into .cache/cli/traceo-ml.cjs, then executes it
 * with the Node runtime we ship (scripts/node-runtime.mjs), forwarding arguments, signals and the exit code.
 *
 *   node scripts/run-cli.mjs <command> [subcommand] [--flags]
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeRuntimePath } from './node-runtime.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, '.cache', 'cli', 'traceo-ml.cjs');

await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: 'inline',
  // Dependencies stay in node_modules: the CLI runs from a checkout, and tfjs' wasm files must resolve on disk.
  packages: 'external',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
});

const node = nodeRuntimePath(process.arch === 'arm64' ? 'arm64' : 'x64');
const child = spawn(node, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 128 : 1);
});
