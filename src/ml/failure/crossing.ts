import { normalCdf } from 'ml/stats';

/**
 * Threshold crossing from a forecast distribution: per-step mean and normal-equivalent spread (`Forecast.sigma`).
 */
export type CrossingDirection = 'above' | 'below';

/** True when `value` is on the failing side of the threshold (at it counts as crossed). */
export function isCrossed(value: number, threshold: number, direction: CrossingDirection): boolean {
  return direction === 'above' ? value >= threshold : value <= threshold;
}

/** P(Y_k on the failing side) under N(mean_k, sigma_k²); a zero spread gives a certain 0 or 1. */
export function marginalCrossingProbability(
  mean: number,
  sigma: number,
  threshold: number,
  direction: CrossingDirection
): number {
  if (!(sigma > 0)) {
    return isCrossed(mean, threshold, direction) ? 1 : 0;
  }
  const z = (threshold - mean) / sigma;
  return direction === 'above' ? 1 - normalCdf(z) : normalCdf(z);
}

/**
 * P(crossed at or before step k), k = 1..h, as the running maximum of the per-step probabilities. The chance of
 * crossing by step k is at least the chance of being across at any step j ≤ k, with equality when forecast errors
 * are perfectly correlated across steps. Errors of level-driven metrics are strongly correlated (a forecast that is
 * low at step 5 is low at step 6), so this lower bound is close, and it is monotone in the horizon by construction.
 */
export function cumulativeCrossingProbabilities(
  mean: Float64Array,
  sigma: Float64Array,
  threshold: number,
  direction: CrossingDirection
): Float64Array {
  const out = new Float64Array(mean.length);
  let running = 0;
  for (let k = 0; k < mean.length; k++) {
    const p = marginalCrossingProbability(mean[k], sigma[k], threshold, direction);
    running = Math.max(running, Number.isFinite(p) ? p : 0);
    out[k] = running;
  }
  return out;
}

/** Time to threshold in steps ahead (1 = the next sample); null when not reached within the horizon. */
export interface TimeToThreshold {
  /** Median first-passage time: the first step by which crossing is more likely than not. */
  steps: number | null;
  /** Early and late ends of the central interval at the requested level. */
  earliest: number | null;
  latest: number | null;
}

/** Quantiles of the first-passage time read off the cumulative crossing probabilities. */
export function timeToThreshold(cumulative: Float64Array, level: number): TimeToThreshold {
  const tail = (1 - level) / 2;
  return {
    steps: firstStepReaching(cumulative, 0.5),
    earliest: firstStepReaching(cumulative, tail),
    latest: firstStepReaching(cumulative, 1 - tail),
  };
}

function firstStepReaching(cumulative: Float64Array, p: number): number | null {
  for (let k = 0; k < cumulative.length; k++) {
    if (cumulative[k] >= p) {
      return k + 1;
    }
  }
  return null;
}
