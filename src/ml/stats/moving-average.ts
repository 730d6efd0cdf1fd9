/**
 * Centred moving average over `width` points (a 2×width average for even widths, as in classical decomposition),
 * shrinking the window at the ends rather than leaving them undefined.
 */
export function centredMovingAverage(x: Float64Array, width: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  if (n === 0) {
    return out;
  }
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    prefix[i + 1] = prefix[i] + x[i];
  }
  const half = Math.floor(width / 2);
  const even = width % 2 === 0;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n - 1, i + half);
    if (even && i - half >= 0 && i + half < n) {
      // Both end points get half weight so the window is centred on i.
      const inner = prefix[hi] - prefix[lo + 1];
      out[i] = (inner + 0.5 * (x[lo] + x[hi])) / width;
    } else {
      out[i] = (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
    }
  }
  return out;
}
