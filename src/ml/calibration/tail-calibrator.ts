/**
 * Turns a detector's raw output into a tail probability on the series' own history: p(s) = P(S ≥ s) under
 * "normal" behaviour, estimated from the scores the detector gave the history. This is what makes scores comparable
 * across series and detectors: an isolation-forest depth, a Mahalanobis distance and a residual z all become
 * "how rare is this here".
 *
 * Below the tail threshold the empirical survival function is used directly (with the +1 of a conformal p-value,
 * so no score is ever "impossible"); above it a generalized Pareto tail extrapolates past the largest score seen.
 * With too little history for either, a caller-supplied reference tail (e.g. the normal law for residual z) stands
 * in, so a brand-new series still gets sensible probabilities.
 */
import { fitGpd, type GpdTail, gpdSurvival } from './gpd';

export interface TailCalibratorOptions {
  /** Fraction of the history treated as the tail for the GPD fit; default 0.05. */
  tailFraction?: number;
  /** Exceedances used for the GPD fit at least (when the history has four times as many points); default 10. */
  minTailPoints?: number;
  /** Minimum history for the empirical part; below it `reference` is used; default 40. */
  minHistory?: number;
  /** Survival function used until enough history exists; default: none (p = 1, i.e. no evidence). */
  reference?: (score: number) => number;
}

/** Smallest probability returned: keeps −log10(p) finite. */
export const MIN_P_VALUE = 1e-16;

/** Every BLOCK-th sorted score is kept in a small index, so a lookup touches two cache-resident blocks. */
const BLOCK = 16;

export class TailCalibrator {
  private sorted = new Float64Array(0);
  /** index[b] = sorted[b · BLOCK]: searched first, then one block of `sorted`. */
  private index = new Float64Array(0);
  private threshold = Infinity;
  private tail: GpdTail | undefined;
  private tailMass = 0;
  private readonly tailFraction: number;
  private readonly minTailPoints: number;
  private readonly minHistory: number;
  private readonly reference: ((score: number) => number) | undefined;

  constructor(options: TailCalibratorOptions = {}) {
    this.tailFraction = options.tailFraction ?? 0.05;
    this.minTailPoints = options.minTailPoints ?? 10;
    this.minHistory = options.minHistory ?? 40;
    this.reference = options.reference;
  }

  /** Number of finite history scores the calibration rests on. */
  get size(): number {
    return this.sorted.length;
  }

  /** Learns the null distribution from the history's scores (non-finite ones are ignored). */
  fit(scores: ArrayLike<number>): this {
    let count = 0;
    for (let i = 0; i < scores.length; i++) {
      if (Number.isFinite(scores[i])) {
        count++;
      }
    }
    const sorted = new Float64Array(count);
    let j = 0;
    for (let i = 0; i < scores.length; i++) {
      if (Number.isFinite(scores[i])) {
        sorted[j++] = scores[i];
      }
    }
    sorted.sort();
    this.sorted = sorted;
    this.index = new Float64Array(Math.ceil(sorted.length / BLOCK));
    for (let b = 0; b < this.index.length; b++) {
      this.index[b] = sorted[b * BLOCK];
    }
    this.tail = undefined;
    this.threshold = Infinity;
    const n = sorted.length;
    // Short histories still get a tail (from their top points): without one, anything beyond the largest score
    // seen would be capped at p = 1/(n+1), however extreme.
    const tailCount = Math.max(this.minTailPoints, Math.floor(n * this.tailFraction));
    if (n >= this.minHistory && tailCount * 4 <= n) {
      const threshold = sorted[n - tailCount - 1];
      const excess = new Float64Array(tailCount);
      for (let i = 0; i < tailCount; i++) {
        excess[i] = sorted[n - tailCount + i] - threshold;
      }
      this.tail = fitGpd(excess);
      if (this.tail) {
        this.threshold = threshold;
        this.tailMass = (tailCount + 1) / (n + 1);
      }
    }
    return this;
  }

  /** Number of history scores ≥ x: binary search in the block index, then within one block. */
  private countAtLeast(x: number): number {
    const index = this.index;
    let lo = 0;
    let hi = index.length;
    // First block whose first value is ≥ x; the answer lies in the block before it.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (index[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const sorted = this.sorted;
    let i = lo === 0 ? 0 : (lo - 1) * BLOCK;
    const end = Math.min(sorted.length, lo * BLOCK);
    while (i < end && sorted[i] < x) {
      i++;
    }
    return sorted.length - i;
  }

  /** P(S ≥ score) under the history's distribution, in [MIN_P_VALUE, 1]; NaN in, NaN out. */
  pValue(score: number): number {
    if (Number.isNaN(score)) {
      return NaN;
    }
    const n = this.sorted.length;
    let p: number;
    if (n < this.minHistory) {
      p = this.reference ? this.reference(score) : 1;
    } else if (score > this.threshold && this.tail) {
      p = this.tailMass * gpdSurvival(this.tail, score - this.threshold);
    } else {
      p = (this.countAtLeast(score) + 1) / (n + 1);
      if (score > this.sorted[n - 1] && this.reference) {
        // Beyond everything seen and no tail to extrapolate with (a degenerate history, e.g. a constant
        // series): the reference law is the only way to say how far beyond.
        p = Math.min(p, this.reference(score));
      }
    }
    return p < MIN_P_VALUE ? MIN_P_VALUE : p > 1 ? 1 : p;
  }
}

/**
 * The score whose tail probability is `p` (the inverse of `pValue`), found by bisection because the survival
 * function is piecewise (empirical body, GPD tail, reference). Used once per fit to draw bands, not per point.
 */
export function scoreForPValue(calibrator: TailCalibrator, p: number, lo: number, hi: number): number {
  if (calibrator.pValue(hi) > p) {
    return hi;
  }
  let a = lo;
  let b = hi;
  for (let i = 0; i < 100 && b - a > 1e-9 * Math.max(1, Math.abs(b)); i++) {
    const mid = 0.5 * (a + b);
    if (calibrator.pValue(mid) > p) {
      a = mid;
    } else {
      b = mid;
    }
  }
  return b;
}
