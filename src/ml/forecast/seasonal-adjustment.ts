import { autocorrelation } from 'ml/stats';

/**
 * Classical seasonal adjustment exactly as the M4 benchmarks do it (Naive2, Theta, SES/Holt/Damped): test the
 * lag-m autocorrelation at 90% one-sided confidence, and if it is significant remove a classical decomposition's
 * seasonal figure. Reproducing this bit for bit is what lets our Naive2 match the published M4 baselines.
 */

/** One-sided 90% normal quantile, as in the M4 benchmark code. */
const M4_TCRIT = 1.645;

/**
 * The M4 seasonality test: |r_m| > 1.645 · sqrt((1 + 2 Σ_{k<m} r_k²) / n), Bartlett's standard error of r_m under
 * the hypothesis of an MA(m−1) process. Series shorter than three seasons are never called seasonal.
 */
export function m4SeasonalityTest(y: Float64Array, period: number): boolean {
  const n = y.length;
  if (period < 2 || n < 3 * period) {
    return false;
  }
  const acf = autocorrelation(y, period);
  let sumSquares = 0;
  for (let k = 1; k < period; k++) {
    sumSquares += acf[k] * acf[k];
  }
  const limit = (M4_TCRIT / Math.sqrt(n)) * Math.sqrt(1 + 2 * sumSquares);
  const r = acf[period];
  return Number.isFinite(r) && Math.abs(r) > limit;
}

export type SeasonalForm = 'multiplicative' | 'additive';

/**
 * The seasonal figure of a classical decomposition (R's `decompose`): a centred moving average of one season
 * as trend, the per-position mean of the detrended values, normalised to mean 1 (multiplicative) or 0 (additive).
 * `figure[j]` belongs to the positions t with t mod period = j, counting from the start of the series.
 */
export function classicalSeasonalFigure(y: Float64Array, period: number, form: SeasonalForm): Float64Array {
  const n = y.length;
  const half = period >> 1;
  const even = period % 2 === 0;
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  // Running sum of y[t−half ..= t+half] keeps the moving average O(n) rather than O(n·m).
  let window = 0;
  for (let i = 0; i <= 2 * half && i < n; i++) {
    window += y[i];
  }
  for (let t = half; t + half < n; t++) {
    // Even m: the 2×m MA puts half weights on the two ends of its m+1 values.
    const trend = even ? (window - 0.5 * (y[t - half] + y[t + half])) / period : window / period;
    const detrended = form === 'multiplicative' ? y[t] / trend : y[t] - trend;
    const j = t % period;
    sums[j] += detrended;
    counts[j]++;
    if (t + half + 1 < n) {
      window += y[t + half + 1] - y[t - half];
    }
  }
  const figure = new Float64Array(period);
  const neutral = form === 'multiplicative' ? 1 : 0;
  let total = 0;
  for (let j = 0; j < period; j++) {
    figure[j] = counts[j] > 0 ? sums[j] / counts[j] : neutral;
    total += figure[j];
  }
  const centre = total / period;
  for (let j = 0; j < period; j++) {
    figure[j] = form === 'multiplicative' ? figure[j] / centre : figure[j] - centre;
  }
  return figure;
}

/** A series with its seasonal figure removed, and what is needed to put it back on forecasts. */
export interface SeasonalAdjustment {
  readonly period: number;
  readonly form: SeasonalForm;
  /** Null when the series is not (significantly) seasonal: `adjusted` is then the input itself. */
  readonly figure: Float64Array | null;
  readonly adjusted: Float64Array;
}

export interface AdjustOptions {
  /** Preferred form; multiplicative silently becomes additive when a value is ≤ 0 (ratios would flip sign). */
  form?: SeasonalForm;
  /** Apply the M4 test first (default). When false, any series of two full seasons is adjusted. */
  test?: boolean;
}

export function adjustSeasonality(y: Float64Array, period: number, options: AdjustOptions = {}): SeasonalAdjustment {
  const wanted = options.form ?? 'multiplicative';
  const form: SeasonalForm = wanted === 'multiplicative' && !allPositive(y) ? 'additive' : wanted;
  const seasonal = period >= 2 && (options.test === false ? y.length >= 2 * period : m4SeasonalityTest(y, period));
  if (!seasonal) {
    return { period, form, figure: null, adjusted: y };
  }
  const figure = classicalSeasonalFigure(y, period, form);
  const adjusted = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) {
    const s = figure[t % period];
    adjusted[t] = form === 'multiplicative' ? y[t] / s : y[t] - s;
  }
  return { period, form, figure, adjusted };
}

/** Puts the seasonal figure back on forecasts (in place) whose first step is series position `start`. */
export function restoreSeasonality(adjustment: SeasonalAdjustment, values: Float64Array, start: number): Float64Array {
  const { figure, period, form } = adjustment;
  if (figure === null) {
    return values;
  }
  for (let k = 0; k < values.length; k++) {
    const s = figure[(start + k) % period];
    values[k] = form === 'multiplicative' ? values[k] * s : values[k] + s;
  }
  return values;
}

function allPositive(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] > 0)) {
      return false;
    }
  }
  return true;
}
