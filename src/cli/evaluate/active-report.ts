/**
 * Summaries of the active-learning simulation: per pool and strategy, the labels needed to reach the target averaged
 * over seeds, and the ratio to random sampling (the named baseline; the bar is ≤ 33%).
 */
import { type SamplingStrategy, SAMPLING_STRATEGIES, type SeedRun } from 'ml/active/simulation';
import { fixed, formatTable } from './report';

export interface StrategySummary {
  strategy: SamplingStrategy;
  /** Mean over seeds. */
  labelsNeeded: number;
  labelsNeededPerSeed: number[];
  /** Mean labels needed / mean training-pool size. */
  shareOfPool: number;
  /** Mean labels needed / random's mean labels needed. */
  ratioToRandom: number;
  /** Seeds in which the target was held before the whole pool was labeled. */
  seedsReachedEarly: number;
}

export interface PoolSummary {
  pool: string;
  items: number;
  /** Per class, in the whole pool. */
  classCounts: number[];
  trainItems: number;
  testItems: number;
  fullF1: number;
  target: number;
  seeds: number;
  strategies: StrategySummary[];
  seconds: number;
}

export function summarisePool(
  pool: string,
  items: number,
  classCounts: number[],
  runs: SeedRun[],
  seconds: number
): PoolSummary {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const trainItems = mean(runs.map((r) => r.trainItems));
  const needed = (strategy: SamplingStrategy) =>
    runs.map((r) => r.runs.find((s) => s.strategy === strategy)?.labelsNeeded ?? NaN);
  const randomMean = mean(needed('random'));
  const strategies = SAMPLING_STRATEGIES.filter((s) => runs.every((r) => r.runs.some((x) => x.strategy === s))).map(
    (strategy): StrategySummary => {
      const perSeed = needed(strategy);
      const labelsNeeded = mean(perSeed);
      return {
        strategy,
        labelsNeeded,
        labelsNeededPerSeed: perSeed,
        shareOfPool: labelsNeeded / trainItems,
        ratioToRandom: labelsNeeded / randomMean,
        seedsReachedEarly: runs.filter((r) => r.runs.find((s) => s.strategy === strategy)?.reachedEarly).length,
      };
    }
  );
  return {
    pool,
    items,
    classCounts,
    trainItems,
    testItems: mean(runs.map((r) => r.testItems)),
    fullF1: mean(runs.map((r) => r.fullF1)),
    target: mean(runs.map((r) => r.target)),
    seeds: runs.length,
    strategies,
    seconds,
  };
}

/** Geometric mean over pools of a strategy's ratio to random (each pool weighs the same whatever its size). */
export function geometricMeanRatio(pools: PoolSummary[], strategy: SamplingStrategy): number {
  const ratios = pools
    .map((p) => p.strategies.find((s) => s.strategy === strategy)?.ratioToRandom ?? NaN)
    .filter((r) => r > 0 && Number.isFinite(r));
  return ratios.length === 0 ? NaN : Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
}

export function renderActiveLearning(pools: PoolSummary[], hold: number): string {
  const header = [
    'pool',
    'train/test',
    'full F1',
    'target',
    'strategy',
    'labels',
    '± sd',
    '% pool',
    'vs random',
    'early',
  ];
  const rows: string[][] = [];
  for (const p of pools) {
    p.strategies.forEach((s, i) => {
      rows.push([
        i === 0 ? p.pool : '',
        i === 0 ? `${Math.round(p.trainItems)}/${Math.round(p.testItems)}` : '',
        i === 0 ? fixed(p.fullF1, 3) : '',
        i === 0 ? fixed(p.target, 3) : '',
        s.strategy,
        fixed(s.labelsNeeded, 1),
        fixed(standardDeviation(s.labelsNeededPerSeed), 1),
        fixed(100 * s.shareOfPool, 1),
        s.strategy === 'random' ? '—' : `${fixed(100 * s.ratioToRandom, 1)}%`,
        `${s.seedsReachedEarly}/${p.seeds}`,
      ]);
    });
  }
  const geo = SAMPLING_STRATEGIES.filter((s) => s !== 'random').map(
    (s) => `${s}: ${fixed(100 * geometricMeanRatio(pools, s), 1)}%`
  );
  return (
    formatTable(header, rows) +
    `\nlabels: first labeled count from which F1 stays ≥ 95% of the fully labeled model's F1 for ${hold} rounds ` +
    `(mean over seeds; "early" = seeds where that happened before the whole pool was labeled)\n` +
    `geometric mean of the ratio to random over pools — ${geo.join(', ')} (bar ≤ 33%)\n`
  );
}

function standardDeviation(xs: number[]): number {
  if (xs.length < 2) {
    return 0;
  }
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) * (x - m), 0) / (xs.length - 1));
}
