/**
 * Engineered features of one series for the multivariate detectors (isolation forest, robust covariance):
 * the value, the seasonal baseline's residual, rolling mean / std / min / max of the value, the rate of change
 * and the previous residual. Causal and streaming: each row only uses the point and the ones before it.
 */
import { RollingWindow } from './rolling-window';

export const UNIVARIATE_FEATURES = [
  'value',
  'residual',
  'rolling_mean',
  'rolling_std',
  'rolling_min',
  'rolling_max',
  'rate_of_change',
  'residual_lag1',
] as const;

export const UNIVARIATE_FEATURE_COUNT = UNIVARIATE_FEATURES.length;

export class UnivariateFeatures {
  readonly cols = UNIVARIATE_FEATURE_COUNT;
  private readonly window: RollingWindow;
  private previousValue = NaN;
  private previousResidual = NaN;

  /** @param window points in the rolling statistics; default 10 */
  constructor(window = 10) {
    this.window = new RollingWindow(window);
  }

  /**
   * Writes the feature row of a new point (value x, residual z) at `out[offset..offset + cols)`.
   * A missing value gives a row of NaN (the detectors skip it) and leaves the state untouched.
   */
  push(x: number, z: number, out: Float64Array, offset = 0): void {
    if (!Number.isFinite(x) || !Number.isFinite(z)) {
      out.fill(NaN, offset, offset + this.cols);
      return;
    }
    const w = this.window;
    w.push(x);
    out[offset] = x;
    out[offset + 1] = z;
    out[offset + 2] = w.mean();
    out[offset + 3] = w.std();
    out[offset + 4] = w.min();
    out[offset + 5] = w.max();
    // The first point has no predecessor: no change yet, not a missing one.
    out[offset + 6] = Number.isFinite(this.previousValue) ? x - this.previousValue : 0;
    out[offset + 7] = Number.isFinite(this.previousResidual) ? this.previousResidual : 0;
    this.previousValue = x;
    this.previousResidual = z;
  }

  /** Feature matrix (row-major, values.length × cols) of a whole history. */
  matrix(values: Float64Array, residuals: Float64Array): Float64Array {
    const out = new Float64Array(values.length * this.cols);
    for (let t = 0; t < values.length; t++) {
      this.push(values[t], residuals[t], out, t * this.cols);
    }
    return out;
  }
}
