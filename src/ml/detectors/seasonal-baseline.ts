/**
 * Seasonal robust baseline: the detector that says what a metric *should* be right now.
 *
 *   expected(t) = level(t−1) + Σ_k season_k[t mod p_k]        residual z(t) = (x(t) − expected(t)) / σ(t−1)
 *
 * `fit(history)` detects the seasonal periods, estimates the profiles robustly (seasonal-decomposition.ts) and then
 * replays the history through the online recursion, so the model is warm and the history's one-step-ahead
 * residuals are available for calibration. After that, `step(x)` scores and learns one point in O(1): an EWMA
 * level, per-phase seasonal updates (Holt–Winters style) and an EWMA of absolute residuals as the scale.
 * Everything is causal: the score at t only uses data up to t.
 *
 * Robustness: updates use the Huber-clipped residual, so a spike moves neither the level nor the scale much. A
 * level shift, though, is real: after `shiftPersistence` consecutive large residuals of one sign the level jumps
 * to the new regime instead of crawling towards it (which would keep alarming long after the change).
 */
import { detectSeasonalPeriods, MAD_TO_SIGMA, medianInPlace, nanMad } from '../stats';
import { decompose } from './seasonal-decomposition';

export interface SeasonalBaselineOptions {
  /** Seasonal periods in samples, or 'auto' (default) to detect them from the history. */
  periods?: number[] | 'auto';
  /** With 'auto', only these periods may be detected (e.g. `calendarPeriods(step)`); default any. */
  candidatePeriods?: number[];
  /** Longest period considered by detection, in samples; default half the history. */
  maxPeriod?: number;
  /** Minimum ACF strength for a detected period; default 0.3. */
  minSeasonStrength?: number;
  /** Level smoothing per point; default 0.05. */
  levelAlpha?: number;
  /** Seasonal smoothing per visit of a phase; default 0.1. */
  seasonalGamma?: number;
  /** Scale smoothing per point; default 0.01. */
  scaleBeta?: number;
  /** Residuals are clipped at this many σ before updating the state; default 3. */
  huber?: number;
  /** Consecutive one-sided residuals beyond `huber` σ that mean the level has moved; default 8. */
  shiftPersistence?: number;
}

/** Mean absolute deviation → σ for normal noise: σ = E|e| · √(π/2). */
const ABS_DEV_TO_SIGMA = Math.sqrt(Math.PI / 2);
/** z is clamped so that Inf and divide-by-tiny stay finite and comparable. */
export const Z_LIMIT = 1e6;
/** Relative floor of σ: a residual below 1e-9 of the metric's magnitude is rounding, not signal. */
const RELATIVE_SCALE_FLOOR = 1e-9;
/**
 * σ never drops below this fraction of the history's (non-robust) noise level. For ordinary noise the robust σ is
 * far above it; for sparse or quantized metrics (mostly 0, the odd burst) the robust σ collapses to nothing and
 * every small blip would be "infinitely" surprising.
 */
const NOISE_FLOOR_FRACTION = 0.1;

export interface BaselineFit {
  /** Causal standardized residuals of the history (NaN where the value was missing). */
  z: Float64Array;
  expected: Float64Array;
  /** σ used for each point's z. */
  scale: Float64Array;
}

export class SeasonalBaseline {
  readonly options: Required<Omit<SeasonalBaselineOptions, 'periods' | 'maxPeriod' | 'candidatePeriods'>> &
    Pick<SeasonalBaselineOptions, 'periods' | 'maxPeriod' | 'candidatePeriods'>;
  /** Periods in use after fit, strongest first. */
  periods: number[] = [];
  /** Expected value and σ of the last point passed to `step`. */
  expected = NaN;
  scale = NaN;

  private profiles: Float64Array[] = [];
  private phases: Int32Array = new Int32Array(0);
  private level = NaN;
  private absDev = NaN;
  /** Typical magnitude of the metric, for the relative σ floor. */
  private magnitude = 0;
  private noiseFloor = 0;
  private shiftRun = 0;
  private shiftSign = 0;
  private shiftBuffer: Float64Array;
  private fitted = false;

  constructor(options: SeasonalBaselineOptions = {}) {
    this.options = {
      periods: options.periods ?? 'auto',
      maxPeriod: options.maxPeriod,
      candidatePeriods: options.candidatePeriods,
      minSeasonStrength: options.minSeasonStrength ?? 0.3,
      levelAlpha: options.levelAlpha ?? 0.05,
      seasonalGamma: options.seasonalGamma ?? 0.1,
      scaleBeta: options.scaleBeta ?? 0.01,
      huber: options.huber ?? 3,
      shiftPersistence: options.shiftPersistence ?? 8,
    };
    this.shiftBuffer = new Float64Array(Math.max(1, this.options.shiftPersistence));
  }

  get isFitted(): boolean {
    return this.fitted;
  }

  /** An independent copy that continues exactly where this baseline stands (options are shared: immutable). */
  clone(): SeasonalBaseline {
    const copy = new SeasonalBaseline(this.options);
    copy.periods = [...this.periods];
    copy.expected = this.expected;
    copy.scale = this.scale;
    copy.profiles = this.profiles.map((profile) => profile.slice());
    copy.phases = this.phases.slice();
    copy.level = this.level;
    copy.absDev = this.absDev;
    copy.magnitude = this.magnitude;
    copy.noiseFloor = this.noiseFloor;
    copy.shiftRun = this.shiftRun;
    copy.shiftSign = this.shiftSign;
    copy.shiftBuffer = this.shiftBuffer.slice();
    copy.fitted = this.fitted;
    return copy;
  }

  /** Learns periods, profiles, level and scale from the history and returns its causal residuals. */
  fit(history: Float64Array): BaselineFit {
    const n = history.length;
    const requested = this.options.periods ?? 'auto';
    this.periods =
      requested === 'auto'
        ? detectSeasonalPeriods(history, {
            maxPeriod: this.options.maxPeriod,
            candidates: this.options.candidatePeriods,
            minStrength: this.options.minSeasonStrength,
            maxPeriods: 2,
          })
        : requested.filter((p) => Number.isInteger(p) && p >= 2 && p * 2 <= n);
    const { profiles, deseasonalised } = decompose(history, this.periods);
    this.profiles = profiles;
    this.phases = new Int32Array(this.periods.length);
    this.initialiseState(history, deseasonalised);
    this.fitted = true;

    const z = new Float64Array(n);
    const expected = new Float64Array(n);
    const scale = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      z[t] = this.step(history[t]);
      expected[t] = this.expected;
      scale[t] = this.scale;
    }
    return { z, expected, scale };
  }

  /**
   * Scores x against the current model, then learns from it. Returns the standardized residual z
   * (NaN for a missing value, ±Z_LIMIT for ±Infinity); `expected` and `scale` hold the point's baseline.
   */
  step(x: number): number {
    const profiles = this.profiles;
    const phases = this.phases;
    let seasonal = 0;
    for (let k = 0; k < profiles.length; k++) {
      seasonal += profiles[k][phases[k]];
    }
    const expected = this.level + seasonal;
    const sigma = this.sigma(expected);
    this.expected = expected;
    this.scale = sigma;

    let z: number;
    if (Number.isFinite(x)) {
      const residual = x - expected;
      z = residual / sigma;
      if (z > Z_LIMIT) {
        z = Z_LIMIT;
      } else if (z < -Z_LIMIT) {
        z = -Z_LIMIT;
      }
      this.learn(x, residual, sigma);
    } else {
      // Missing: no evidence and nothing learnt. Infinity is a broken exporter, and as surprising as it gets.
      z = Number.isNaN(x) ? NaN : x > 0 ? Z_LIMIT : -Z_LIMIT;
    }
    for (let k = 0; k < profiles.length; k++) {
      const next = phases[k] + 1;
      phases[k] = next === profiles[k].length ? 0 : next;
    }
    return z;
  }

  /** Batch scoring of new points with the warm model (each point learnt after it is scored). */
  scoreBatch(values: Float64Array, out: { z: Float64Array; expected: Float64Array; scale: Float64Array }): void {
    for (let t = 0; t < values.length; t++) {
      out.z[t] = this.step(values[t]);
      out.expected[t] = this.expected;
      out.scale[t] = this.scale;
    }
  }

  private sigma(expected: number): number {
    const floor =
      Math.max(this.noiseFloor, RELATIVE_SCALE_FLOOR * Math.max(this.magnitude, Math.abs(expected))) ||
      Number.MIN_VALUE;
    const sigma = this.absDev * ABS_DEV_TO_SIGMA;
    return sigma > floor ? sigma : floor;
  }

  private learn(x: number, residual: number, sigma: number): void {
    const o = this.options;
    const limit = o.huber * sigma;
    const clipped = residual > limit ? limit : residual < -limit ? -limit : residual;

    // Level shift: a run of large residuals of one sign means the regime changed; jump to it.
    const sign = residual > limit ? 1 : residual < -limit ? -1 : 0;
    if (sign !== 0 && sign === this.shiftSign) {
      this.shiftBuffer[this.shiftRun % this.shiftBuffer.length] = residual;
      this.shiftRun++;
    } else {
      this.shiftSign = sign;
      this.shiftRun = sign === 0 ? 0 : 1;
      this.shiftBuffer[0] = residual;
    }
    let levelUpdate = o.levelAlpha * clipped;
    if (this.shiftRun >= this.shiftBuffer.length) {
      levelUpdate = medianInPlace(Float64Array.from(this.shiftBuffer));
      this.shiftRun = 0;
      this.shiftSign = 0;
    }
    this.level += levelUpdate;

    // The seasonal profile takes what the level did not: Holt–Winters' s ← s + γ(1 − α)·r.
    const seasonalUpdate = o.seasonalGamma * (clipped - o.levelAlpha * clipped);
    for (let k = 0; k < this.profiles.length; k++) {
      // With several periods each takes a share, so together they move as one.
      this.profiles[k][this.phases[k]] += seasonalUpdate / this.profiles.length;
    }

    const absResidual = Math.abs(residual);
    const absLimit = 2 * limit;
    this.absDev += o.scaleBeta * ((absResidual > absLimit ? absLimit : absResidual) - this.absDev);
    this.magnitude += o.scaleBeta * (Math.abs(x) - this.magnitude);
  }

  private initialiseState(history: Float64Array, deseasonalised: Float64Array): void {
    const n = history.length;
    const maxPeriod = this.periods.length > 0 ? Math.max(...this.periods) : 0;
    const head = Math.min(n, Math.max(maxPeriod, 10));
    // Median of the first cycle's deseasonalised values: where the recursion starts.
    this.level = head > 0 ? medianInPlace(Float64Array.from(deseasonalised.subarray(0, head))) : 0;
    // Robust σ of the decomposition's noise, estimated from first differences (trend-free).
    const diffs = new Float64Array(Math.max(0, n - 1));
    for (let t = 1; t < n; t++) {
      diffs[t - 1] = deseasonalised[t] - deseasonalised[t - 1];
    }
    let sigma = (nanMad(diffs) * MAD_TO_SIGMA) / Math.SQRT2;
    if (!(sigma > 0)) {
      // Quantized or mostly constant data: the mean absolute difference still sees the rare steps.
      let sum = 0;
      for (let t = 0; t < diffs.length; t++) {
        sum += Math.abs(diffs[t]);
      }
      sigma = diffs.length > 0 ? ((sum / diffs.length) * ABS_DEV_TO_SIGMA) / Math.SQRT2 : 0;
    }
    this.absDev = sigma / ABS_DEV_TO_SIGMA;
    let sumSq = 0;
    for (let t = 0; t < diffs.length; t++) {
      sumSq += diffs[t] * diffs[t];
    }
    this.noiseFloor = diffs.length > 0 ? (NOISE_FLOOR_FRACTION * Math.sqrt(sumSq / diffs.length)) / Math.SQRT2 : 0;
    let magnitude = 0;
    let count = 0;
    for (let t = 0; t < n; t++) {
      if (Number.isFinite(history[t])) {
        magnitude += Math.abs(history[t]);
        count++;
      }
    }
    this.magnitude = count > 0 ? magnitude / count : 0;
    if (!Number.isFinite(this.level)) {
      this.level = 0;
    }
    this.phases.fill(0);
    this.shiftRun = 0;
    this.shiftSign = 0;
  }
}
