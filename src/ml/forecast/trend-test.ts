import { classicalSeasonalFigure } from './seasonal-adjustment';
import { leastSquaresLine } from './theta';

/**
 * Is there a clear, steady trend to extrapolate? Disk usage climbing towards full, a queue growing by the hour:
 * for these the time to a threshold depends on extrapolating the whole slope, and the members of the pool that
 * flatten or halve it (seasonal naive, level-only smoothing, Theta, per-step damping) make the crossing late.
 * The test is deliberately strict, so that ordinary series (M4-style, seasonal with a wandering level) keep the
 * full pool: the straight line must explain most of the seasonally adjusted variance AND the slope must hold in
 * both halves of the history (a level shift or a bend gives a high R² too, but not two matching half slopes).
 */
export interface TrendEvidence {
  /** Slope per step of the least-squares line through the seasonally adjusted series. */
  slope: number;
  /** Share of the adjusted series' variance the line explains (R²), in [0, 1]. */
  strength: number;
  /** The slopes of the older and the recent half agree with the whole: same sign, within a factor of two. */
  steady: boolean;
  /** Strong and steady: extrapolate the trend linearly. */
  significant: boolean;
}

export interface TrendTestOptions {
  /** Smallest R² that counts as a clear trend. */
  minStrength?: number;
}

/** R² of 0.95: the wave and noise around the line are small next to the rise (tuned on M4 Hourly DEV). */
const DEFAULT_MIN_STRENGTH = 0.95;
/** Fewer observations than this say too little about a trend. */
const MIN_OBSERVATIONS = 20;
/** How far a half's slope may be from the whole's (ratio) and still be called the same trend. */
const STEADY_RATIO = 2;

/** Tests `y` for a steady trend, after removing the classical seasonal figure of `period` (when 2 seasons fit). */
export function detectTrend(y: Float64Array, period: number, options: TrendTestOptions = {}): TrendEvidence {
  const n = y.length;
  const none: TrendEvidence = { slope: 0, strength: 0, steady: false, significant: false };
  if (n < MIN_OBSERVATIONS) {
    return none;
  }
  const x = seasonallyAdjusted(y, period);
  const { intercept, slope } = leastSquaresLine(x);
  let mean = 0;
  for (let t = 0; t < n; t++) {
    mean += x[t];
  }
  mean /= n;
  let total = 0;
  let residual = 0;
  for (let t = 0; t < n; t++) {
    const d = x[t] - mean;
    const e = x[t] - (intercept + slope * t);
    total += d * d;
    residual += e * e;
  }
  if (!(total > 0) || !Number.isFinite(slope)) {
    return none;
  }
  const strength = Math.max(0, 1 - residual / total);
  const half = n >> 1;
  const steady =
    slope !== 0 &&
    sameTrend(leastSquaresLine(x.subarray(0, half)).slope, slope) &&
    sameTrend(leastSquaresLine(x.subarray(half)).slope, slope);
  return { slope, strength, steady, significant: steady && strength >= (options.minStrength ?? DEFAULT_MIN_STRENGTH) };
}

function sameTrend(part: number, whole: number): boolean {
  const ratio = part / whole;
  return ratio >= 1 / STEADY_RATIO && ratio <= STEADY_RATIO;
}

function seasonallyAdjusted(y: Float64Array, period: number): Float64Array {
  if (period < 2 || y.length < 2 * period) {
    return y;
  }
  const figure = classicalSeasonalFigure(y, period, 'additive');
  const x = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) {
    x[t] = y[t] - figure[t % period];
  }
  return x;
}
