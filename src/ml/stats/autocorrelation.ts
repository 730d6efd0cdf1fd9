/**
 * Sample autocorrelation function, the standard biased estimator (as statsmodels' `acf`): the lag-k
 * autocovariance is divided by n, not n − k, which keeps the sequence positive semi-definite and damps the
 * noisy far lags. Non-finite values are missing: each lag is normalised by the pairs actually observed
 * (statsmodels' missing="conservative"), otherwise a regular gap pattern would itself look periodic.
 */
import { fft, nextPowerOfTwo } from './fft';

/** Above this many multiply-adds the FFT route is cheaper than the direct sum. */
const DIRECT_WORK_LIMIT = 4_000_000;

/** acf[0] = 1, acf[k] for k = 1..maxLag; all zero when the series is constant. */
export function autocorrelation(x: Float64Array, maxLag: number): Float64Array {
  const n = x.length;
  const lags = Math.max(0, Math.min(Math.floor(maxLag), n - 1));
  const out = new Float64Array(lags + 1);
  if (n === 0) {
    return out;
  }
  const centered = centeredCopy(x);
  const products = laggedProducts(centered, lags);
  if (!(products[0] > 0)) {
    return out;
  }
  const observed = observedMask(x);
  if (!observed) {
    for (let k = 0; k <= lags; k++) {
      out[k] = products[k] / products[0];
    }
    return out;
  }
  const pairs = laggedProducts(observed, lags);
  const perPair0 = products[0] / pairs[0];
  for (let k = 0; k <= lags; k++) {
    // Per observed pair, times the (n − k) / n damping of the biased estimator.
    out[k] = pairs[k] > 0 ? ((products[k] / pairs[k]) * ((n - k) / n)) / perPair0 : 0;
  }
  return out;
}

/** s[k] = Σ_i y[i]·y[i−k] for k = 0..lags, directly or through the power spectrum (Wiener–Khinchin). */
function laggedProducts(y: Float64Array, lags: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(lags + 1);
  if (n * (lags + 1) <= DIRECT_WORK_LIMIT) {
    for (let k = 0; k <= lags; k++) {
      let s = 0;
      for (let i = k; i < n; i++) {
        s += y[i] * y[i - k];
      }
      out[k] = s;
    }
    return out;
  }
  // Zero-padding to ≥ 2n keeps the circular correlation from wrapping around.
  const size = nextPowerOfTwo(2 * n);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  re.set(y);
  fft(re, im);
  for (let i = 0; i < size; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  fft(re, im, true);
  for (let k = 0; k <= lags; k++) {
    out[k] = re[k];
  }
  return out;
}

/** 1 where x is finite, 0 elsewhere; undefined when every value is finite (the common, cheaper case). */
function observedMask(x: Float64Array): Float64Array | undefined {
  let missing = false;
  const mask = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) {
      mask[i] = 1;
    } else {
      missing = true;
    }
  }
  return missing ? mask : undefined;
}

function centeredCopy(x: Float64Array): Float64Array {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) {
      sum += x[i];
      count++;
    }
  }
  const m = count === 0 ? 0 : sum / count;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    out[i] = Number.isFinite(x[i]) ? x[i] - m : 0;
  }
  return out;
}
