/**
 * The worker bundle for tests. Jest runs TypeScript through its own transform, which a worker thread does not
 * have, so tests bundle worker-main.ts as the build does and start real workers from it. esbuild runs as its
 * command-line tool in a process of its own: its JS API refuses the typed arrays of jest's sandbox.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..', '..', '..', '..');

let code: string | undefined;

export function testWorkerCode(): string {
  code ??= execFileSync(
    join(root, 'node_modules', '.bin', 'esbuild'),
    [
      join(__dirname, '..', 'worker-main.ts'),
      '--bundle',
      '--platform=node',
      '--format=cjs',
      `--target=node${process.versions.node.split('.')[0]}`,
      `--tsconfig=${join(root, 'tsconfig.json')}`,
      '--log-level=warning',
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }
  );
  return code;
}
