/**
 * Runs a TypeScript benchmark (`tests/bench/<name>.ts`) on the Node runtime we ship: bundles it with esbuild
 * (npm packages stay in node_modules, so tfjs finds its wasm binaries next to its package) and forwards the
 * command-line flags and the exit code.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

import { BACKEND_BUNDLE_OPTIONS } from '../../scripts/lib/backend-process.mjs';
import { nodeRuntimePath } from '../../scripts/node-runtime.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function runTypeScriptBench(name) {
  const outfile = join(root, '.cache', 'bench', `${name}.cjs`);
  await build({
    ...BACKEND_BUNDLE_OPTIONS,
    entryPoints: [join(root, 'tests', 'bench', `${name}.ts`)],
    outfile,
    packages: 'external',
  });
  const node = nodeRuntimePath(process.arch === 'arm64' ? 'arm64' : 'x64');
  const run = spawnSync(node, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  process.exitCode = run.status ?? 1;
}
