/**
 * Forecast combination by backtest error: keep the few best candidates and weight them by inverse error. Combining
 * the best few is more robust than picking the single best, whose rank on a couple of origins is partly luck
 * (the M4 lesson: combinations won), while inverse-error weights still favour what fitted this series.
 */
export function inverseErrorWeights(errors: Float64Array, topK: number): Float64Array {
  const m = errors.length;
  const weights = new Float64Array(m);
  const order = Array.from({ length: m }, (_, i) => i)
    .filter((i) => Number.isFinite(errors[i]))
    .sort((a, b) => errors[a] - errors[b]);
  const chosen = order.slice(0, Math.max(1, topK));
  if (chosen.length === 0) {
    return weights;
  }
  // Candidates with zero error (a constant series forecast exactly) share the weight; 1/0 would drown the rest.
  const perfect = chosen.filter((i) => errors[i] === 0);
  if (perfect.length > 0) {
    for (const i of perfect) {
      weights[i] = 1 / perfect.length;
    }
    return weights;
  }
  let total = 0;
  for (const i of chosen) {
    weights[i] = 1 / errors[i];
    total += weights[i];
  }
  for (const i of chosen) {
    weights[i] /= total;
  }
  return weights;
}

/** Σ w_c · forecasts_c, over the candidates with non-zero weight. */
export function combineForecasts(
  forecasts: readonly Float64Array[],
  weights: Float64Array,
  length: number
): Float64Array {
  const out = new Float64Array(length);
  for (let c = 0; c < forecasts.length; c++) {
    const w = weights[c];
    if (w === 0) {
      continue;
    }
    const f = forecasts[c];
    for (let k = 0; k < length; k++) {
      out[k] += w * f[k];
    }
  }
  return out;
}
