/**
 * The anomaly query type works on a time grid: `start + k·step`, the timestamps a Prometheus range query
 * evaluates at. Series live on it as plain value arrays (NaN where Prometheus returned no sample), which keeps
 * the seasonal phase of every point implicit in its index and lets history, panel range and cached scores be
 * joined by index arithmetic instead of timestamp searches.
 */
import type { Labels } from 'backend/prometheus/samples';

export interface Grid {
  /** Epoch ms of the first point; a multiple of the step (planRange aligns it). */
  startMs: number;
  stepMs: number;
  /** Number of points. */
  length: number;
}

export interface GridSeries {
  labels: Labels;
  /** One value per grid point; NaN where Prometheus had no sample (or a NaN sample). */
  values: Float64Array;
  /** First and last grid index Prometheus returned a sample for; −1 when none. */
  first: number;
  last: number;
}

/** The grid from `startMs` to `endMs`, both included (both multiples of the step). */
export function gridBetween(startMs: number, endMs: number, stepMs: number): Grid {
  return { startMs, stepMs, length: endMs < startMs ? 0 : Math.floor((endMs - startMs) / stepMs) + 1 };
}

export function gridEnd(grid: Grid): number {
  return grid.startMs + (grid.length - 1) * grid.stepMs;
}

export function gridTimes(grid: Grid): Float64Array {
  return Float64Array.from({ length: grid.length }, (_, i) => grid.startMs + i * grid.stepMs);
}

export function emptyGridSeries(labels: Labels, length: number): GridSeries {
  return { labels, values: new Float64Array(length).fill(NaN), first: -1, last: -1 };
}

export { labelKey } from 'backend/prometheus/samples';

/** A series over `history` followed by the same series over `panel` (the grid right after it). */
export function joinGrids(history: GridSeries | undefined, historyLength: number, panel: GridSeries): GridSeries {
  const values = joinValues(history?.values, historyLength, panel.values);
  const shift = (index: number) => (index < 0 ? -1 : index + historyLength);
  const first = history && history.first >= 0 ? history.first : shift(panel.first);
  const last = panel.last >= 0 ? shift(panel.last) : (history?.last ?? -1);
  return { labels: panel.labels, values, first, last };
}

/** The values of `joinGrids` alone: a series without history gets NaN there. */
export function joinValues(
  history: Float64Array | undefined,
  historyLength: number,
  panel: Float64Array
): Float64Array {
  const values = new Float64Array(historyLength + panel.length);
  if (history) {
    values.set(history);
  } else {
    values.fill(NaN, 0, historyLength);
  }
  values.set(panel, historyLength);
  return values;
}
