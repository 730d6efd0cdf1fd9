/**
 * Where and at which step a forecast query looks: the grid of history to fetch (the training window ending at the
 * range's end, plus the panel's range for panel output) and the step the models run at.
 *
 * The step is the panel's, unless that would give the models more history than they use or more horizon steps
 * than a panel can show; then it is the smallest calendar-friendly step that keeps both bounded. Calendar-friendly
 * means it divides a day, so that daily and weekly seasons are whole numbers of steps (calendarPeriodHints).
 */
import type { DataQuery } from 'backend/grafana/data';
import { planRange, type RangePlan } from 'backend/prometheus/step';

import type { Grid } from '../history/grid';
import type { ForecastQueryModel } from './options';

/**
 * History points a model learns from at most: the core's cost is linear in it, and a week at 5 minutes (or a
 * day at 35 s) carries the daily season many times over. A longer training window coarsens the step instead.
 */
export const MAX_TRAINING_POINTS = 2500;
/** Forecast steps at most: a day at one-minute steps; a longer horizon coarsens the step instead. */
export const MAX_HORIZON_STEPS = 1440;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Steps that divide a day, finest first. */
const CALENDAR_STEPS_MS = [
  SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
];

export interface ForecastPlan {
  /** The forecast step over the panel's range, for `$__interval`, `$__range` and `$__rate_interval`. */
  macros: RangePlan;
  stepMs: number;
  /** The step a raw query of the same panel would use. */
  panelStepMs: number;
  /** History to fetch, ending at the last step at or before `endMs`. */
  grid: Grid;
  /** How many of the grid's last points the models learn from. */
  trainingPoints: number;
  /** Grid index of the first point a panel shows. */
  displayFrom: number;
  /** Where history ends: the range's end, or now when the range reaches into the future. */
  endMs: number;
  /** Where the forecast ends: the horizon after `endMs`. */
  horizonEndMs: number;
}

export function planForecast(query: DataQuery, model: ForecastQueryModel, nowMs: number): ForecastPlan {
  const { horizonMs, trainingWindowMs } = model.forecast;
  const panel = planRange({
    timeRange: query.timeRange,
    intervalMs: query.intervalMs,
    maxDataPoints: query.maxDataPoints,
    stepOverrideMs: model.stepMs,
  });
  const stepMs = forecastStep(panel.stepMs, trainingWindowMs, horizonMs);
  // The panel's step is already within Prometheus' point limit over the range, so any coarser step is too.
  const macros =
    stepMs === panel.stepMs
      ? panel
      : planRange({ timeRange: query.timeRange, intervalMs: 0, maxDataPoints: 0, stepOverrideMs: stepMs });

  const endMs = Math.min(query.timeRange.to, nowMs);
  const lastMs = alignDown(endMs, stepMs);
  // Both ends included, like a range query over the window: a 2d window at a 1d season holds two full seasons
  // plus the point that lets the models backtest them.
  const trainingPoints = Math.min(MAX_TRAINING_POINTS, Math.floor(trainingWindowMs / stepMs) + 1);
  const trainingStartMs = lastMs - (trainingPoints - 1) * stepMs;
  const displayStartMs = Math.min(alignDown(query.timeRange.from, stepMs), lastMs);
  const startMs = model.output === 'alert' ? trainingStartMs : Math.min(trainingStartMs, displayStartMs);
  const grid: Grid = { startMs, stepMs, length: (lastMs - startMs) / stepMs + 1 };
  return {
    macros,
    stepMs,
    panelStepMs: panel.stepMs,
    grid,
    trainingPoints,
    displayFrom: Math.max(0, (displayStartMs - startMs) / stepMs),
    endMs,
    horizonEndMs: endMs + horizonMs,
  };
}

/** The panel's step when it keeps training and horizon within bounds, else the smallest calendar step that does. */
export function forecastStep(panelStepMs: number, trainingWindowMs: number, horizonMs: number): number {
  const needed = Math.max(trainingWindowMs / (MAX_TRAINING_POINTS - 1), horizonMs / MAX_HORIZON_STEPS);
  if (panelStepMs >= needed) {
    return panelStepMs;
  }
  return CALENDAR_STEPS_MS.find((step) => step >= needed) ?? Math.ceil(needed / DAY) * DAY;
}

function alignDown(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs;
}
