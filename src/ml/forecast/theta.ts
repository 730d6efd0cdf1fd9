import { adjustSeasonality, restoreSeasonality, SeasonalAdjustment } from './seasonal-adjustment';
import { fitSes } from './ses';
import { FitOptions, Forecaster, primaryPeriod } from './types';

/**
 * The standard Theta method of the M4 benchmarks (Assimakopoulos & Nikolopoulos): on the seasonally adjusted
 * series, average the extrapolated least-squares line (theta = 0) with SES on the theta = 2 line, which doubles
 * the local curvature. Equivalent to SES with drift equal to half the regression slope.
 */
export class Theta implements Forecaster {
  readonly name = 'theta';
  private adjustment: SeasonalAdjustment | null = null;
  private intercept = 0;
  private slope = 0;
  private sesLevel = 0;

  fit(y: Float64Array, options?: FitOptions): this {
    const n = y.length;
    if (n === 0) {
      throw new RangeError('Theta needs at least one observation');
    }
    const adjustment = adjustSeasonality(y, primaryPeriod(options));
    const x = adjustment.adjusted;
    const { intercept, slope } = leastSquaresLine(x);
    const thetaLine = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      thetaLine[t] = 2 * x[t] - (intercept + slope * t);
    }
    this.adjustment = adjustment;
    this.intercept = intercept;
    this.slope = slope;
    this.sesLevel = fitSes(thetaLine).level;
    return this;
  }

  forecast(h: number): Float64Array {
    const adjustment = this.adjustment;
    if (adjustment === null) {
      throw new Error('Theta.forecast called before fit');
    }
    const n = adjustment.adjusted.length;
    const out = new Float64Array(h);
    for (let k = 0; k < h; k++) {
      out[k] = 0.5 * this.sesLevel + 0.5 * (this.intercept + this.slope * (n + k));
    }
    return restoreSeasonality(adjustment, out, n);
  }
}

/** Ordinary least-squares line through (t, x[t]), t = 0..n−1. */
export function leastSquaresLine(x: Float64Array): { intercept: number; slope: number } {
  const n = x.length;
  if (n < 2) {
    return { intercept: n === 1 ? x[0] : 0, slope: 0 };
  }
  const tMean = (n - 1) / 2;
  let xMean = 0;
  for (let t = 0; t < n; t++) {
    xMean += x[t];
  }
  xMean /= n;
  let sxy = 0;
  let stt = 0;
  for (let t = 0; t < n; t++) {
    const dt = t - tMean;
    sxy += dt * (x[t] - xMean);
    stt += dt * dt;
  }
  const slope = sxy / stt;
  return { intercept: xMean - slope * tMean, slope };
}
