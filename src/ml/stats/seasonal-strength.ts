import { centredMovingAverage } from './moving-average';

/**
 * Seasonal strength of a candidate period, after Wang, Smith & Hyndman (2006): F = 1 − Var(R) / Var(S + R), with a
 * classical decomposition (centred moving-average trend, per-phase mean profile S, remainder R). Unlike an ACF
 * peak, it also sees a daily ripple on a smooth or trending series, where the ACF is high at every lag.
 *
 * A profile estimated from k cycles fits 1/k of pure noise by itself, so the remainder variance is corrected by
 * k/(k − 1) before comparing: noise scores ≈ 0 whatever the number of cycles.
 */

/** Adjusted seasonal strength in [0, 1] of period p (p ≥ 2, at least two full cycles), NaN entries ignored. */
export function seasonalStrength(x: Float64Array, period: number): number {
  const n = x.length;
  const cycles = Math.floor(n / period);
  if (period < 2 || cycles < 2) {
    return 0;
  }
  const detrended = detrendByMovingAverage(x, period);
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let t = 0; t < n; t++) {
    const v = detrended[t];
    if (Number.isFinite(v)) {
      sums[t % period] += v;
      counts[t % period]++;
    }
  }
  let profileMean = 0;
  for (let k = 0; k < period; k++) {
    sums[k] = counts[k] > 0 ? sums[k] / counts[k] : 0;
    profileMean += sums[k];
  }
  profileMean /= period;
  let total = 0;
  let remainder = 0;
  let m = 0;
  let count = 0;
  for (let t = 0; t < n; t++) {
    if (Number.isFinite(detrended[t])) {
      m += detrended[t];
      count++;
    }
  }
  if (count < 2 * period) {
    return 0;
  }
  m /= count;
  for (let t = 0; t < n; t++) {
    const v = detrended[t];
    if (Number.isFinite(v)) {
      total += (v - m) ** 2;
      const r = v - (sums[t % period] - profileMean) - m;
      remainder += r * r;
    }
  }
  if (!(total > 0)) {
    return 0;
  }
  const k = count / period;
  const corrected = (remainder * k) / (k - 1);
  return Math.max(0, 1 - corrected / total);
}

/**
 * x minus its centred moving average over `period` points (2×period for even periods), with the window shrinking
 * at the ends so that a series of only two cycles still has a usable middle and edges. Missing values are filled
 * linearly for the average, and stay missing in the result.
 */
export function detrendByMovingAverage(x: Float64Array, period: number): Float64Array {
  const trend = centredMovingAverage(filledLinearly(x), period);
  return x.map((v, i) => (Number.isFinite(v) ? v - trend[i] : NaN));
}

function filledLinearly(x: Float64Array): Float64Array {
  const out = Float64Array.from(x);
  let prev = -1;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      continue;
    }
    if (prev === -1) {
      out.fill(x[i], 0, i);
    } else {
      for (let k = prev + 1; k < i; k++) {
        out[k] = x[prev] + ((x[i] - x[prev]) * (k - prev)) / (i - prev);
      }
    }
    prev = i;
  }
  if (prev === -1) {
    out.fill(0);
  } else {
    out.fill(x[prev], prev + 1);
  }
  return out;
}
