/**
 * Combining calibrated evidence. Each detector reports a tail probability p_k for the current point. They are far
 * from independent (the residual, the isolation forest and the covariance detector all react to the same spike),
 * so Fisher's or Stouffer's method, which assume independence, would turn one spike into overwhelming evidence.
 *
 * We use the Cauchy combination test (Liu & Xie, JASA 2020): T = Σ w_k · tan((0.5 − p_k)·π), p = 0.5 − atan(T)/π.
 * Its tail is (asymptotically) exact under arbitrary dependence between the p-values, it is dominated by the
 * smallest p-values (so one detector that sees a clear anomaly is enough) without the heavy Bonferroni penalty, and
 * it takes weights naturally — which is how validated precision (when labels exist) enters.
 */

/** p-values at 0 or 1 make tan() infinite; these bounds keep T finite and the result ordered. */
const P_FLOOR = 1e-300;
const P_CEIL = 1 - 1e-12;

/**
 * Weighted Cauchy combination of p-values (NaN entries are ignored; weights are renormalised over the rest).
 * Returns NaN when no p-value is available.
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
    const clamped = p < P_FLOOR ? P_FLOOR : p > P_CEIL ? P_CEIL : p;
    // For small p, tan((0.5 − p)π) = cot(pπ) ≈ 1/(pπ); computing it as 1/tan(pπ) keeps precision there.
    t += w / Math.tan(clamped * Math.PI);
    wSum += w;
  }
  if (wSum === 0) {
    return NaN;
  }
  t /= wSum;
  // Survival of the standard Cauchy; for large T use 1/(πT) to avoid cancellation in 0.5 − atan(T)/π.
  return t > 1e6 ? 1 / (Math.PI * t) : 0.5 - Math.atan(t) / Math.PI;
}

/**
 * Maps a tail probability to the 0–100 anomaly score: score = 100 · min(1, −log10(p) / decades).
 * `decades` is how many orders of magnitude of rarity make a point certainly anomalous; a point as rare as
 * one in 10^(0.3·decades) reaches the top of the "normal" band (30).
 */
export function pValueToScore(p: number, decades: number): number {
  if (Number.isNaN(p)) {
    return NaN;
  }
  // Below a billionth of a decade it is rounding in the combination, not evidence.
  const raw = -Math.log10(p);
  const surprise = raw > 1e-9 ? raw : 0;
  const score = (100 * surprise) / decades;
  return score > 100 ? 100 : score;
}
