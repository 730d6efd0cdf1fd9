/**
 * Reader for the Numenta Anomaly Benchmark layout: `nab/data/<category>/<name>.csv` (header `timestamp,value`,
 * zone-less timestamps read as UTC), `nab/labels.json` (NAB's combined_windows.json: inclusive windows per file).
 * Rows stay in file order: timestamps may repeat or step back, and NAB's scorer is defined on row order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface NabFile {
  /** `<category>/<name>.csv`, the key used by labels.json. */
  key: string;
  category: string;
  name: string;
  /** Raw timestamp text, kept for the results files. */
  timestampText: string[];
  /** Unix seconds. */
  times: Float64Array;
  values: Float64Array;
  /** Inclusive [start, end] in Unix seconds. */
  windows: Array<[number, number]>;
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` as UTC → Unix seconds (fractions kept). */
export function parseNabTimestamp(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(text.trim());
  if (!m) {
    throw new Error(`not a NAB timestamp: "${text}"`);
  }
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return ms / 1000 + (m[7] ? Number(m[7]) : 0);
}

export function parseNabCsv(text: string): { timestampText: string[]; times: Float64Array; values: Float64Array } {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines[0]?.trim() !== 'timestamp,value') {
    throw new Error(`expected the header "timestamp,value", got "${lines[0] ?? ''}"`);
  }
  const n = lines.length - 1;
  const timestampText: string[] = new Array(n);
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const line = lines[i + 1];
    const comma = line.indexOf(',');
    timestampText[i] = line.slice(0, comma);
    times[i] = parseNabTimestamp(timestampText[i]);
    values[i] = Number(line.slice(comma + 1));
  }
  return { timestampText, times, values };
}

/** Loads every labelled file under `<root>/nab`, optionally only the given categories, sorted by key. */
export function loadNabCorpus(root: string, categories?: string[]): NabFile[] {
  const dir = join(root, 'nab');
  const labelsPath = join(dir, 'labels.json');
  if (!existsSync(labelsPath)) {
    throw new Error(`no NAB corpus at ${dir} (labels.json missing); pass --data <datasets root>`);
  }
  const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as Record<string, Array<[string, string]>>;
  const files: NabFile[] = [];
  for (const category of readdirSync(join(dir, 'data')).sort()) {
    if (categories && !categories.includes(category)) {
      continue;
    }
    for (const name of readdirSync(join(dir, 'data', category)).sort()) {
      const key = `${category}/${name}`;
      const windows = labels[key];
      if (!name.endsWith('.csv') || windows === undefined) {
        continue;
      }
      const parsed = parseNabCsv(readFileSync(join(dir, 'data', category, name), 'utf8'));
      files.push({
        key,
        category,
        name,
        ...parsed,
        windows: windows.map(([a, b]) => [parseNabTimestamp(a), parseNabTimestamp(b)]),
      });
    }
  }
  return files;
}
