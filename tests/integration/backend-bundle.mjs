/**
 * Integration tests run on plain Node (the runtime we ship), outside jest, so they load the TypeScript backend
 * through an esbuild bundle of exactly the modules they exercise.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BACKEND_BUNDLE_OPTIONS } from '../../scripts/lib/backend-process.mjs';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundles `source` (TypeScript resolved from the repository root, `backend/...` imports allowed) and loads it. */
export async function loadBackend(name, source) {
  const esbuild = require('esbuild');
  const outDir = join(root, '.cache', 'integration');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}.cjs`);
  await esbuild.build({
    stdin: { contents: source, resolveDir: root, loader: 'ts', sourcefile: `${name}.ts` },
    outfile,
    ...BACKEND_BUNDLE_OPTIONS,
    sourcemap: 'inline',
  });
  delete require.cache[outfile];
  return require(outfile);
}
