import { adjustSeasonality, restoreSeasonality, SeasonalAdjustment } from './seasonal-adjustment';

/**
 * The scale the LSTM learns on. A per-series network trained for a few hundred milliseconds cannot afford to
 * spend its steps learning a season or a unit: positive series are taken to logs (multiplicative effects become
 * additive and the problem becomes scale-free, as in Smyl's ES-RNN), and the main season is removed by the M4
 * classical decomposition, so the network only models what is left: the level's drift, local shapes and the
 * weekly-style structure the daily figure does not explain.
 */
export interface WorkingScale {
  /** Values were all positive and are modelled as logarithms. */
  readonly log: boolean;
  readonly adjustment: SeasonalAdjustment;
  /** The transformed, seasonally adjusted series. */
  readonly values: Float64Array;
}

export function toWorkingScale(y: Float64Array, period: number, deseasonalise: boolean): WorkingScale {
  const log = allPositive(y);
  const transformed = log ? y.map(Math.log) : y;
  const adjustment = adjustSeasonality(transformed, deseasonalise ? period : 1, { form: 'additive' });
  return { log, adjustment, values: adjustment.adjusted };
}

/** Maps working-scale forecasts whose first step is series position `start` back to the series' scale, in place. */
export function fromWorkingScale(scale: WorkingScale, values: Float64Array, start: number): Float64Array {
  restoreSeasonality(scale.adjustment, values, start);
  if (scale.log) {
    for (let k = 0; k < values.length; k++) {
      values[k] = Math.exp(values[k]);
    }
  }
  return values;
}

function allPositive(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] > 0)) {
      return false;
    }
  }
  return true;
}
