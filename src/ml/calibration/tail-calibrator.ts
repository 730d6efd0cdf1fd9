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
import { lowerBound, upperBound } from '../stats/sorted-search';
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

/**
 * Knots of the bounded summary of the body: evenly spaced in rank for the bulk, plus geometrically spaced towards
 * the top, where relative resolution in p matters (a score is −log10 p). Histories with at most this many scores
 * keep them all, exactly.
 */
const RANK_KNOTS = 64;
const TOP_KNOTS = 48;
const MAX_EXACT = RANK_KNOTS + TOP_KNOTS;

export class TailCalibrator {
  /** Ascending knot values of the history's scores. */
  private knots = new Float64Array(0);
  /** atLeast[j] = history scores ≥ knots[j]; above[j] = history scores > knots[j] (they differ on ties). */
  private atLeast = new Float64Array(0);
  private above = new Float64Array(0);
  /** Finite history scores summarised. */
  private count = 0;
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
    return this.count;
  }

  /** Values kept of the history (bounded, whatever its length). */
  get knotCount(): number {
    return this.knots.length;
  }

  /**
   * Learns the null distribution from the history's scores (non-finite ones are ignored). Only a bounded summary
   * is kept — about a hundred knots and the tail fit — so a model costs the same after a day as after a month.
   */
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
    this.count = count;
    this.summarise(sorted);
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

  /**
   * A calibrator is immutable once fitted (scoring only reads it), so copies of a model may share it; this
   * returns a distinct one for callers that want ownership anyway.
   */
  clone(): TailCalibrator {
    const copy = new TailCalibrator({
      tailFraction: this.tailFraction,
      minTailPoints: this.minTailPoints,
      minHistory: this.minHistory,
      reference: this.reference,
    });
    copy.knots = this.knots;
    copy.atLeast = this.atLeast;
    copy.above = this.above;
    copy.count = this.count;
    copy.threshold = this.threshold;
    copy.tail = this.tail && { ...this.tail };
    copy.tailMass = this.tailMass;
    return copy;
  }

  /** Picks the knots of an ascending history and the exact counts at each. */
  private summarise(sorted: Float64Array): void {
    const n = sorted.length;
    const ranks = new Set<number>();
    if (n <= MAX_EXACT) {
      for (let r = 0; r < n; r++) {
        ranks.add(r);
      }
    } else {
      for (let k = 0; k < RANK_KNOTS; k++) {
        ranks.add(Math.round((k * (n - 1)) / (RANK_KNOTS - 1)));
      }
      // c points at or above the knot, c from 1 to n geometrically: the top is resolved point by point.
      for (let k = 0; k < TOP_KNOTS; k++) {
        ranks.add(n - Math.round(Math.pow(n, k / (TOP_KNOTS - 1))));
      }
    }
    const chosen = Float64Array.from(ranks).sort();
    const knots: number[] = [];
    for (const r of chosen) {
      const v = sorted[r];
      if (knots.length === 0 || knots[knots.length - 1] !== v) {
        knots.push(v);
      }
    }
    this.knots = Float64Array.from(knots);
    this.atLeast = new Float64Array(knots.length);
    this.above = new Float64Array(knots.length);
    for (let k = 0; k < knots.length; k++) {
      this.atLeast[k] = n - lowerBound(sorted, knots[k]);
      this.above[k] = n - upperBound(sorted, knots[k]);
    }
  }

  /**
   * Number of history scores ≥ x: exact at the knots and beyond the extremes, linear in between (the counts
   * between two neighbouring knots lie between what the knots bound them to).
   */
  private countAtLeast(x: number): number {
    const knots = this.knots;
    // First knot ≥ x.
    let lo = 0;
    let hi = knots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (knots[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo === knots.length) {
      return 0;
    }
    if (lo === 0 || knots[lo] === x) {
      return this.atLeast[lo];
    }
    const left = knots[lo - 1];
    const fraction = (x - left) / (knots[lo] - left);
    return this.above[lo - 1] + fraction * (this.atLeast[lo] - this.above[lo - 1]);
  }

  /** P(S ≥ score) under the history's distribution, in [MIN_P_VALUE, 1]; NaN in, NaN out. */
  pValue(score: number): number {
    if (Number.isNaN(score)) {
      return NaN;
    }
    const n = this.count;
    let p: number;
    if (n < this.minHistory) {
      p = this.reference ? this.reference(score) : 1;
    } else if (score > this.threshold && this.tail) {
      p = this.tailMass * gpdSurvival(this.tail, score - this.threshold);
    } else {
      p = (this.countAtLeast(score) + 1) / (n + 1);
      if (score > this.knots[this.knots.length - 1] && this.reference) {
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
