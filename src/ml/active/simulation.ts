/**
 * Pool-based active-learning simulation with an oracle: how many labels a sampling strategy needs before a model
 * trained on them reaches a target F1 on a held-out split.
 *
 * Protocol (the same for every strategy, so only the choice of items differs):
 *  - a stratified split of the pool into a training pool (unlabeled, oracle labels hidden) and a test split;
 *  - the target is `targetShare` (95%) of the F1 of the same classifier trained on the whole training pool;
 *  - start from `seedSize` random labels (the same seed set for every strategy), then each round fit, evaluate on the
 *    test split and label `batchSize` more items chosen by the strategy;
 *  - "labels needed" is the first labeled count from which F1 stays at or above the target for `hold` evaluations in a
 *    row (a single lucky round does not count), or the whole pool when it never does earlier.
 */
import { mulberry32, type Rng } from '../stats/random';
import { f1Score } from './f1';
import { rankForLabeling } from './rank-for-labeling';
import { argmaxRows } from './predictions';
import { RandomForestClassifier } from './random-forest';
import type { UncertaintyMeasure } from './uncertainty';

export type SamplingStrategy = 'random' | 'uncertainty' | 'uncertainty+diversity';

export const SAMPLING_STRATEGIES: readonly SamplingStrategy[] = ['random', 'uncertainty', 'uncertainty+diversity'];

/** Items with oracle labels: row-major `rows × cols` features, a class in 0…classes−1 per row. */
export interface LabeledPool {
  name: string;
  features: Float64Array;
  rows: number;
  cols: number;
  labels: Int32Array;
  classes: number;
}

export interface ProbabilisticClassifier {
  fit(x: Float64Array, rows: number, cols: number, y: Int32Array, classes: number): unknown;
  predictProbabilities(x: Float64Array, rows: number): Float64Array;
}

export interface SimulationOptions {
  seedSize: number;
  batchSize: number;
  testFraction: number;
  targetShare: number;
  hold: number;
  diversityWeight: number;
  measure: UncertaintyMeasure;
  candidateFactor: number;
  createClassifier: () => ProbabilisticClassifier;
}

export const DEFAULT_SIMULATION_OPTIONS: SimulationOptions = {
  seedSize: 10,
  batchSize: 10,
  testFraction: 0.3,
  targetShare: 0.95,
  hold: 3,
  diversityWeight: 0.3,
  measure: 'margin',
  candidateFactor: 10,
  createClassifier: () => new RandomForestClassifier(),
};

export interface LearningCurve {
  /** Labeled count at each evaluation. */
  labels: number[];
  f1: number[];
}

export interface StrategyRun {
  strategy: SamplingStrategy;
  labelsNeeded: number;
  /** False when the target was held only once the whole training pool was labeled. */
  reachedEarly: boolean;
  curve: LearningCurve;
}

export interface SeedRun {
  seed: number;
  trainItems: number;
  testItems: number;
  fullF1: number;
  target: number;
  runs: StrategyRun[];
}

/** One seed of the simulation: split, full-pool reference, then every strategy from the same seed set. */
export function simulateSeed(
  pool: LabeledPool,
  seed: number,
  strategies: readonly SamplingStrategy[] = SAMPLING_STRATEGIES,
  options: SimulationOptions = DEFAULT_SIMULATION_OPTIONS
): SeedRun {
  const rng = mulberry32(seed);
  const { train, test } = stratifiedSplit(pool.labels, pool.classes, options.testFraction, rng);
  const testX = gatherRows(pool.features, pool.cols, test);
  const testY = gatherLabels(pool.labels, test);
  const fit = (labeled: Int32Array): ProbabilisticClassifier => {
    const model = options.createClassifier();
    const x = gatherRows(pool.features, pool.cols, labeled);
    model.fit(x, labeled.length, pool.cols, gatherLabels(pool.labels, labeled), pool.classes);
    return model;
  };
  const evaluate = (model: ProbabilisticClassifier): number => {
    const predicted = argmaxRows(model.predictProbabilities(testX, test.length), test.length, pool.classes);
    return f1Score(testY, predicted, pool.classes);
  };
  const loop: LoopContext = { pool, train, seedSet: new Int32Array(0), target: 0, options, fit, evaluate, seed };
  const fullF1 = evaluate(fit(train));
  loop.target = options.targetShare * fullF1;
  loop.seedSet = shuffled(train, rng).subarray(0, Math.min(train.length, options.seedSize));
  const runs = strategies.map((strategy) => runStrategy(loop, strategy));
  return { seed, trainItems: train.length, testItems: test.length, fullF1, target: loop.target, runs };
}

/** Everything a strategy's loop shares with the others in one seed. */
interface LoopContext {
  pool: LabeledPool;
  train: Int32Array;
  seedSet: Int32Array;
  target: number;
  options: SimulationOptions;
  fit: (labeled: Int32Array) => ProbabilisticClassifier;
  evaluate: (model: ProbabilisticClassifier) => number;
  seed: number;
}

function runStrategy(loop: LoopContext, strategy: SamplingStrategy): StrategyRun {
  const { pool, train, target, options, seed } = loop;
  const isLabeled = new Uint8Array(pool.rows);
  const labeled: number[] = [];
  const label = (i: number) => {
    isLabeled[i] = 1;
    labeled.push(i);
  };
  loop.seedSet.forEach(label);
  // Random sampling draws from one fixed shuffle of the pool (its own stream, so it does not depend on the rounds).
  const randomOrder = shuffled(train, mulberry32(seed * 7919 + 17));
  let randomCursor = 0;
  const curve: LearningCurve = { labels: [], f1: [] };
  for (let round = 0; ; round++) {
    const labeledIds = Int32Array.from(labeled);
    const model = loop.fit(labeledIds);
    curve.labels.push(labeled.length);
    curve.f1.push(loop.evaluate(model));
    const needed = labelsToTarget(curve, target, options.hold);
    if (needed !== undefined || labeled.length >= train.length) {
      return {
        strategy,
        labelsNeeded: needed ?? train.length,
        reachedEarly: needed !== undefined && needed < train.length,
        curve,
      };
    }
    const unlabeled = train.filter((i) => !isLabeled[i]);
    const batch = Math.min(options.batchSize, unlabeled.length);
    if (strategy === 'random') {
      for (let added = 0; added < batch; randomCursor++) {
        const i = randomOrder[randomCursor];
        if (!isLabeled[i]) {
          label(i);
          added++;
        }
      }
      continue;
    }
    const x = gatherRows(pool.features, pool.cols, unlabeled);
    const diverse = strategy === 'uncertainty+diversity';
    const order = rankForLabeling(
      x,
      unlabeled.length,
      pool.cols,
      model.predictProbabilities(x, unlabeled.length),
      pool.classes,
      {
        batchSize: batch,
        diversityWeight: diverse ? options.diversityWeight : 0,
        measure: options.measure,
        candidateFactor: options.candidateFactor,
        labeledFeatures: diverse ? gatherRows(pool.features, pool.cols, labeledIds) : undefined,
        seed: seed * 1009 + round,
      }
    );
    for (let b = 0; b < batch; b++) {
      label(unlabeled[order[b]]);
    }
  }
}

/**
 * The labeled count at the first evaluation from which F1 ≥ target holds for `hold` evaluations in a row
 * (or until the curve ends with the whole pool labeled); undefined while that is not yet known.
 */
export function labelsToTarget(curve: LearningCurve, target: number, hold: number): number | undefined {
  const n = curve.f1.length;
  let run = 0;
  for (let i = 0; i < n; i++) {
    run = curve.f1[i] >= target ? run + 1 : 0;
    if (run >= hold) {
      return curve.labels[i - hold + 1];
    }
  }
  return undefined;
}

/**
 * Stratified split: each class contributes round(testFraction × its count) items to the test split (at least one
 * when it has two or more), so a rare class is present on both sides.
 */
export function stratifiedSplit(
  labels: Int32Array,
  classes: number,
  testFraction: number,
  rng: Rng
): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (let c = 0; c < classes; c++) {
    const members = shuffled(
      Int32Array.from(labels.keys()).filter((i) => labels[i] === c),
      rng
    );
    const nTest = members.length < 2 ? 0 : Math.max(1, Math.round(testFraction * members.length));
    members.forEach((item, k) => (k < nTest ? test : train).push(item));
  }
  const sort = (a: number[]) => Int32Array.from(a).sort();
  return { train: sort(train), test: sort(test) };
}

export function gatherRows(features: Float64Array, cols: number, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length * cols);
  for (let j = 0; j < indices.length; j++) {
    out.set(features.subarray(indices[j] * cols, (indices[j] + 1) * cols), j * cols);
  }
  return out;
}

function gatherLabels(labels: Int32Array, indices: Int32Array): Int32Array {
  const out = new Int32Array(indices.length);
  for (let j = 0; j < indices.length; j++) {
    out[j] = labels[indices[j]];
  }
  return out;
}

/** A shuffled copy (Fisher–Yates). */
function shuffled(items: Int32Array, rng: Rng): Int32Array {
  const out = Int32Array.from(items);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/**
 * A seeded random subset of at most `maxItems` rows (rows keep their original order), so a large pool's simulation
 * stays within minutes; the class mix is kept by chance, not forced.
 */
export function subsamplePool(pool: LabeledPool, maxItems: number, seed: number): LabeledPool {
  if (pool.rows <= maxItems) {
    return pool;
  }
  const picked = shuffled(Int32Array.from(pool.labels.keys()), mulberry32(seed)).subarray(0, maxItems).sort();
  return {
    ...pool,
    features: gatherRows(pool.features, pool.cols, picked),
    rows: picked.length,
    labels: gatherLabels(pool.labels, picked),
  };
}
