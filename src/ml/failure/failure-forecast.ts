import { AutoForecaster, AutoForecasterOptions, Forecast } from 'ml/forecast/auto-forecaster';

import {
  CrossingDirection,
  cumulativeCrossingProbabilities,
  isCrossed,
  timeToThreshold,
  TimeToThreshold,
} from './crossing';

/**
 * Failure forecasting: the probability that a metric crosses a threshold (disk full, error budget gone) within a
 * horizon, and when. Every input gets a defined answer:
 * - already across the threshold (last observation): probability 1, time 0;
 * - heading away from the threshold, or a constant series on the safe side: probability (near) 0, time null;
 * - too little history to estimate a spread (< 3 observations): probability null, with a note;
 * - gaps, short or non-positive series: whatever the forecaster did about it is passed on in `notes`.
 */
export interface FailureQuery {
  threshold: number;
  direction: CrossingDirection;
}

export type FailureStatus = 'crossed' | 'forecast' | 'insufficient-data';

export interface FailureForecast {
  status: FailureStatus;
  /** P(crossing within the horizon); null when it cannot be estimated. */
  probability: number | null;
  /** P(crossed by step k) for k = 1..horizon, non-decreasing; empty when not estimated. */
  cumulative: Float64Array;
  timeToThreshold: TimeToThreshold;
  /** The forecast the probabilities come from (null when the threshold is already crossed). */
  forecast: Forecast | null;
  notes: string[];
}

export type FailureForecastOptions = AutoForecasterOptions & FailureQuery;

/** Forecasts `y` and reads the crossing probability and time to threshold off the forecast distribution. */
export function forecastFailureProbability(y: ArrayLike<number>, options: FailureForecastOptions): FailureForecast {
  const { threshold, direction } = options;
  if (!Number.isFinite(threshold)) {
    throw new RangeError('threshold must be a finite number');
  }
  const last = lastFinite(y);
  if (last !== undefined && isCrossed(last, threshold, direction)) {
    return {
      status: 'crossed',
      probability: 1,
      cumulative: new Float64Array(Math.floor(options.horizon)).fill(1),
      timeToThreshold: { steps: 0, earliest: 0, latest: 0 },
      forecast: null,
      notes: [`last observation ${last} is already ${direction} the threshold ${threshold}`],
    };
  }
  const forecast = new AutoForecaster(options).fit(y).predict();
  return failureFromForecast(forecast, { threshold, direction });
}

/** Crossing probability and time to threshold from an existing forecast (no refit). */
export function failureFromForecast(forecast: Forecast, query: FailureQuery): FailureForecast {
  const notes = [...forecast.notes];
  if (forecast.sigma.some((s) => Number.isNaN(s))) {
    notes.push('not enough history to estimate the forecast spread: no crossing probability');
    return {
      status: 'insufficient-data',
      probability: null,
      cumulative: new Float64Array(0),
      timeToThreshold: { steps: null, earliest: null, latest: null },
      forecast,
      notes,
    };
  }
  const cumulative = cumulativeCrossingProbabilities(forecast.mean, forecast.sigma, query.threshold, query.direction);
  const h = cumulative.length;
  const probability = h > 0 ? cumulative[h - 1] : 0;
  if (h > 1 && movesAway(forecast.mean, query.direction)) {
    notes.push(`the forecast moves away from the threshold`);
  }
  return {
    status: 'forecast',
    probability,
    cumulative,
    timeToThreshold: timeToThreshold(cumulative, forecast.level),
    forecast,
    notes,
  };
}

function lastFinite(y: ArrayLike<number>): number | undefined {
  for (let i = y.length - 1; i >= 0; i--) {
    if (Number.isFinite(y[i])) {
      return y[i];
    }
  }
  return undefined;
}

/** The forecast ends further from the failing side than it starts. */
function movesAway(mean: Float64Array, direction: CrossingDirection): boolean {
  const change = mean[mean.length - 1] - mean[0];
  return direction === 'above' ? change < 0 : change > 0;
}
