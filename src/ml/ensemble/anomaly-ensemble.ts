/**
 * AnomalyEnsemble: the product's anomaly detector for one series.
 *
 * Per point: the seasonal robust baseline gives the expected value and a standardized residual; each detector turns
 * what it sees into a raw score; each raw score becomes a tail probability on the series' own history
 * (calibration/); the probabilities are combined (combine.ts) and mapped to the 0–100 `anomaly_score`.
 *
 * A young series is "learning" (NaN) until it has the minimum history and its first full season (warm-up.ts):
 * the ensemble counts the points it has seen since the series' first one (the history of a fit is taken to start
 * there, which holds for young series, the only ones concerned).
 *
 * Two ways to use it:
 * - `detect(values, times?)`: the whole causal run over a series: unscored while learning, fitted once the
 *   minimum history is there, refitted as the history grows (doubling, then every quarter learning period), each
 *   score using data up to its own point only.
 * - `fit(history, stepSeconds?)` then `score(values)` / `scoreNext(x)`: a warm model scoring new points in O(1)
 *   each (and learning from them).
 */
import { scoreForPValue, TailCalibrator } from '../calibration/tail-calibrator';
import { normalTwoSided, normalUpper } from '../calibration/reference-tails';
import { WindowAutoencoder } from '../detectors/autoencoder';
import { IsolationForest } from '../detectors/isolation-forest';
import { RobustCovariance } from '../detectors/robust-covariance';
import { SeasonalBaseline } from '../detectors/seasonal-baseline';
import { ValueNovelty } from '../detectors/value-novelty';
import { UNIVARIATE_FEATURE_COUNT, UnivariateFeatures } from '../features/univariate-features';
import { calendarPeriods, medianInPlace } from '../stats';
import { DEFAULT_SEVERITY_BANDS } from '../../contract/score';
import { cauchyCombine, pValueToScore, scoreToPValue } from './combine';
import {
  type AnomalyEnsembleOptions,
  DETECTOR_NAMES,
  type DetectorName,
  type Direction,
  resolveOptions,
  type ResolvedOptions,
} from './options';
import { seasonCheckPoints } from './warm-up';

export interface AnomalyResult {
  expected: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** 0–100; NaN while learning or where the value is missing ("no value" — null in frames). */
  score: Float64Array;
  /** Tail probability each enabled detector gave the point (NaN where it had nothing to say). */
  evidence: Partial<Record<DetectorName, Float64Array>>;
}

/** EWMA weight of the shift detector: about ten points of memory, enough to see a sustained small offset. */
const SHIFT_LAMBDA = 0.1;
/** Null standard deviation of an EWMA of unit-variance noise. */
const SHIFT_SD = Math.sqrt(SHIFT_LAMBDA / (2 - SHIFT_LAMBDA));
/** Residuals are clipped before entering the shift EWMA, so a lone spike does not look like a shift. */
const SHIFT_CLIP = 4;
/**
 * Trees of the ensemble's isolation forest. A quarter of scikit-learn's 100: the forest is most of the per-point
 * cost, and its scores only enter through a calibrated tail probability, where the extra variance of fewer trees
 * does not show (NAB DEV scored the same with 25 and 50 trees).
 */
const FOREST_TREES = 25;
/**
 * Subsample per tree. Smaller than the usual 256: trees of depth 6 (127 nodes, 1 KB) keep the whole forest in the
 * fastest cache, which made warm scoring ~40% faster, and small subsamples also suffer less from swamping and
 * masking (Liu et al. 2008); NAB DEV scored identically with 64, 128 and 256.
 */
const FOREST_SAMPLES = 64;
/** EWMA weight of the volatility detector: about twenty points, a burst of variance rather than one spike. */
const VOLATILITY_LAMBDA = 0.05;
/** E|Z| for standard normal noise: where the volatility EWMA starts. */
const VOLATILITY_MEAN = Math.sqrt(2 / Math.PI);
/** Upper end of the search for band half-widths, in σ. */
const BAND_SEARCH_LIMIT = 1e3;

export class AnomalyEnsemble {
  readonly options: ResolvedOptions;
  /** The options as given, so a clone derives the same detectors and weights. */
  private readonly given: AnomalyEnsembleOptions;
  private baseline: SeasonalBaseline;
  private readonly active: DetectorName[];
  private readonly weights: Float64Array;
  private calibrators: TailCalibrator[] = [];
  private features = new UnivariateFeatures();
  private readonly row = new Float64Array(UNIVARIATE_FEATURE_COUNT);
  private forest: IsolationForest | undefined;
  private covariance: RobustCovariance | undefined;
  private autoencoder: WindowAutoencoder | undefined;
  private novelty: ValueNovelty | undefined;
  /** Detector index of each kind in `active` (−1 when off), so the hot loop needs no lookups. */
  private readonly slot: Record<DetectorName, number>;
  private readonly pScratch: Float64Array;
  private readonly rawScratch: Float64Array;
  private shiftEwma = 0;
  private volatilityEwma = 0;
  /** Band half-width in σ: where the residual alone reaches the top of the normal band (30). */
  private bandZ = 3;
  private fitted = false;
  /** Points seen since the series' first: the fitted history plus those scored since. */
  private age = 0;
  /** Points that stay unscored from the series' first one on (the first full season; warm-up.ts). */
  private warmUp = 0;

  /** Set by `scoreNext`: the last point's baseline and per-detector tail probabilities. */
  expected = NaN;
  lower = NaN;
  upper = NaN;

  constructor(options: AnomalyEnsembleOptions = {}) {
    this.given = options;
    this.options = resolveOptions(options);
    this.baseline = new SeasonalBaseline(this.options.seasonal);
    this.active = DETECTOR_NAMES.filter((name) => this.options.enabled[name]);
    if (this.options.enabled.autoencoder && options.autoencoder === undefined) {
      throw new Error('the autoencoder detector needs a loaded TensorFlow.js runtime (options.autoencoder)');
    }
    this.weights = Float64Array.from(this.active, (name) => this.options.weights[name]);
    this.pScratch = new Float64Array(this.active.length);
    this.rawScratch = new Float64Array(this.active.length);
    this.slot = Object.fromEntries(DETECTOR_NAMES.map((name) => [name, this.active.indexOf(name)])) as Record<
      DetectorName,
      number
    >;
  }

  /** Per-detector tail probabilities of the last point scored (NaN where a detector had nothing to say). */
  get lastEvidence(): Float64Array {
    return this.pScratch;
  }

  /**
   * An independent copy of the warm model, e.g. to score provisional points without moving the cached model on.
   * Only the streaming state is copied (baseline, features, EWMAs: a few KB); what a fit produces and scoring
   * only reads — calibrators, forest, covariance — is shared, as it is immutable until the next fit replaces it.
   */
  clone(): AnomalyEnsemble {
    const copy = new AnomalyEnsemble(this.given);
    copy.baseline = this.baseline.clone();
    copy.calibrators = this.calibrators;
    copy.features = this.features.clone();
    copy.forest = this.forest;
    copy.covariance = this.covariance;
    copy.autoencoder = this.autoencoder?.clone();
    copy.novelty = this.novelty?.clone();
    copy.pScratch.set(this.pScratch);
    copy.shiftEwma = this.shiftEwma;
    copy.volatilityEwma = this.volatilityEwma;
    copy.bandZ = this.bandZ;
    copy.fitted = this.fitted;
    copy.age = this.age;
    copy.warmUp = this.warmUp;
    copy.expected = this.expected;
    copy.lower = this.lower;
    copy.upper = this.upper;
    return copy;
  }

  get detectors(): readonly DetectorName[] {
    return this.active;
  }

  get isFitted(): boolean {
    return this.fitted;
  }

  get periods(): readonly number[] {
    return this.baseline.periods;
  }

  /**
   * Learns from a history (the caller bounds it; `detect` does so by the learning period). With the sampling
   * step known, seasonality is searched among calendar periods (hours, day, week) only.
   */
  fit(history: Float64Array, stepSeconds?: number): this {
    const seasonal = this.options.seasonal;
    this.baseline = new SeasonalBaseline(
      stepSeconds && !seasonal.candidatePeriods
        ? { ...seasonal, candidatePeriods: calendarPeriods(stepSeconds) }
        : seasonal
    );
    const { z, scale } = this.baseline.fit(history);
    const n = history.length;
    // The features' state after the history is where streaming continues; their rows are the pattern
    // detectors' training data and, scored in one batch, their calibration sample.
    this.features = new UnivariateFeatures();
    const raw = this.active.map(() => new Float64Array(n));
    if (this.slot.isolationForest >= 0 || this.slot.robustCovariance >= 0) {
      const cols = this.row.length;
      const matrix = this.features.matrix(history, z, scale);
      this.forest = undefined;
      this.covariance = undefined;
      if (this.slot.isolationForest >= 0) {
        this.forest = new IsolationForest({
          trees: FOREST_TREES,
          maxSamples: FOREST_SAMPLES,
          seed: this.options.seed,
        }).fit(matrix, n, cols);
        this.forest.score(matrix, n, raw[this.slot.isolationForest]);
      }
      if (this.slot.robustCovariance >= 0) {
        this.covariance = new RobustCovariance({ seed: this.options.seed }).fit(matrix, n, cols);
        this.covariance.score(matrix, n, raw[this.slot.robustCovariance]);
      }
    }
    if (this.slot.novelty >= 0) {
      this.novelty = new ValueNovelty();
      this.novelty.fit(history, raw[this.slot.novelty]);
    }
    if (this.slot.autoencoder >= 0) {
      this.autoencoder = new WindowAutoencoder({ seed: this.options.seed, ...this.given.autoencoder! });
      this.autoencoder.fit(z, raw[this.slot.autoencoder]);
    }
    // Replay the history through the streaming detectors: their scores on it are the rest of the calibration
    // sample, and their state at the end is where streaming continues.
    this.shiftEwma = 0;
    this.volatilityEwma = VOLATILITY_MEAN;
    for (let t = 0; t < n; t++) {
      this.streamingScores(z[t], scale[t]);
      for (let k = 0; k < raw.length; k++) {
        if (!this.batchScored(k)) {
          raw[k][t] = this.rawScratch[k];
        }
      }
    }
    const reference = this.options.direction === 'both' ? normalTwoSided : normalUpper;
    this.calibrators = raw.map((r, k) =>
      new TailCalibrator({ reference: k === this.slot.residual || k === this.slot.shift ? reference : undefined }).fit(
        r
      )
    );
    const residualCalibrator = this.calibrators[this.active.indexOf('residual')];
    const normalEdge = scoreToPValue(DEFAULT_SEVERITY_BANDS.normal, this.options.decades);
    this.bandZ = scoreForPValue(residualCalibrator, normalEdge, 0, BAND_SEARCH_LIMIT);
    this.age = n;
    this.warmUp = Math.max(seasonCheckPoints(seasonal, stepSeconds), ...this.baseline.periods);
    this.fitted = true;
    return this;
  }

  /** Whether the next point is still in the warm-up (scored NaN, though the model learns from it). */
  get isLearning(): boolean {
    return this.age < this.warmUp;
  }

  /**
   * Scores one new point with the warm model and learns from it; returns the 0–100 score
   * (NaN for a missing value or while learning). `expected`, `lower`, `upper` and `lastEvidence` describe the point.
   */
  scoreNext(x: number): number {
    const z = this.baseline.step(x);
    const expected = this.baseline.expected;
    const halfBand = this.bandZ * this.baseline.scale;
    this.expected = expected;
    this.lower = expected - halfBand;
    this.upper = expected + halfBand;
    const p = this.pScratch;
    const learning = this.age < this.warmUp;
    this.age++;
    if (Number.isNaN(z)) {
      p.fill(NaN);
      return NaN;
    }
    // The streaming detectors learn from warm-up points too; only their verdict is withheld.
    this.rawScores(x, z, this.baseline.scale);
    if (learning) {
      p.fill(NaN);
      return NaN;
    }
    const raw = this.rawScratch;
    for (let k = 0; k < raw.length; k++) {
      p[k] = this.calibrators[k].pValue(raw[k]);
    }
    const direction = this.options.direction;
    if (direction !== 'both' && (direction === 'up' ? z < 0 : z > 0)) {
      // The undirected detectors cannot tell up from down: against the wanted direction they have nothing to say.
      for (let k = 0; k < raw.length; k++) {
        if (k !== this.slot.residual && k !== this.slot.magnitude && k !== this.slot.shift) {
          p[k] = 1;
        }
      }
    }
    if (Math.abs(x - expected) < this.options.minDeviation) {
      return 0;
    }
    if (x === Infinity || x === -Infinity) {
      // A broken exporter's ±Inf is as far from normal as a value gets (when in the watched direction).
      return directional(x, this.options.direction) > 0 ? 100 : 0;
    }
    return pValueToScore(cauchyCombine(p, this.weights), this.options.decades);
  }

  /** Scores a batch of new points with the warm model (see `scoreNext`). */
  score(values: Float64Array): AnomalyResult {
    const out = this.allocate(values.length);
    for (let t = 0; t < values.length; t++) {
      this.writePoint(out, t, this.scoreNext(values[t]));
    }
    return out;
  }

  /**
   * The causal run over a whole series: `times` in seconds (for the learning period; pass undefined for
   * evenly spaced points). Points before the model can score are NaN ("learning").
   */
  detect(values: Float64Array, times?: Float64Array): AnomalyResult {
    const n = values.length;
    const out = this.allocate(n);
    out.score.fill(NaN);
    out.expected.fill(NaN);
    out.lower.fill(NaN);
    out.upper.fill(NaN);
    const o = this.options;
    this.fitted = false;
    const step = times ? samplingStep(times) : undefined;
    let finiteSeen = 0;
    let nextFit = -1;
    for (let t = 0; t < n; t++) {
      if ((!this.fitted && finiteSeen >= o.minHistoryPoints) || t === nextFit) {
        const start = historyStart(times, t, o);
        // The run has seen every value since the series' first: its novelty memory outlives each refit's
        // learning period (a level held two months ago is not new territory), while the calibration sample
        // stays the history's own. NAB (DEV, seeds 1–5): 74.2 → 75.3 standard.
        const memory = this.fitted ? this.novelty : undefined;
        this.fit(values.subarray(start, t), step);
        this.novelty = memory ?? this.novelty;
        const span = t - start;
        const bounded =
          span >= o.maxHistoryPoints ||
          (times !== undefined &&
            span >= o.minLearningPoints &&
            times[t - 1] - times[start] >= o.learningPeriodSeconds * 0.99);
        // Refit when the history has doubled; once it is bounded, every quarter of it.
        nextFit = t + Math.max(1, bounded ? Math.floor(span / 4) : span);
      }
      if (Number.isFinite(values[t])) {
        finiteSeen++;
      }
      if (this.fitted) {
        this.writePoint(out, t, this.scoreNext(values[t]));
      }
    }
    return out;
  }

  /** Every active detector's raw score for a point (NaN residual → NaN scores); updates the streaming state. */
  private rawScores(x: number, z: number, sigma: number): void {
    this.streamingScores(z, sigma);
    if (Number.isNaN(z)) {
      return;
    }
    const slot = this.slot;
    const raw = this.rawScratch;
    if (slot.isolationForest >= 0 || slot.robustCovariance >= 0) {
      this.features.push(x, z, sigma, this.row);
      if (slot.isolationForest >= 0) {
        raw[slot.isolationForest] = this.forest ? this.forest.scoreRow(this.row) : NaN;
      }
      if (slot.robustCovariance >= 0) {
        raw[slot.robustCovariance] = this.covariance ? this.covariance.scoreRow(this.row) : NaN;
      }
    }
    if (slot.autoencoder >= 0) {
      raw[slot.autoencoder] = this.autoencoder ? this.autoencoder.scoreNext(z) : NaN;
    }
    if (slot.novelty >= 0) {
      raw[slot.novelty] = this.novelty ? this.novelty.scoreNext(x) : NaN;
    }
  }

  /** Whether detector `k` scores the history itself at fit time (the others are replayed point by point). */
  private batchScored(k: number): boolean {
    const slot = this.slot;
    return k === slot.isolationForest || k === slot.robustCovariance || k === slot.autoencoder || k === slot.novelty;
  }

  /** The residual, magnitude, shift and volatility scores of a point (all NaN for a NaN residual). */
  private streamingScores(z: number, sigma: number): void {
    const raw = this.rawScratch;
    if (Number.isNaN(z)) {
      raw.fill(NaN);
      return;
    }
    const direction = this.options.direction;
    this.shiftEwma += SHIFT_LAMBDA * (clip(z, SHIFT_CLIP) - this.shiftEwma);
    const slot = this.slot;
    raw[slot.residual] = directional(z, direction);
    if (slot.magnitude >= 0) {
      raw[slot.magnitude] = directional(z * sigma, direction);
    }
    if (slot.shift >= 0) {
      raw[slot.shift] = directional(this.shiftEwma / SHIFT_SD, direction);
    }
    if (slot.volatility >= 0) {
      const a = Math.abs(z);
      this.volatilityEwma += VOLATILITY_LAMBDA * ((a > SHIFT_CLIP ? SHIFT_CLIP : a) - this.volatilityEwma);
      raw[slot.volatility] = this.volatilityEwma;
    }
  }

  private allocate(n: number): AnomalyResult {
    const evidence: Partial<Record<DetectorName, Float64Array>> = {};
    for (const name of this.active) {
      evidence[name] = new Float64Array(n).fill(NaN);
    }
    return {
      expected: new Float64Array(n),
      lower: new Float64Array(n),
      upper: new Float64Array(n),
      score: new Float64Array(n),
      evidence,
    };
  }

  private writePoint(out: AnomalyResult, t: number, score: number): void {
    out.score[t] = score;
    out.expected[t] = this.expected;
    out.lower[t] = this.lower;
    out.upper[t] = this.upper;
    for (let k = 0; k < this.active.length; k++) {
      out.evidence[this.active[k]]![t] = this.pScratch[k];
    }
  }
}

function directional(z: number, direction: Direction): number {
  return direction === 'both' ? Math.abs(z) : direction === 'up' ? z : -z;
}

function clip(x: number, limit: number): number {
  return x > limit ? limit : x < -limit ? -limit : x;
}

/** Where the history of a fit at `t` starts: a learning period back, but never fewer than `minLearningPoints` points. */
export function historyStart(times: Float64Array | undefined, t: number, o: ResolvedOptions): number {
  let start = Math.max(0, t - o.maxHistoryPoints);
  if (times) {
    const from = times[t - 1] - o.learningPeriodSeconds;
    const latest = Math.max(start, t - o.minLearningPoints);
    while (start < latest && start < t - 1 && times[start] < from) {
      start++;
    }
  }
  return start;
}

/** Median spacing of the timestamps: robust to gaps and to the odd repeated timestamp. */
export function samplingStep(times: Float64Array): number | undefined {
  if (times.length < 2) {
    return undefined;
  }
  const diffs = new Float64Array(times.length - 1);
  for (let i = 1; i < times.length; i++) {
    diffs[i - 1] = times[i] - times[i - 1];
  }
  const step = medianInPlace(diffs);
  return step > 0 ? step : undefined;
}
