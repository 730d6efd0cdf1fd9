import { adjustSeasonality, restoreSeasonality, SeasonalAdjustment } from './seasonal-adjustment';
import { FitOptions, Forecaster, primaryPeriod } from './types';

/**
 * M4's Naive2: the last seasonally adjusted value, re-seasonalised. It is the denominator of OWA, so it follows
 * the M4 benchmark code exactly (90% seasonality test on the lag-m ACF, classical multiplicative decomposition).
 */
export class Naive2 implements Forecaster {
  readonly name = 'naive2';
  private adjustment: SeasonalAdjustment | null = null;

  fit(y: Float64Array, options?: FitOptions): this {
    if (y.length === 0) {
      throw new RangeError('Naive2 needs at least one observation');
    }
    this.adjustment = adjustSeasonality(y, primaryPeriod(options));
    return this;
  }

  forecast(h: number): Float64Array {
    const adjustment = this.adjustment;
    if (adjustment === null) {
      throw new Error('Naive2.forecast called before fit');
    }
    const n = adjustment.adjusted.length;
    const out = new Float64Array(h).fill(adjustment.adjusted[n - 1]);
    return restoreSeasonality(adjustment, out, n);
  }
}
