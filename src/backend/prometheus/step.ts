/**
 * How a panel's time range becomes a Prometheus range query: the step and the aligned start/end.
 * It follows Grafana's own Prometheus data source (pkg/promlib) so our raw series line up with a stock
 * Prometheus panel: step = max(range / maxDataPoints rounded to a "nice" interval, query interval),
 * start/end floored to a multiple of the step (stable points when the dashboard refreshes). Unlike Grafana,
 * the safety floor rounds *up*, so Prometheus never refuses the query for exceeding 11,000 points.
 */
import { BadRequestError } from 'backend/grafana/errors';
import type { TimeRange } from 'backend/grafana/data';
import { formatPromDuration } from './duration';

/** Prometheus refuses range queries with more points per series than this (promql/engine.go). */
export const MAX_POINTS_PER_SERIES = 11_000;
/** Grafana's resolution when a query arrives without maxDataPoints. */
export const DEFAULT_MAX_DATA_POINTS = 1500;
/**
 * Assumed scrape interval for `$__rate_interval` and for queries that carry no interval: Prometheus' default,
 * and the value Grafana's Prometheus data source falls back to when its "scrape interval" setting is empty.
 */
export const DEFAULT_SCRAPE_INTERVAL_MS = 15_000;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The intervals a human would pick; steps snap to these so that axes and `$__interval` read well. */
const NICE_STEPS_MS = [
  1,
  10,
  20,
  50,
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  20 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  20 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
  30 * DAY,
  365 * DAY,
];

export interface StepRequest {
  timeRange: TimeRange;
  /** Grafana's interval for this panel (already ≥ the data source's minimum); 0 when unknown. */
  intervalMs: number;
  maxDataPoints: number;
  /** The query model's explicit `step`, honoured exactly. */
  stepOverrideMs?: number;
}

export interface RangePlan {
  startMs: number;
  endMs: number;
  stepMs: number;
  /** Length of the requested (unaligned) range: what `$__range` means. */
  rangeMs: number;
  /** What `$__rate_interval` means for this step: at least four scrapes, and one step plus one scrape. */
  rateIntervalMs: number;
}

export function planRange(request: StepRequest): RangePlan {
  const { from, to } = request.timeRange;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) {
    throw new BadRequestError(`Invalid time range: from ${from} to ${to}`);
  }
  const rangeMs = to - from;
  const stepMs =
    request.stepOverrideMs !== undefined ? checkedOverride(request.stepOverrideMs, from, to) : derivedStep(request);
  return {
    startMs: alignDown(from, stepMs),
    endMs: alignDown(to, stepMs),
    stepMs,
    rangeMs,
    rateIntervalMs: Math.max(stepMs + DEFAULT_SCRAPE_INTERVAL_MS, 4 * DEFAULT_SCRAPE_INTERVAL_MS),
  };
}

/** Number of points Prometheus evaluates for one series once start and end are aligned to the step. */
export function pointsPerSeries(from: number, to: number, stepMs: number): number {
  return Math.floor((alignDown(to, stepMs) - alignDown(from, stepMs)) / stepMs) + 1;
}

/** Snaps to the nearest nice interval (the midpoint between two neighbours decides), like Grafana does. */
export function roundToNiceStep(ms: number): number {
  for (let i = 0; i < NICE_STEPS_MS.length - 1; i++) {
    if (ms <= (NICE_STEPS_MS[i] + NICE_STEPS_MS[i + 1]) / 2) {
      return NICE_STEPS_MS[i];
    }
  }
  return NICE_STEPS_MS[NICE_STEPS_MS.length - 1];
}

function derivedStep(request: StepRequest): number {
  const { from, to } = request.timeRange;
  const resolution = request.maxDataPoints > 0 ? request.maxDataPoints : DEFAULT_MAX_DATA_POINTS;
  const minInterval = request.intervalMs > 0 ? request.intervalMs : DEFAULT_SCRAPE_INTERVAL_MS;
  const byResolution = (to - from) / resolution;
  const wanted = byResolution < minInterval ? minInterval : roundToNiceStep(byResolution);
  return Math.max(wanted, smallestSafeStep(from, to));
}

/** The smallest nice step that keeps every series within Prometheus' point limit after alignment. */
function smallestSafeStep(from: number, to: number): number {
  const lowerBound = (to - from) / (MAX_POINTS_PER_SERIES - 1);
  for (const step of NICE_STEPS_MS) {
    if (step >= lowerBound && pointsPerSeries(from, to, step) <= MAX_POINTS_PER_SERIES) {
      return step;
    }
  }
  // Ranges beyond ~11,000 years: no nice step is coarse enough, so fall back to an exact one.
  return Math.ceil((to - from) / (MAX_POINTS_PER_SERIES - 2));
}

function checkedOverride(stepMs: number, from: number, to: number): number {
  if (!Number.isFinite(stepMs) || stepMs < 1) {
    throw new BadRequestError('step must be at least 1ms');
  }
  const points = pointsPerSeries(from, to, stepMs);
  if (points > MAX_POINTS_PER_SERIES) {
    throw new BadRequestError(
      `step ${formatPromDuration(stepMs)} over a ${formatPromDuration(to - from)} range gives ${points} points per series; ` +
        `Prometheus allows at most ${MAX_POINTS_PER_SERIES}: use a step of at least ${formatPromDuration(smallestSafeStep(from, to))} or leave step empty`
    );
  }
  return stepMs;
}

function alignDown(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs;
}
