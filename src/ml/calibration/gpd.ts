/**
 * Generalized Pareto tail, the extreme-value model of exceedances over a high threshold (Pickands–Balkema–de Haan):
 * beyond the largest score seen in the history, the empirical CDF can only say "rarer than 1/n"; the GPD says how
 * much rarer, so a score twice as extreme as anything seen gets a smaller tail probability than a marginal record.
 */
export interface GpdTail {
  /** Shape ξ: > 0 heavy tail, 0 exponential, < 0 bounded. */
  shape: number;
  /** Scale β > 0. */
  scale: number;
}

/**
 * Shapes are clamped to [0, 0.5]. A negative shape means a bounded tail, i.e. "nothing beyond this endpoint can
 * happen" — a claim a few dozen exceedances cannot support, and one that would give a merely large new value
 * probability zero. Above 0.5 the variance is infinite and the fit comes from too few points to trust.
 */
const MIN_SHAPE = 0;
const MAX_SHAPE = 0.5;

/**
 * Fits a GPD to exceedances (values minus the threshold, all ≥ 0) by probability-weighted moments
 * (Hosking & Wallis 1987), which is stable for the small samples a single series' tail gives.
 * `sorted` must be ascending. Returns undefined when the exceedances are degenerate.
 */
export function fitGpd(sorted: Float64Array): GpdTail | undefined {
  const n = sorted.length;
  if (n < 3) {
    return undefined;
  }
  let a0 = 0;
  let a1 = 0;
  for (let i = 0; i < n; i++) {
    a0 += sorted[i];
    // Plotting position of the (i+1)-th smallest; a1 weights by the survival probability.
    a1 += sorted[i] * (1 - (i + 0.65) / n);
  }
  a0 /= n;
  a1 /= n;
  const denom = a0 - 2 * a1;
  if (!(a0 > 0) || !(denom > 0)) {
    return undefined;
  }
  // Hosking & Wallis' k is −ξ in the usual parameterisation.
  const k = a0 / denom - 2;
  const shape = Math.min(MAX_SHAPE, Math.max(MIN_SHAPE, -k));
  const scale = (2 * a0 * a1) / denom;
  if (!(scale > 0)) {
    return undefined;
  }
  return { shape, scale };
}

/** P(X > excess | X > threshold) for an excess ≥ 0 over the threshold. */
export function gpdSurvival(tail: GpdTail, excess: number): number {
  const { shape, scale } = tail;
  if (excess <= 0) {
    return 1;
  }
  if (Math.abs(shape) < 1e-9) {
    return Math.exp(-excess / scale);
  }
  const base = 1 + (shape * excess) / scale;
  if (base <= 0) {
    // Past the endpoint of a bounded tail.
    return 0;
  }
  return Math.pow(base, -1 / shape);
}
