/**
 * Reader for the Server Machine Dataset layout: `smd/train/<m>.txt.gz` and `smd/test/<m>.txt.gz` (38 comma-separated
 * values per line, no header), `smd/test_label/<m>.txt` (0/1 per test row) and `smd/interpretation_label/<m>.txt`
 * (`start-end:d1,d2,…`, rows [start, end) from 0, dimensions from 1).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface SmdSegment {
  start: number;
  /** Exclusive. */
  end: number;
  /** Dimensions blamed, 0-based. */
  dims: number[];
}

export interface SmdMachine {
  name: string;
  cols: number;
  train: Float64Array;
  trainRows: number;
  test: Float64Array;
  testRows: number;
  labels: Uint8Array;
  segments: SmdSegment[];
}

/** Parses the numeric text into a row-major matrix. */
export function parseSmdMatrix(text: string): { data: Float64Array; rows: number; cols: number } {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const cols = lines.length > 0 ? lines[0].split(',').length : 0;
  const data = new Float64Array(lines.length * cols);
  lines.forEach((line, r) => {
    const cells = line.split(',');
    if (cells.length !== cols) {
      throw new Error(`SMD line ${r + 1}: ${cells.length} values, expected ${cols}`);
    }
    for (let c = 0; c < cols; c++) {
      data[r * cols + c] = Number(cells[c]);
    }
  });
  return { data, rows: lines.length, cols };
}

export function parseInterpretation(text: string): SmdSegment[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((line) => {
      const m = /^(\d+)-(\d+):([\d,]+)$/.exec(line);
      if (!m) {
        throw new Error(`not an interpretation label: "${line}"`);
      }
      return { start: Number(m[1]), end: Number(m[2]), dims: m[3].split(',').map((d) => Number(d) - 1) };
    });
}

export function listSmdMachines(root: string): string[] {
  const dir = join(root, 'smd', 'test_label');
  if (!existsSync(dir)) {
    throw new Error(`no SMD data at ${join(root, 'smd')}; pass --data <datasets root>`);
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function loadSmdMachine(root: string, name: string): SmdMachine {
  const dir = join(root, 'smd');
  const read = (sub: string) =>
    parseSmdMatrix(gunzipSync(readFileSync(join(dir, sub, `${name}.txt.gz`))).toString('utf8'));
  const train = read('train');
  const test = read('test');
  const labels = Uint8Array.from(
    readFileSync(join(dir, 'test_label', `${name}.txt`), 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map(Number)
  );
  if (labels.length !== test.rows) {
    throw new Error(`${name}: ${labels.length} labels for ${test.rows} test rows`);
  }
  const interpretation = join(dir, 'interpretation_label', `${name}.txt`);
  return {
    name,
    cols: train.cols,
    train: train.data,
    trainRows: train.rows,
    test: test.data,
    testRows: test.rows,
    labels,
    segments: existsSync(interpretation) ? parseInterpretation(readFileSync(interpretation, 'utf8')) : [],
  };
}
