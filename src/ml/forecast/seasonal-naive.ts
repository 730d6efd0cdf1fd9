import { FitOptions, Forecaster, primaryPeriod } from './types';

/**
 * Repeats the last observed season (the last value when there is no season). The M4 benchmark every other model
 * must beat, and the fallback when a series is too short for anything smarter.
 */
export class SeasonalNaive implements Forecaster {
  readonly name = 'seasonal-naive';
  private lastSeason = new Float64Array(0);

  fit(y: Float64Array, options?: FitOptions): this {
    if (y.length === 0) {
      throw new RangeError('SeasonalNaive needs at least one observation');
    }
    const period = Math.min(primaryPeriod(options), y.length);
    this.lastSeason = y.slice(y.length - period);
    return this;
  }

  forecast(h: number): Float64Array {
    const season = this.lastSeason;
    if (season.length === 0) {
      throw new Error('SeasonalNaive.forecast called before fit');
    }
    const out = new Float64Array(h);
    for (let k = 0; k < h; k++) {
      out[k] = season[k % season.length];
    }
    return out;
  }
}
