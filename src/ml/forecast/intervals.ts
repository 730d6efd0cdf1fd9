/**
 * Prediction intervals calibrated on held-out residuals (split conformal in spirit): the residuals of the
 * combined forecast at the backtest origins say how wrong this forecast tends to be at each horizon step.
 * A few origins give only a few residuals per step, so each step pools the steps around it, and the scale is made
 * non-decreasing in the horizon (uncertainty does not shrink as we look further ahead).
 */

export interface ResidualScaleOptions {
  /** Steps on each side pooled into a step's scale. */
  neighbourhood?: number;
}

/**
 * Per-step residual scale (root mean square over origins and neighbouring steps), made non-decreasing in the
 * horizon, for a forecast of `horizon` steps. `residuals` is origin-major with `backtestHorizon` steps per origin;
 * steps beyond the backtest horizon grow like a random walk's, √(k / backtestHorizon).
 */
export function residualScales(
  residuals: Float64Array,
  backtestHorizon: number,
  horizon: number,
  options: ResidualScaleOptions = {}
): Float64Array {
  const origins = Math.floor(residuals.length / backtestHorizon);
  const w = options.neighbourhood ?? 6;
  const scales = new Float64Array(horizon);
  let running = 0;
  for (let k = 0; k < horizon; k++) {
    let value: number;
    if (k < backtestHorizon) {
      let sum = 0;
      let count = 0;
      const lo = Math.max(0, k - w);
      const hi = Math.min(backtestHorizon - 1, k + w);
      for (let o = 0; o < origins; o++) {
        for (let j = lo; j <= hi; j++) {
          const r = residuals[o * backtestHorizon + j];
          sum += r * r;
          count++;
        }
      }
      value = count > 0 ? Math.sqrt(sum / count) : NaN;
    } else {
      value = scales[backtestHorizon - 1] * Math.sqrt((k + 1) / backtestHorizon);
    }
    running = Math.max(running, value);
    scales[k] = running;
  }
  return scales;
}
