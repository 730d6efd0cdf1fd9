/**
 * Time-to-threshold predictors compared by `evaluate threshold`: Prometheus' predict_linear (a least-squares line
 * over the window, extrapolated) and our failure forecast (forecast distribution → median first-passage time).
 * Each answers "how many steps until the metric is above the threshold?", or null for "not within the horizon".
 */
import { forecastFailureProbability } from 'ml/failure/failure-forecast';

export interface ThresholdPredictor {
  name: string;
  /**
   * `history` holds every sample up to the origin (the last one is the latest); each predictor looks back as far
   * as it wants. The answer is in steps, 1..horizon.
   */
  predict(history: Float64Array, threshold: number, horizon: number): number | null;
}

/**
 * Prometheus' predict_linear over the last `samples` of the window: least-squares slope and the line's value at
 * the evaluation time (not the last sample), extrapolated until it reaches the threshold.
 */
export function predictLinear(samples: number): ThresholdPredictor {
  return {
    name: `predict_linear[${samples}]`,
    predict(history, threshold, horizon) {
      const n = Math.min(samples, history.length);
      const start = history.length - n;
      const xMean = (n - 1) / 2;
      let yMean = 0;
      for (let i = 0; i < n; i++) {
        yMean += history[start + i];
      }
      yMean /= n;
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < n; i++) {
        sxy += (i - xMean) * (history[start + i] - yMean);
        sxx += (i - xMean) * (i - xMean);
      }
      const slope = sxx > 0 ? sxy / sxx : 0;
      const now = yMean + slope * (n - 1 - xMean);
      if (now >= threshold) {
        return 1;
      }
      if (!(slope > 0)) {
        return null;
      }
      const steps = Math.ceil((threshold - now) / slope);
      return steps <= horizon ? steps : null;
    },
  };
}

/**
 * Failure forecasts by origin, shared by predictors that read the same forecast at different alarm cut-offs, so a
 * second operating point costs nothing. Keyed by the history's buffer and end (each origin is one subarray).
 */
export class FailureForecastCache {
  private readonly byBuffer = new WeakMap<ArrayBufferLike, Map<string, Float64Array>>();

  cumulative(history: Float64Array, samples: number, threshold: number, horizon: number): Float64Array {
    let forBuffer = this.byBuffer.get(history.buffer);
    if (!forBuffer) {
      forBuffer = new Map();
      this.byBuffer.set(history.buffer, forBuffer);
    }
    const key = `${history.byteOffset + history.byteLength}:${samples}:${threshold}:${horizon}`;
    let cumulative = forBuffer.get(key);
    if (!cumulative) {
      const window = history.subarray(Math.max(0, history.length - samples));
      cumulative = forecastFailureProbability(window, { horizon, threshold, direction: 'above' }).cumulative;
      forBuffer.set(key, cumulative);
    }
    return cumulative;
  }
}

/**
 * Our failure forecast on the last `samples` of history. It alarms when the probability of crossing within the
 * horizon reaches `cutoff` (0.5: more likely than not), and predicts the median first-passage time, given a
 * crossing within the horizon when the unconditional median lies beyond it. It looks further back than a
 * regression line would, because it models the daily cycle instead of mistaking its upswing for a trend.
 */
export function failureForecastPredictor(
  samples: number,
  cutoff = 0.5,
  cache = new FailureForecastCache()
): ThresholdPredictor {
  return {
    name: `traceo failure forecast[${samples}] P≥${cutoff}`,
    predict(history, threshold, horizon) {
      const cumulative = cache.cumulative(history, samples, threshold, horizon);
      const h = cumulative.length;
      if (h === 0 || !(cumulative[h - 1] >= cutoff)) {
        return null;
      }
      // The median of the first-passage time, or its median given a crossing within the horizon.
      const target = cumulative[h - 1] >= 0.5 ? 0.5 : cumulative[h - 1] / 2;
      for (let k = 0; k < h; k++) {
        if (cumulative[k] >= target) {
          return k + 1;
        }
      }
      return h;
    },
  };
}
