/**
 * One series through the forecasting core: the training window on the grid in, the forecast from its last
 * observation and (with a threshold) the failure probability and time to threshold out. Pure: no I/O, no frames.
 *
 * Every input gets a defined answer, never an exception or a NaN the caller has to guess about:
 *  - no observation at all: no forecast, a note;
 *  - gaps inside the window are bridged by the core; leading and trailing gaps are cut off, so the forecast
 *    starts at the last real observation instead of a value the gap filler held flat;
 *  - fewer than three observations: a flat forecast without a band, failure probability unknown (null);
 *  - already across the threshold: probability 1, time 0 (and a hint when the whole window is across it, which
 *    usually means the direction is the wrong way round).
 */
import { AutoForecaster, calendarPeriodHints, type Forecast } from 'ml/forecast';
import { failureFromForecast, isCrossed, type FailureStatus } from 'ml/failure';
import type { ForecastDirection } from 'contract/query';

import type { CandidatePool } from './models';

export interface SeriesForecastOptions {
  stepMs: number;
  /** How far past the end of `values` (its last grid point) the forecast must reach. */
  horizonFromEndMs: number;
  intervalLevel: number;
  candidates?: CandidatePool;
  threshold?: number;
  direction: ForecastDirection;
}

export interface FailureEstimate {
  status: FailureStatus;
  /** P(crossing within the horizon), null when it cannot be estimated. */
  probability: number | null;
  /** P(crossed by forecast step k), non-decreasing; empty when not estimated. */
  cumulative: Float64Array;
  /** Median first-passage time in steps after the origin; 0 when already crossed, null when not within reach. */
  steps: number | null;
  /** The central interval of the first-passage time at the interval level, in steps. */
  earliest: number | null;
  latest: number | null;
}

export interface SeriesForecast {
  /** Index of the last observation in `values`: step k of the forecast is k + 1 steps after it; −1 if none. */
  origin: number;
  /** Forecast steps; all three empty when there was nothing to forecast from. */
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Present when a threshold is set. */
  failure?: FailureEstimate;
  /** What was done to the input and why, in the core's words. */
  notes: string[];
}

const EMPTY = new Float64Array(0);

export function forecastSeries(values: Float64Array, options: SeriesForecastOptions): SeriesForecast {
  const first = values.findIndex(Number.isFinite);
  const origin = findLastFinite(values);
  if (origin < 0) {
    return {
      origin,
      mean: EMPTY,
      lower: EMPTY,
      upper: EMPTY,
      failure: options.threshold === undefined ? undefined : unknownFailure(),
      notes: ['no samples in the training window'],
    };
  }
  const { stepMs } = options;
  const horizon = Math.max(1, Math.ceil(((values.length - 1 - origin) * stepMs + options.horizonFromEndMs) / stepMs));
  const history = values.subarray(first, origin + 1);
  const notes: string[] = [];
  if (origin < values.length - 1) {
    notes.push(`no samples in the last ${values.length - 1 - origin} step(s): forecasting from the last one`);
  }
  const forecast = new AutoForecaster({
    horizon,
    level: options.intervalLevel,
    periodHints: calendarPeriodHints(stepMs / 1000),
    candidates: options.candidates,
  })
    .fit(history)
    .predict();
  notes.push(...forecast.notes);
  const result: SeriesForecast = { origin, mean: forecast.mean, lower: forecast.lower, upper: forecast.upper, notes };
  if (options.threshold !== undefined) {
    result.failure = failureOf(history, forecast, options.threshold, options.direction, notes);
  }
  return result;
}

function failureOf(
  history: Float64Array,
  forecast: Forecast,
  threshold: number,
  direction: ForecastDirection,
  notes: string[]
): FailureEstimate {
  const last = history[history.length - 1];
  if (isCrossed(last, threshold, direction)) {
    notes.push(`the last sample ${last} is already ${direction} the threshold ${threshold}`);
    if (history.every((v) => !Number.isFinite(v) || isCrossed(v, threshold, direction))) {
      notes.push(
        `every sample of the training window is ${direction} ${threshold}: is the direction the right way round ` +
          `(${direction === 'above' ? 'below' : 'above'} for a threshold the metric falls towards)?`
      );
    }
    return {
      status: 'crossed',
      probability: 1,
      cumulative: new Float64Array(forecast.mean.length).fill(1),
      steps: 0,
      earliest: 0,
      latest: 0,
    };
  }
  const failure = failureFromForecast(forecast, { threshold, direction });
  // The core repeats the forecast's notes; keep only what it adds about the threshold.
  notes.push(...failure.notes.slice(forecast.notes.length));
  return {
    status: failure.status,
    probability: failure.probability,
    cumulative: failure.cumulative,
    steps: failure.timeToThreshold.steps,
    earliest: failure.timeToThreshold.earliest,
    latest: failure.timeToThreshold.latest,
  };
}

function unknownFailure(): FailureEstimate {
  return {
    status: 'insufficient-data',
    probability: null,
    cumulative: EMPTY,
    steps: null,
    earliest: null,
    latest: null,
  };
}

function findLastFinite(values: Float64Array): number {
  for (let i = values.length - 1; i >= 0; i--) {
    if (Number.isFinite(values[i])) {
      return i;
    }
  }
  return -1;
}
