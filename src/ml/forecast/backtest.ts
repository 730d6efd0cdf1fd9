import { Forecaster } from './types';

/**
 * Rolling-origin evaluation: cut the series at a few origins before its end, forecast `horizon` steps from each
 * cut and compare with what really followed. It is how candidates are ranked, how the combination is weighted and
 * where the conformal intervals get their residuals, all from the series' own history.
 */
export interface Candidate {
  name: string;
  /** Seasonal periods this candidate is fitted with (the first is its main season). */
  periods: readonly number[];
  /**
   * How the member extrapolates a trend: not at all (naive, level-only), damped (Theta's half slope, damped
   * smoothing) or linearly. On a steady trend only the linear members are kept (see `detectTrend`); unset
   * counts as not linear.
   */
  trend?: CandidateTrend;
  create: () => Forecaster;
}

export type CandidateTrend = 'none' | 'damped' | 'linear';

export interface BacktestResult {
  horizon: number;
  /** Number of origins actually used (fewer than requested when the series is short). */
  origins: number;
  /** Position where the first (oldest) origin cuts the series; origin o cuts at firstCut + o·horizon. */
  firstCut: number;
  /** Per candidate: forecasts at every origin, origin-major (`o·horizon + k`). */
  forecasts: Float64Array[];
  /** Per candidate: mean absolute error over all origins and steps. */
  mae: Float64Array;
  /** Per candidate: the model fitted at the last origin, ready for `update` on the full series. */
  models: Forecaster[];
}

/**
 * Backtests every candidate at `origins` cuts spaced one horizon apart, the last one `horizon` before the end.
 * A model that supports `update` is optimised once, at the oldest cut, and only re-filtered at the later ones.
 * A candidate that throws (degenerate data) gets an infinite error rather than failing the whole forecast.
 */
export function rollingOriginBacktest(
  y: Float64Array,
  candidates: readonly Candidate[],
  horizon: number,
  origins: number
): BacktestResult {
  const n = y.length;
  const firstCut = n - origins * horizon;
  if (origins < 1 || firstCut < 1) {
    throw new RangeError(`cannot backtest ${origins} origin(s) of ${horizon} steps on ${n} observations`);
  }
  const forecasts: Float64Array[] = [];
  const mae = new Float64Array(candidates.length);
  const models: Forecaster[] = [];
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c];
    const out = new Float64Array(origins * horizon);
    let model = candidate.create();
    let absSum = 0;
    try {
      for (let o = 0; o < origins; o++) {
        const cut = firstCut + o * horizon;
        const history = y.subarray(0, cut);
        if (o > 0 && model.update) {
          model.update(history);
        } else {
          model = candidate.create().fit(history, { periods: candidate.periods });
        }
        const f = model.forecast(horizon);
        for (let k = 0; k < horizon; k++) {
          out[o * horizon + k] = f[k];
          absSum += Math.abs(y[cut + k] - f[k]);
        }
      }
      mae[c] = Number.isFinite(absSum) ? absSum / (origins * horizon) : Infinity;
    } catch {
      mae[c] = Infinity;
    }
    forecasts.push(out);
    models.push(model);
  }
  return { horizon, origins, firstCut, forecasts, mae, models };
}
