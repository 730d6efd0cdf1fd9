/**
 * Combining calibrated evidence. Each detector reports a tail probability p_k for the current point. They are far
 * from independent (the residual, the isolation forest and the covariance detector all react to the same spike),
 * so Fisher's or Stouffer's method, which assume independence, would turn one spike into overwhelming evidence.
 *
 * We use a truncated Cauchy combination (after Liu & Xie, JASA 2020): T = Σ w_k · cot(π · min(p_k, ½)) / Σ w_k and
 * p = P(|C| > T) = (2/π) · atan(1/T) for a standard Cauchy C. Like the Cauchy combination test, its tail is
 * insensitive to the dependence between detectors and is dominated by the smallest p-values — one detector that sees
 * a clear anomaly is enough (with about the Bonferroni price of the weight it carries) and several that agree add
 * up — and it takes weights naturally, which is how validated precision (when labels exist) enters. The truncation
 * at ½ makes detectors without evidence neutral: in the plain test a p-value near 1 contributes cot(π·p) → −∞ and
 * can cancel a real alarm from another detector.
 */

/** A p-value of exactly 0 would make cot() infinite; this bound keeps T finite and the order intact. */
const P_FLOOR = 1e-300;

/**
 * Weighted truncated Cauchy combination of p-values (NaN entries are ignored; weights are renormalised over the
 * rest). Returns NaN when no p-value is available, 1 when no detector has any evidence (all p ≥ ½).
 */
export function cauchyCombine(pValues: ArrayLike<number>, weights: ArrayLike<number>, count = pValues.length): number {
  let t = 0;
  let wSum = 0;
  for (let k = 0; k < count; k++) {
    const p = pValues[k];
    const w = weights[k];
    if (Number.isNaN(p) || !(w > 0)) {
      continue;
    }
    wSum += w;
    if (p < 0.5) {
      // cot(πp) = 1/tan(πp), precise for the small p that matter.
      t += w / Math.tan((p < P_FLOOR ? P_FLOOR : p) * Math.PI);
    }
  }
  if (wSum === 0) {
    return NaN;
  }
  t /= wSum;
  if (t <= 0) {
    return 1;
  }
  return t > 1e6 ? 2 / (Math.PI * t) : (2 / Math.PI) * Math.atan(1 / t);
}

/**
 * Maps a tail probability to the 0–100 anomaly score: score = 100 · tanh(−log10(p) / decades).
 * `decades` sets the scale of rarity: with 6 (the default sensitivity) a one-in-a-thousand point scores 46, one in a
 * million 76, one in a billion 91. tanh rather than a clip, so the score never saturates: two rare points keep their
 * order, which alert thresholds, rankings and threshold sweeps all rely on.
 */
export function pValueToScore(p: number, decades: number): number {
  if (Number.isNaN(p)) {
    return NaN;
  }
  // Below a billionth of a decade it is rounding in the combination, not evidence.
  const raw = -Math.log10(p);
  const surprise = raw > 1e-9 ? raw : 0;
  return 100 * Math.tanh(surprise / decades);
}

/** The tail probability at which a point reaches `score` (inverse of `pValueToScore`). */
export function scoreToPValue(score: number, decades: number): number {
  const clamped = Math.min(99.999999, Math.max(0, score));
  return Math.pow(10, -decades * Math.atanh(clamped / 100));
}
