/**
 * Reader for the M4 competition CSVs (`Hourly-train.csv`, `Hourly-test.csv`): a quoted header line, then one
 * series per line as `"id","v1","v2",...` with trailing empty unquoted cells padding the shorter rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface M4Series {
  id: string;
  train: Float64Array;
  test: Float64Array;
}

export const M4_HOURLY = { folder: 'm4-hourly', horizon: 48, period: 24 } as const;

/** Parses one M4 CSV into id → values, skipping the header and the padding cells. */
export function parseM4Csv(text: string): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length === 0) {
      continue;
    }
    const cells = line.split(',');
    const id = unquote(cells[0]);
    const values: number[] = [];
    for (let c = 1; c < cells.length; c++) {
      const cell = unquote(cells[c]);
      if (cell.length === 0) {
        continue;
      }
      const v = Number(cell);
      if (!Number.isFinite(v)) {
        throw new Error(`M4 CSV line ${i + 1}: "${cells[c]}" is not a number`);
      }
      values.push(v);
    }
    out.set(id, Float64Array.from(values));
  }
  return out;
}

/** Loads train and test of m4-hourly under the dataset root, matched by id (never by line number). */
export function loadM4Hourly(dataRoot: string): M4Series[] {
  const dir = join(dataRoot, M4_HOURLY.folder);
  const train = parseM4Csv(readFileSync(join(dir, 'Hourly-train.csv'), 'utf8'));
  const test = parseM4Csv(readFileSync(join(dir, 'Hourly-test.csv'), 'utf8'));
  const series: M4Series[] = [];
  for (const [id, values] of train) {
    const future = test.get(id);
    if (!future) {
      throw new Error(`${id} is in Hourly-train.csv but not in Hourly-test.csv`);
    }
    series.push({ id, train: values, test: future });
  }
  return series;
}

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}
