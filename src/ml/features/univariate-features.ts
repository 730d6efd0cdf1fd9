/**
 * Engineered features of one series for the multivariate detectors (isolation forest, robust covariance):
 * the standardized value (the seasonal baseline's residual z), its rolling mean / std / min / max, the rate of
 * change in units of the baseline's σ, and the last two residuals. Causal and streaming: each row only uses the
 * point and the ones before it.
 *
 * Why standardized and not raw values: tree splits and covariances on the raw level would make every point after a
 * level shift or along a trend an "outlier" until the next refit, and would not transfer between series of
 * different magnitudes. In σ units around the expected value, "normal" looks the same before and after a shift
 * the baseline has adopted, and the features describe the *shape* of the deviation (a lone spike, a run, a burst
 * of variance, a sudden step) — what the residual alone cannot tell apart.
 */
import { RollingWindow } from './rolling-window';

export const UNIVARIATE_FEATURES = [
  'residual',
  'rolling_mean',
  'rolling_std',
  'rolling_min',
  'rolling_max',
  'rate_of_change',
  'residual_lag1',
  'residual_lag2',
] as const;

export const UNIVARIATE_FEATURE_COUNT = UNIVARIATE_FEATURES.length;

/** Bound (in σ) on the residuals entering the context features (window statistics, lags, rate of change). */
export const CONTEXT_CLIP = 4;

export class UnivariateFeatures {
  readonly cols = UNIVARIATE_FEATURE_COUNT;
  private window: RollingWindow;
  private previousValue = NaN;
  private previousResidual = 0;
  private previousResidual2 = 0;

  /** @param window points in the rolling statistics; default 10 */
  constructor(window = 10) {
    this.window = new RollingWindow(window);
  }

  /** An independent copy that continues exactly where these features stand. */
  clone(): UnivariateFeatures {
    const copy = new UnivariateFeatures(this.window.size);
    copy.window = this.window.clone();
    copy.previousValue = this.previousValue;
    copy.previousResidual = this.previousResidual;
    copy.previousResidual2 = this.previousResidual2;
    return copy;
  }

  /**
   * Writes the feature row of a new point (value x, residual z, baseline σ) at `out[offset..offset + cols)`.
   * A missing value gives a row of NaN (the detectors skip it) and leaves the state untouched.
   */
  push(x: number, z: number, sigma: number, out: Float64Array, offset = 0): void {
    if (!Number.isFinite(x) || !Number.isFinite(z)) {
      out.fill(NaN, offset, offset + this.cols);
      return;
    }
    const w = this.window;
    // Context features see the residual clipped: one spike must not make the next window-full of rows outliers.
    const clipped = z > CONTEXT_CLIP ? CONTEXT_CLIP : z < -CONTEXT_CLIP ? -CONTEXT_CLIP : z;
    w.push(clipped);
    out[offset] = z;
    out[offset + 1] = w.mean();
    out[offset + 2] = w.std();
    out[offset + 3] = w.min();
    out[offset + 4] = w.max();
    // The first point has no predecessor: no change yet, not a missing one.
    const change = Number.isFinite(this.previousValue) && sigma > 0 ? (x - this.previousValue) / sigma : 0;
    out[offset + 5] = change > CONTEXT_CLIP ? CONTEXT_CLIP : change < -CONTEXT_CLIP ? -CONTEXT_CLIP : change;
    out[offset + 6] = this.previousResidual;
    out[offset + 7] = this.previousResidual2;
    this.previousValue = x;
    this.previousResidual2 = this.previousResidual;
    this.previousResidual = clipped;
  }

  /** Feature matrix (row-major, values.length × cols) of a whole history. */
  matrix(values: Float64Array, residuals: Float64Array, sigmas: Float64Array): Float64Array {
    const out = new Float64Array(values.length * this.cols);
    for (let t = 0; t < values.length; t++) {
      this.push(values[t], residuals[t], sigmas[t], out, t * this.cols);
    }
    return out;
  }
}
