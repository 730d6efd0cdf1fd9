/**
 * Long histories at fine steps (a week at one minute: 10,080 samples) cost more to fit than they teach: the next
 * hours depend on the daily and weekly shapes and the trend, which means of a few samples carry as well. The
 * forecaster fits such series on bucket means and spreads the coarse forecast back onto the fine steps.
 */

/** Means of consecutive buckets of `factor` samples, aligned to the end (a partial oldest bucket is dropped). */
export interface Aggregated {
  values: Float64Array;
  /** Mean squared deviation of the samples from their bucket's mean: the spread the means smooth away. */
  withinVariance: number;
}

export function aggregateMeans(y: ArrayLike<number>, factor: number): Aggregated {
  const buckets = Math.floor(y.length / factor);
  const offset = y.length - buckets * factor;
  const values = new Float64Array(buckets);
  let squares = 0;
  let counted = 0;
  for (let b = 0; b < buckets; b++) {
    const from = offset + b * factor;
    let sum = 0;
    let count = 0;
    for (let i = from; i < from + factor; i++) {
      const v = y[i];
      if (Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    // An empty bucket stays a gap for the forecaster's own gap filling.
    const mean = count > 0 ? sum / count : NaN;
    values[b] = mean;
    for (let i = from; i < from + factor && count > 1; i++) {
      const v = y[i];
      if (Number.isFinite(v)) {
        squares += (v - mean) * (v - mean);
        counted++;
      }
    }
  }
  return { values, withinVariance: counted > 0 ? squares / counted : 0 };
}

/**
 * Fine-step values from coarse ones by linear interpolation between bucket centres. Coarse value j (j = 0 the
 * first forecast bucket) sits at fine step j·factor + (factor − 1)/2 after the origin; `anchor` is the last
 * observed bucket mean, centred (factor + 1)/2 steps before the first fine step. Steps past the last centre follow
 * the last segment.
 */
export function spreadToSteps(coarse: Float64Array, anchor: number, factor: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  const centre = (j: number): number => j * factor + (factor - 1) / 2;
  const valueAt = (j: number): number => (j < 0 ? anchor : coarse[j]);
  let j = -1;
  for (let k = 0; k < horizon; k++) {
    while (j + 2 < coarse.length && centre(j + 1) < k) {
      j++;
    }
    const x0 = centre(j);
    const x1 = centre(j + 1);
    const w = (k - x0) / (x1 - x0);
    out[k] = valueAt(j) + w * (valueAt(j + 1) - valueAt(j));
  }
  return out;
}

/**
 * Smallest factor ≥ `needed` (up to twice it) that divides every period, so that daily and weekly seasons stay
 * whole numbers of buckets; `needed` itself when none does.
 */
export function aggregationFactor(needed: number, periods: readonly number[]): number {
  for (let f = needed; f <= 2 * needed; f++) {
    if (periods.every((p) => Math.round(p) % f === 0)) {
      return f;
    }
  }
  return needed;
}
