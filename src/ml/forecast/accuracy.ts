/**
 * Forecast accuracy measures with the M4 competition's definitions, so our numbers compare with the published ones.
 */

/** Symmetric MAPE in percent: mean of 200·|a − f| / (|a| + |f|); a step where both are 0 counts as 0. */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  const h = actual.length;
  let sum = 0;
  for (let k = 0; k < h; k++) {
    const denom = Math.abs(actual[k]) + Math.abs(forecast[k]);
    sum += denom === 0 ? 0 : (200 * Math.abs(actual[k] - forecast[k])) / denom;
  }
  return sum / h;
}

/**
 * MASE's denominator: the in-sample mean absolute error of the seasonal naive forecast at lag `period`
 * (lag 1 when the series is shorter than one season plus one).
 */
export function maseScale(train: ArrayLike<number>, period: number): number {
  const lag = train.length > period ? period : 1;
  let sum = 0;
  let count = 0;
  for (let t = lag; t < train.length; t++) {
    sum += Math.abs(train[t] - train[t - lag]);
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  let sum = 0;
  for (let k = 0; k < actual.length; k++) {
    sum += Math.abs(actual[k] - forecast[k]);
  }
  return sum / actual.length / scale;
}

/**
 * Mean scaled interval score (M4): interval width plus 2/α times each miss, averaged and scaled like MASE.
 * Rewards narrow intervals and punishes misses in proportion to how far the actual value fell outside.
 */
export function msis(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  scale: number,
  alpha = 0.05
): number {
  let sum = 0;
  for (let k = 0; k < actual.length; k++) {
    const a = actual[k];
    sum += upper[k] - lower[k];
    if (a < lower[k]) {
      sum += (2 / alpha) * (lower[k] - a);
    } else if (a > upper[k]) {
      sum += (2 / alpha) * (a - upper[k]);
    }
  }
  return sum / actual.length / scale;
}

/** Number of actual values inside [lower, upper] (inclusive). */
export function countCovered(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0;
  for (let k = 0; k < actual.length; k++) {
    if (actual[k] >= lower[k] && actual[k] <= upper[k]) {
      inside++;
    }
  }
  return inside;
}

/** Overall weighted average of sMAPE and MASE relative to Naive2's, computed on the averages as in M4. */
export function owa(smapeValue: number, maseValue: number, naive2Smape: number, naive2Mase: number): number {
  return 0.5 * (smapeValue / naive2Smape + maseValue / naive2Mase);
}
