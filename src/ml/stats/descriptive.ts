/**
 * Descriptive statistics on plain numeric arrays. The plain variants follow numpy: a NaN anywhere gives NaN.
 * The `nan*` variants ignore non-finite values (NaN gaps, ±Inf from broken exporters), which is what scoring a
 * real metric needs; they return NaN only when nothing finite is left.
 */
import { selectKth } from './select';

export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) {
    return NaN;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += x[i];
  }
  return sum / n;
}

/** Variance with `ddof` delta degrees of freedom (0 = population, 1 = sample), two-pass for accuracy. */
export function variance(x: ArrayLike<number>, ddof = 0): number {
  const n = x.length;
  if (n - ddof <= 0) {
    return NaN;
  }
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    ss += d * d;
  }
  return ss / (n - ddof);
}

export function std(x: ArrayLike<number>, ddof = 0): number {
  return Math.sqrt(variance(x, ddof));
}

/** Copies the finite values of x into a new Float64Array. */
export function finiteValues(x: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) {
      count++;
    }
  }
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isFinite(v)) {
      out[j++] = v;
    }
  }
  return out;
}

function hasNaN(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) {
      return true;
    }
  }
  return false;
}

/** Median of values already copied into a scratch buffer (the buffer is reordered). */
export function medianInPlace(buf: Float64Array, n = buf.length): number {
  if (n === 0) {
    return NaN;
  }
  const half = n >> 1;
  const upper = selectKth(buf, half, 0, n - 1);
  if (n % 2 === 1) {
    return upper;
  }
  // After selection everything left of `half` is ≤ upper; the lower middle is their maximum.
  let lower = buf[0];
  for (let i = 1; i < half; i++) {
    if (buf[i] > lower) {
      lower = buf[i];
    }
  }
  return (lower + upper) / 2;
}

export function median(x: ArrayLike<number>): number {
  if (hasNaN(x)) {
    return NaN;
  }
  return medianInPlace(Float64Array.from(x));
}

/** Raw median absolute deviation around `center` (default: the median). Multiply by 1.4826 for a normal σ. */
export function mad(x: ArrayLike<number>, center?: number): number {
  if (hasNaN(x)) {
    return NaN;
  }
  const c = center ?? median(x);
  const dev = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    dev[i] = Math.abs(x[i] - c);
  }
  return medianInPlace(dev);
}

/** Consistency constant turning a raw MAD into an estimate of the normal standard deviation. */
export const MAD_TO_SIGMA = 1.482602218505602;

/**
 * Quantile of an ascending-sorted array with linear interpolation between order statistics
 * (Hyndman & Fan type 7, numpy's default), q in [0, 1].
 */
export function quantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(q)) {
    return NaN;
  }
  const clamped = Math.min(1, Math.max(0, q));
  const pos = clamped * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const frac = pos - lo;
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

export function nanMean(x: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

export function nanVariance(x: ArrayLike<number>, ddof = 0): number {
  return variance(finiteValues(x), ddof);
}

export function nanMedian(x: ArrayLike<number>): number {
  return medianInPlace(finiteValues(x));
}

export function nanMad(x: ArrayLike<number>, center?: number): number {
  const finite = finiteValues(x);
  if (finite.length === 0) {
    return NaN;
  }
  return mad(finite, center);
}

/** Quantile of the finite values of an unsorted array (copies and sorts). */
export function nanQuantile(x: ArrayLike<number>, q: number): number {
  const finite = finiteValues(x);
  finite.sort();
  return quantile(finite, q);
}
