/**
 * Labeling-queue benchmark: time for `rankForLabeling` to order 100,000 unlabeled items (bar: ≤ 200 ms), next to the
 * same two-stage algorithm written with numpy (vectorised uncertainty, argpartition, k-center greedy), run in the
 * same run from the bench venv. Absolute times on a shared machine are noise; the ratio is the number to read.
 *
 *   node tests/bench/active-queue.mjs [--items 100000] [--cols 32] [--runs 15] [--no-peers]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rankForLabeling, type RankForLabelingOptions } from '../../src/ml/active';
import { gaussian, mulberry32 } from '../../src/ml/stats';

const VENV = join('.cache', 'bench-venv');
const WORK = join('.cache', 'bench', 'active-queue');

interface Case {
  name: string;
  classes: number;
  options: RankForLabelingOptions;
  labeledRows: number;
}

const CASES: Case[] = [
  { name: '2 classes, batch 10', classes: 2, options: { batchSize: 10 }, labeledRows: 0 },
  { name: '2 classes, batch 50', classes: 2, options: { batchSize: 50 }, labeledRows: 0 },
  { name: '2 classes, batch 10, 2,000 labeled', classes: 2, options: { batchSize: 10 }, labeledRows: 2000 },
  { name: '9 classes, batch 10', classes: 9, options: { batchSize: 10 }, labeledRows: 0 },
  { name: 'uncertainty only, batch 10', classes: 2, options: { batchSize: 10, diversityWeight: 0 }, labeledRows: 0 },
];

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Items in 50 loose clusters (near-duplicates abound, as in a real queue), and probabilities from a softmax. */
function makePool(items: number, cols: number, classes: number, seed: number) {
  const rng = mulberry32(seed);
  const centres = Float64Array.from({ length: 50 * cols }, () => 3 * gaussian(rng));
  const features = new Float64Array(items * cols);
  for (let i = 0; i < items; i++) {
    const c = Math.floor(rng() * 50);
    for (let d = 0; d < cols; d++) {
      features[i * cols + d] = centres[c * cols + d] + gaussian(rng);
    }
  }
  const probabilities = new Float64Array(items * classes);
  for (let i = 0; i < items; i++) {
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      const e = Math.exp(2 * gaussian(rng));
      probabilities[i * classes + k] = e;
      sum += e;
    }
    for (let k = 0; k < classes; k++) {
      probabilities[i * classes + k] /= sum;
    }
  }
  return { features, probabilities };
}

function timeCase(items: number, cols: number, runs: number, c: Case) {
  const { features, probabilities } = makePool(items, cols, c.classes, 1);
  const labeled = c.labeledRows > 0 ? makePool(c.labeledRows, cols, 2, 2).features : undefined;
  const times: number[] = [];
  for (let r = 0; r < runs + 3; r++) {
    const started = performance.now();
    rankForLabeling(features, items, cols, probabilities, c.classes, {
      ...c.options,
      labeledFeatures: labeled,
      seed: r,
    });
    if (r >= 3) {
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  return {
    median: times[times.length >> 1],
    p95: times[Math.min(times.length - 1, Math.floor(0.95 * times.length))],
    features,
    probabilities,
    labeled,
  };
}

function peer(items: number, cols: number, runs: number, c: Case, pool: ReturnType<typeof timeCase>): number | string {
  const python = join(VENV, 'bin', 'python');
  if (!existsSync(python)) {
    const venv = spawnSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
    if (venv.status !== 0) {
      return 'python3 -m venv failed';
    }
  }
  if (spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' }).status !== 0) {
    const pip = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'numpy'], {
      stdio: 'inherit',
    });
    if (pip.status !== 0) {
      return 'numpy could not be installed';
    }
  }
  mkdirSync(WORK, { recursive: true });
  writeFileSync(join(WORK, 'features.f64'), Buffer.from(pool.features.buffer));
  writeFileSync(join(WORK, 'probabilities.f64'), Buffer.from(pool.probabilities.buffer));
  writeFileSync(join(WORK, 'labeled.f64'), Buffer.from((pool.labeled ?? new Float64Array(0)).buffer));
  const args = [
    join('tests', 'bench', 'active_queue_peer.py'),
    WORK,
    String(items),
    String(cols),
    String(c.classes),
    String(c.options.batchSize ?? 10),
    String(c.options.diversityWeight ?? 0.3),
    String(runs),
  ];
  const run = spawnSync(python, args, { encoding: 'utf8' });
  if (run.status !== 0) {
    return `numpy peer failed: ${run.stderr.trim().split('\n').pop() ?? ''}`;
  }
  return Number(run.stdout.trim());
}

const items = flag('items', 100_000);
const cols = flag('cols', 32);
const runs = flag('runs', 15);
const peers = !process.argv.includes('--no-peers');
process.stdout.write(
  `rankForLabeling: ${items.toLocaleString('en')} items × ${cols} features, median of ${runs} runs\n\n`
);
const rows: string[][] = [];
for (const c of CASES) {
  const ours = timeCase(items, cols, runs, c);
  const theirs = peers ? peer(items, cols, runs, c, ours) : 'skipped';
  rows.push([
    c.name,
    ours.median.toFixed(1),
    ours.p95.toFixed(1),
    typeof theirs === 'number' ? theirs.toFixed(1) : theirs,
    typeof theirs === 'number' ? `${(ours.median / theirs).toFixed(2)}×` : '—',
    ours.median <= 200 ? 'yes' : 'NO',
  ]);
}
const header = ['case', 'ours ms', 'p95 ms', 'numpy ms', 'ours/numpy', '≤ 200 ms'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) =>
  cells.map((s, i) => (i === 0 ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join('  ');
process.stdout.write([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n');
