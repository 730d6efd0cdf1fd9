import { detectSeasonalPeriods } from 'ml/stats';

import { aggregateMeans, aggregationFactor, spreadToSteps } from './aggregation';
import { Candidate, rollingOriginBacktest } from './backtest';
import { defaultCandidates, PoolContext } from './candidates';
import { combineForecasts, inverseErrorWeights } from './combination';
import { fillGaps } from './gaps';
import { intervalMultiplier, residualScales } from './intervals';
import { fitSes } from './ses';
import { detectTrend } from './trend-test';

/**
 * The forecaster the product uses: fills gaps, finds the seasons, backtests a pool of models on the series' own
 * recent history, combines the best few by inverse backtest error and calibrates intervals on the combination's
 * backtest residuals. Every degenerate input (gaps, constant, short, non-positive) gets a defined answer and a note.
 */
export interface AutoForecasterOptions {
  /** Steps to forecast. */
  horizon: number;
  /** Central coverage of the intervals, in (0, 1). */
  level?: number;
  /** Seasonal periods to use as they are (skips detection). */
  periods?: readonly number[];
  /**
   * Calendar periods that make sense for the sampling step (24 and 168 for hourly data: day and week).
   * Detection snaps to them, and a hinted period with two full cycles of history is offered to the pool even
   * when the ACF alone is not convincing, so that the backtest can decide.
   */
  periodHints?: readonly number[];
  /** Backtest origins (one horizon apart). */
  origins?: number;
  /** How many of the best candidates are combined. */
  topK?: number;
  /** Multiplier on the residual scale, calibrated on M4 Hourly DEV for 95% coverage (see the evaluate CLI). */
  intervalCalibration?: number;
  /**
   * Only the latest `maxHistory` samples are used: the cost is linear in the history, and the next hours depend on
   * the last weeks, not the last year. The default covers 3.5 days at 1-minute steps, 17 days at 5 minutes.
   */
  maxHistory?: number;
  /**
   * Longer histories are fitted on means of buckets of samples (a factor that keeps the periods whole), and the
   * coarse forecast is spread back onto the steps, so that a week at one minute costs about what 1000 samples do.
   * When the horizon is too short for coarse steps (fewer than 4 of them), the latest `maxFitPoints` are used.
   */
  maxFitPoints?: number;
  /** Replace the default model pool (`context` says what was found, e.g. a steady trend). */
  candidates?: (periods: readonly number[], positive: boolean, context: PoolContext) => Candidate[];
}

export interface ModelWeight {
  name: string;
  weight: number;
  /** Mean absolute backtest error. */
  backtestMae: number;
}

export interface Forecast {
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /**
   * Normal-equivalent spread of the forecast distribution per step (half the interval width over the normal
   * quantile). NaN when the history is too short to say anything about the spread.
   */
  sigma: Float64Array;
  level: number;
  periods: number[];
  models: ModelWeight[];
  /** Human-readable notes on what was done to the input and why (gaps filled, season dropped, fallbacks). */
  notes: string[];
}

const DEFAULTS = {
  level: 0.95,
  origins: 2,
  topK: 3,
  maxHistory: 50_000,
  maxFitPoints: 1000,
  // z·RMS of two origins' residuals under-covers (the combination was chosen on those very origins); this factor
  // brings 95% intervals to 95% coverage on M4 Hourly DEV (207 series × 48 steps; `traceo-ml evaluate m4`).
  intervalCalibration: 1.18,
};

/** Steps pooled on each side when estimating a step's residual scale (13 steps × origins residuals). */
const RESIDUAL_NEIGHBOURHOOD = 6;

/** Below this many observations no spread can be estimated. */
const MIN_OBSERVATIONS_FOR_SPREAD = 3;
/** Fewest coarse forecast steps for which fitting on bucket means is worth it. */
const MIN_COARSE_STEPS = 4;
/** Fewest observations a backtest origin may be fitted on. */
const MIN_TRAINING = 10;

export class AutoForecaster {
  private readonly options: AutoForecasterOptions & typeof DEFAULTS;
  private result: Forecast | null = null;

  constructor(options: AutoForecasterOptions) {
    if (!(options.horizon >= 1)) {
      throw new RangeError('horizon must be at least 1');
    }
    const level = options.level ?? DEFAULTS.level;
    if (!(level > 0 && level < 1)) {
      throw new RangeError('level must be in (0, 1)');
    }
    this.options = { ...DEFAULTS, ...options, horizon: Math.floor(options.horizon) };
  }

  fit(input: ArrayLike<number>): this {
    this.result = this.run(input);
    return this;
  }

  predict(): Forecast {
    if (this.result === null) {
      throw new Error('AutoForecaster.predict called before fit');
    }
    return this.result;
  }

  private run(input: ArrayLike<number>): Forecast {
    const notes: string[] = [];
    const { maxHistory, maxFitPoints, horizon } = this.options;
    if (input.length > maxHistory) {
      notes.push(`used the latest ${maxHistory} of ${input.length} samples`);
    }
    let history = latest(input, maxHistory);
    if (history.length > maxFitPoints) {
      const factor = aggregationFactor(
        Math.ceil(history.length / maxFitPoints),
        this.options.periods ?? this.options.periodHints ?? []
      );
      if (horizon >= MIN_COARSE_STEPS * factor) {
        return this.aggregated(history, factor, notes);
      }
      notes.push(`used the latest ${maxFitPoints} of ${history.length} samples (horizon too short to coarsen)`);
      history = latest(history, maxFitPoints);
    }
    const { values: y, filled } = fillGaps(history);
    const n = y.length;
    if (n === 0 || !Number.isFinite(y[0])) {
      throw new RangeError('cannot forecast a series without any finite observation');
    }
    if (filled > 0) {
      notes.push(`${filled} missing sample(s) filled by linear interpolation`);
    }
    if (n < MIN_OBSERVATIONS_FOR_SPREAD) {
      return this.shortHistory(y, notes);
    }
    if (isConstant(y)) {
      notes.push('constant series: flat forecast with zero-width intervals');
      return this.assemble(new Float64Array(horizon).fill(y[0]), new Float64Array(horizon), [], [], notes);
    }
    const periods = this.resolvePeriods(y, notes);
    const main = periods[0] ?? 1;
    let origins = this.options.origins;
    // The oldest origin trains on at least half the history: parameters estimated on a sliver of it (and reused
    // by `update` at the later origins and on the full series) rank and forecast badly at long horizons.
    let minTraining = Math.max(MIN_TRAINING, 2 * main, Math.ceil(n / 2));
    if (Math.floor((n - minTraining) / origins) < Math.min(horizon, Math.floor(n / 8))) {
      // Two full seasons would leave (almost) nothing to backtest on, as when the history is exactly two days of a
      // daily season: train the origins on the first half instead. They see less than two seasons, so their models
      // run without it, but the ranking still rests on long-horizon errors rather than on one step or on none.
      minTraining = Math.max(MIN_TRAINING, Math.ceil(n / 2));
    }
    let backtestHorizon = Math.min(horizon, Math.floor((n - minTraining) / origins));
    if (backtestHorizon < 1 && origins > 1) {
      origins = 1;
      backtestHorizon = Math.min(horizon, n - minTraining);
    }
    if (backtestHorizon < 1) {
      return this.shortHistory(y, notes);
    }
    if (backtestHorizon < horizon) {
      notes.push(`backtested ${backtestHorizon} of ${horizon} steps; intervals beyond grow like a random walk`);
    }
    return this.combined(y, periods, origins, backtestHorizon, notes);
  }

  /**
   * The core path: backtest the pool, combine the best few, forecast with them from the full series, and scale
   * the intervals by the combination's own backtest residuals.
   */
  private combined(
    y: Float64Array,
    periods: number[],
    origins: number,
    backtestHorizon: number,
    notes: string[]
  ): Forecast {
    const { horizon } = this.options;
    const positive = allPositive(y);
    const trend = detectTrend(y, periods[0] ?? 1);
    const pool = (this.options.candidates ?? defaultCandidates)(periods, positive, { trending: trend.significant });
    if (!positive && periods.length > 0) {
      notes.push('non-positive values: multiplicative seasonal models left out');
    }
    const candidates = trend.significant ? trendFollowers(pool, trend.strength, notes) : pool;
    const backtest = rollingOriginBacktest(y, candidates, backtestHorizon, origins);
    const weights = inverseErrorWeights(backtest.mae, this.options.topK);

    const finals: Float64Array[] = candidates.map((candidate, c) => {
      if (weights[c] === 0) {
        return new Float64Array(0);
      }
      try {
        const fitted = backtest.models[c];
        const model = fitted.update ? fitted.update(y) : candidate.create().fit(y, { periods: candidate.periods });
        return model.forecast(horizon);
      } catch {
        // Fitted at every origin but not on the full series: leave it out rather than fail the forecast.
        weights[c] = 0;
        notes.push(`${candidate.name} failed on the full series and was left out`);
        return new Float64Array(0);
      }
    });
    normalise(weights);
    const models: ModelWeight[] = candidates
      .map((candidate, c) => ({ name: candidate.name, weight: weights[c], backtestMae: backtest.mae[c] }))
      .filter((m) => m.weight > 0)
      .sort((a, b) => b.weight - a.weight);
    if (models.length === 0) {
      notes.push('no model of the pool could be fitted: simple exponential smoothing');
      return this.shortHistory(y, notes);
    }

    const residuals = new Float64Array(origins * backtestHorizon);
    const combinedBacktest = combineForecasts(backtest.forecasts, weights, residuals.length);
    for (let i = 0; i < residuals.length; i++) {
      // Residual i belongs to origin ⌊i / H⌋ and step i mod H; the origins follow each other without gaps.
      residuals[i] = y[backtest.firstCut + i] - combinedBacktest[i];
    }
    const sigma = residualScales(residuals, backtestHorizon, horizon, { neighbourhood: RESIDUAL_NEIGHBOURHOOD });
    for (let k = 0; k < horizon; k++) {
      sigma[k] *= this.options.intervalCalibration;
    }
    return this.assemble(combineForecasts(finals, weights, horizon), sigma, periods, models, notes);
  }

  /**
   * A long history fitted on means of `factor` samples: the same forecaster on the coarse series (periods in
   * buckets), its forecast interpolated back onto the steps. The spread of the samples around their bucket means
   * is added to the coarse spread, since the intervals must cover samples, not means.
   */
  private aggregated(history: ArrayLike<number>, factor: number, notes: string[]): Forecast {
    const { horizon } = this.options;
    const { values, withinVariance } = aggregateMeans(history, factor);
    const coarse = (periods: readonly number[] | undefined) => periods?.map((p) => p / factor).filter((p) => p >= 2);
    const inner = new AutoForecaster({
      ...this.options,
      // One more coarse step than needed, so the last fine steps are interpolated rather than extrapolated.
      horizon: Math.ceil(horizon / factor) + 1,
      periods: coarse(this.options.periods),
      periodHints: coarse(this.options.periodHints),
      maxHistory: Infinity,
      maxFitPoints: Infinity,
    })
      .fit(values)
      .predict();
    const anchor = lastFinite(values) ?? inner.mean[0];
    const mean = spreadToSteps(inner.mean, anchor, factor, horizon);
    const coarseSigma = spreadToSteps(inner.sigma, inner.sigma[0], factor, horizon);
    const sigma = new Float64Array(horizon);
    for (let k = 0; k < horizon; k++) {
      sigma[k] = Math.sqrt(coarseSigma[k] * coarseSigma[k] + withinVariance);
    }
    notes.push(
      `${history.length} samples fitted as ${values.length} means of ${factor} (bounded cost); ` +
        'the notes below count coarse steps'
    );
    return this.assemble(
      mean,
      sigma,
      inner.periods.map((p) => p * factor),
      inner.models,
      [...notes, ...inner.notes]
    );
  }

  /**
   * Periods used by the pool: detected ones (snapped to the hints when hints are given), then the remaining hints,
   * keeping only periods with two full cycles of history.
   */
  private resolvePeriods(y: Float64Array, notes: string[]): number[] {
    const n = y.length;
    const hints = this.options.periodHints ?? [];
    const wanted =
      this.options.periods !== undefined
        ? [...this.options.periods]
        : [
            ...detectSeasonalPeriods(y, hints.length > 0 ? { candidates: [...hints] } : {}),
            ...hints.filter((p) => 2 * p <= n),
          ];
    const periods: number[] = [];
    for (const p of wanted) {
      const period = Math.round(p);
      if (period < 2 || periods.includes(period)) {
        continue;
      }
      if (2 * period > n) {
        notes.push(`season of ${period} ignored: fewer than two full seasons of history`);
        continue;
      }
      periods.push(period);
    }
    return periods;
  }

  /**
   * Too little history to backtest: simple exponential smoothing, with the ETS(A,N,N) interval
   * σ·√(1 + (k−1)α²) from its one-step residuals.
   */
  private shortHistory(y: Float64Array, notes: string[]): Forecast {
    const { horizon } = this.options;
    const n = y.length;
    const ses = fitSes(y);
    const mean = new Float64Array(horizon).fill(ses.level);
    const sigma = new Float64Array(horizon);
    if (n < MIN_OBSERVATIONS_FOR_SPREAD) {
      sigma.fill(NaN);
      notes.push(`only ${n} observation(s): flat forecast without intervals`);
    } else {
      const sigma1 = Math.sqrt(ses.sse / (n - 1));
      for (let k = 0; k < horizon; k++) {
        sigma[k] = sigma1 * Math.sqrt(1 + k * ses.alpha * ses.alpha);
      }
      notes.push(`history too short to backtest (${n} observations): simple exponential smoothing`);
    }
    return this.assemble(mean, sigma, [], [{ name: 'ses', weight: 1, backtestMae: NaN }], notes);
  }

  private assemble(
    mean: Float64Array,
    sigma: Float64Array,
    periods: number[],
    models: ModelWeight[],
    notes: string[]
  ): Forecast {
    const level = this.options.level;
    const z = intervalMultiplier(level);
    const lower = new Float64Array(mean.length);
    const upper = new Float64Array(mean.length);
    for (let k = 0; k < mean.length; k++) {
      lower[k] = mean[k] - z * sigma[k];
      upper[k] = mean[k] + z * sigma[k];
    }
    return { mean, lower, upper, sigma, level, periods, models, notes };
  }
}

/**
 * On a steady trend, the members that extrapolate it linearly: the others flatten or halve the slope, and even
 * with small weights they pull a rising forecast down and a threshold crossing late. The pool is kept whole when
 * it has no linear member (a user's model choice), or only linear ones.
 */
function trendFollowers(pool: Candidate[], strength: number, notes: string[]): Candidate[] {
  const linear = pool.filter((candidate) => candidate.trend === 'linear');
  if (linear.length === 0 || linear.length === pool.length) {
    return pool;
  }
  notes.push(`steady trend (R² ${strength.toFixed(2)}): only models that extrapolate it linearly`);
  return linear;
}

/** Rescales non-negative weights to sum to 1 (leaves all-zero weights alone). */
function normalise(weights: Float64Array): void {
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i];
  }
  if (total > 0) {
    for (let i = 0; i < weights.length; i++) {
      weights[i] /= total;
    }
  }
}

function latest(input: ArrayLike<number>, count: number): ArrayLike<number> {
  if (input.length <= count) {
    return input;
  }
  const out = new Float64Array(count);
  const offset = input.length - count;
  for (let i = 0; i < count; i++) {
    out[i] = input[offset + i];
  }
  return out;
}

function lastFinite(y: Float64Array): number | undefined {
  for (let i = y.length - 1; i >= 0; i--) {
    if (Number.isFinite(y[i])) {
      return y[i];
    }
  }
  return undefined;
}

function isConstant(y: Float64Array): boolean {
  for (let i = 1; i < y.length; i++) {
    if (y[i] !== y[0]) {
      return false;
    }
  }
  return true;
}

function allPositive(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] > 0)) {
      return false;
    }
  }
  return true;
}
