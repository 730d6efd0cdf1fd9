/**
 * Simple exponential smoothing with its smoothing weight chosen by one-step squared error, and the initial
 * level solved exactly for each weight: with errors linear in the initial level, the best level is a
 * closed-form least-squares coefficient, so the search is one-dimensional.
 */

export interface SesFit {
  alpha: number;
  /** Level after the last observation: the flat forecast. */
  level: number;
  sse: number;
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;
const ALPHA_MIN = 0.0001;
const ALPHA_MAX = 0.9999;

export function fitSes(y: Float64Array, tolerance = 1e-4): SesFit {
  if (y.length === 0) {
    throw new RangeError('SES needs at least one observation');
  }
  // Golden-section search on α: SSE(α) is smooth and in practice unimodal on (0, 1).
  let a = ALPHA_MIN;
  let b = ALPHA_MAX;
  let c = b - GOLDEN * (b - a);
  let d = a + GOLDEN * (b - a);
  let fc = sesSse(y, c).sse;
  let fd = sesSse(y, d).sse;
  while (b - a > tolerance) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - GOLDEN * (b - a);
      fc = sesSse(y, c).sse;
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + GOLDEN * (b - a);
      fd = sesSse(y, d).sse;
    }
  }
  return sesSse(y, (a + b) / 2);
}

/**
 * SSE of SES at a given α with the optimal initial level. With l₀ = 0 the one-step errors are u_t; a general l₀
 * shifts them by −(1−α)^t·l₀, so the best l₀ is Σ c_t u_t / Σ c_t² with c_t = (1−α)^t.
 */
export function sesSse(y: Float64Array, alpha: number): SesFit {
  const n = y.length;
  const decay = 1 - alpha;
  let level = 0;
  let c = 1;
  let suu = 0;
  let scu = 0;
  let scc = 0;
  for (let t = 0; t < n; t++) {
    const u = y[t] - level;
    suu += u * u;
    scu += c * u;
    scc += c * c;
    level += alpha * u;
    c *= decay;
  }
  const l0 = scc > 0 ? scu / scc : 0;
  // The final level also carries (1−α)^n of the initial level.
  return { alpha, level: level + c * l0, sse: Math.max(0, suu - (scu * scu) / scc) };
}
