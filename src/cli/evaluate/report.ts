/** Small helpers shared by the evaluation commands: dataset root resolution, output, tables. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../args';

export const DEFAULT_DATA_ROOT = '../shared/datasets';

/** Resolves `--data` (default ../shared/datasets from the working directory) and says clearly when it is missing. */
export function resolveDataRoot(flag: string | undefined, dataset: string): string {
  const root = resolve(flag ?? DEFAULT_DATA_ROOT);
  if (!existsSync(resolve(root, dataset))) {
    throw new UsageError(
      `dataset "${dataset}" not found under ${root}` +
        (flag === undefined ? ` (default --data ${DEFAULT_DATA_ROOT}; pass --data <datasets root>)` : '')
    );
  }
  return root;
}

export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export function writeJson(path: string, value: unknown): void {
  writeText(path, JSON.stringify(value, null, 2) + '\n');
}

/** A plain aligned text table: first column left-aligned, the others right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

export function fixed(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}
