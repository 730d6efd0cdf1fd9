/**
 * Batch estimate of seasonal profiles, used to start the online seasonal baseline from a good state instead of
 * learning every phase from scratch: a centred moving average removes the trend, then each phase's profile value is
 * the median of its detrended values across cycles (medians, so one incident in the history does not bend the
 * profile). Several periods are peeled off shortest first, each from what the previous ones left.
 */
import { centredMovingAverage, medianInPlace } from '../stats';

/** Linear interpolation over non-finite values (ends are held flat); all-missing input gives zeros. */
export function interpolateGaps(x: Float64Array): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) {
      continue;
    }
    out[i] = x[i];
    if (prev === -1) {
      out.fill(x[i], 0, i);
    } else if (i - prev > 1) {
      const step = (x[i] - x[prev]) / (i - prev);
      for (let k = prev + 1; k < i; k++) {
        out[k] = x[prev] + step * (k - prev);
      }
    }
    prev = i;
  }
  if (prev >= 0 && prev < n - 1) {
    out.fill(x[prev], prev + 1);
  }
  return out;
}

export interface Decomposition {
  /** One zero-mean profile per period, indexed by phase = (index mod period). */
  profiles: Float64Array[];
  /** x minus all profiles: trend plus noise. */
  deseasonalised: Float64Array;
}

export function decompose(x: Float64Array, periods: readonly number[]): Decomposition {
  const filled = interpolateGaps(x);
  const residual = Float64Array.from(filled);
  const order = [...periods].map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const profiles: Float64Array[] = new Array(periods.length);
  for (const { p, i } of order) {
    const trend = centredMovingAverage(residual, p);
    const profile = phaseMedians(residual, trend, p);
    for (let t = 0; t < residual.length; t++) {
      residual[t] -= profile[t % p];
    }
    profiles[i] = profile;
  }
  return { profiles, deseasonalised: residual };
}

function phaseMedians(x: Float64Array, trend: Float64Array, period: number): Float64Array {
  const cycles = Math.ceil(x.length / period);
  const buf = new Float64Array(cycles);
  const profile = new Float64Array(period);
  for (let phase = 0; phase < period; phase++) {
    let count = 0;
    for (let t = phase; t < x.length; t += period) {
      buf[count++] = x[t] - trend[t];
    }
    profile[phase] = count > 0 ? medianInPlace(buf, count) : 0;
  }
  let mean = 0;
  for (let phase = 0; phase < period; phase++) {
    mean += profile[phase];
  }
  mean /= period;
  for (let phase = 0; phase < period; phase++) {
    profile[phase] -= mean;
  }
  return profile;
}
