/**
 * PetShop issues as an active-learning pool (multi-class): one item per injected issue, described by how every
 * component's latency, availability and request count moved across the target time (rows after vs rows before, as a
 * compressed relative change); label = the root-cause component. Columns are matched by (node, metric, statistic),
 * never by position, since column sets differ between files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabeledPool } from 'ml/active/simulation';

export interface PetshopColumn {
  node: string;
  metric: string;
  statistic: string;
}

export interface PetshopIssue {
  /** `<scenario>/<issue>`. */
  id: string;
  rootCause: string;
  targetTime: number;
  columns: PetshopColumn[];
  times: Float64Array;
  /** Row-major `times.length × columns.length`; NaN where the cell is empty. */
  values: Float64Array;
}

interface IssueIndexEntry {
  scenario: string;
  original_split: string;
  issue: string;
  root_cause_node: string;
  target_timestamp: number;
}

/** The per-component signals compared across the target time. */
export const PETSHOP_SIGNALS: ReadonlyArray<Pick<PetshopColumn, 'metric' | 'statistic'>> = [
  { metric: 'latency', statistic: 'Average' },
  { metric: 'availability', statistic: 'Average' },
  { metric: 'requests', statistic: 'Sum' },
];

/** Parses a metrics.csv: four header lines (microservice, metric, statistic, unix_timestamp marker), then data. */
export function parsePetshopMetrics(text: string): Pick<PetshopIssue, 'columns' | 'times' | 'values'> {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (i: number, name: string) => {
    const cells = lines[i]?.split(',') ?? [];
    if (cells[0] !== name) {
      throw new Error(`metrics.csv line ${i + 1}: expected "${name}", got "${cells[0] ?? ''}"`);
    }
    return cells.slice(1);
  };
  const nodes = header(0, 'microservice');
  const metrics = header(1, 'metric');
  const statistics = header(2, 'statistic');
  header(3, 'unix_timestamp');
  const columns = nodes.map((node, c) => ({ node, metric: metrics[c], statistic: statistics[c] }));
  const rows = lines.length - 4;
  const times = new Float64Array(rows);
  const values = new Float64Array(rows * columns.length).fill(NaN);
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 4].split(',');
    times[r] = Number(cells[0]);
    for (let c = 0; c < columns.length; c++) {
      const cell = cells[c + 1];
      if (cell !== undefined && cell !== '') {
        values[r * columns.length + c] = Number(cell);
      }
    }
  }
  return { columns, times, values };
}

/** Every issue listed in `<root>/rca/petshop/issues_index.json`. */
export function loadPetshopIssues(root: string): PetshopIssue[] {
  const dir = join(root, 'rca', 'petshop');
  const indexPath = join(dir, 'issues_index.json');
  if (!existsSync(indexPath)) {
    throw new Error(`no PetShop data at ${dir} (issues_index.json missing); pass --data <datasets root>`);
  }
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { issues: IssueIndexEntry[] };
  return index.issues.map((entry) => {
    const folder = join(dir, entry.scenario, entry.original_split, entry.issue);
    return {
      id: `${entry.scenario}/${entry.issue}`,
      rootCause: entry.root_cause_node,
      targetTime: entry.target_timestamp,
      ...parsePetshopMetrics(readFileSync(join(folder, 'metrics.csv'), 'utf8')),
    };
  });
}

/**
 * One row per issue. Components are those present in at least `minNodeShare` of the issue files (a component seen
 * once cannot be learned from); a signal missing in one file is NaN (the classifier treats it as average).
 */
export function buildPetshopPool(
  issues: PetshopIssue[],
  minNodeShare = 0.5
): { pool: LabeledPool; classNames: string[]; featureNames: string[] } {
  const seen = new Map<string, number>();
  for (const issue of issues) {
    for (const node of new Set(issue.columns.map((c) => c.node))) {
      seen.set(node, (seen.get(node) ?? 0) + 1);
    }
  }
  const nodes = [...seen.keys()].filter((n) => (seen.get(n) ?? 0) >= minNodeShare * issues.length).sort();
  const featureNames = nodes.flatMap((node) => PETSHOP_SIGNALS.map((s) => `${node}:${s.metric}:${s.statistic}`));
  const classNames = [...new Set(issues.map((i) => i.rootCause))].sort();
  const cols = featureNames.length;
  const features = new Float64Array(issues.length * cols);
  issues.forEach((issue, r) => {
    const byKey = new Map(issue.columns.map((c, i) => [`${c.node}:${c.metric}:${c.statistic}`, i]));
    featureNames.forEach((key, f) => {
      const column = byKey.get(key);
      features[r * cols + f] = column === undefined ? NaN : changeAcrossTarget(issue, column);
    });
  });
  const labels = Int32Array.from(issues, (i) => classNames.indexOf(i.rootCause));
  return {
    pool: { name: 'petshop', features, rows: issues.length, cols, labels, classes: classNames.length },
    classNames,
    featureNames,
  };
}

/**
 * asinh of the relative change of a column's mean from the rows before the target time to the rows at or after it;
 * NaN when either side has no value.
 */
export function changeAcrossTarget(issue: PetshopIssue, column: number): number {
  const cols = issue.columns.length;
  let before = 0;
  let nBefore = 0;
  let after = 0;
  let nAfter = 0;
  for (let r = 0; r < issue.times.length; r++) {
    const v = issue.values[r * cols + column];
    if (Number.isNaN(v)) {
      continue;
    }
    if (issue.times[r] < issue.targetTime) {
      before += v;
      nBefore++;
    } else {
      after += v;
      nAfter++;
    }
  }
  if (nBefore === 0 || nAfter === 0) {
    return NaN;
  }
  before /= nBefore;
  after /= nAfter;
  return Math.asinh((after - before) / (Math.abs(before) + 1e-9));
}
