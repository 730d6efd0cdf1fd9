/**
 * Runs the anomaly ensemble causally over one series on the grid: a score at t uses data up to t only.
 *
 * Why not `AnomalyEnsemble.detect` over the fetched window? detect learns from the window's first point and
 * scores every point of the training window too, which a panel throws away; and its fits happen at offsets from
 * wherever the fetched window starts, so each refresh (a window one step later) would fit at other points and
 * repaint past scores. Here fits follow a schedule anchored in absolute time:
 *   - a model is fitted on up to `trainingPoints` of history at the last refit boundary before the panel (a
 *     multiple of `refitEveryMs`, shifted per series so that a dashboard's series do not all refit at once);
 *   - a young series (less history than that) is fitted as soon as it has the minimum history and refitted each
 *     time its history doubles, like detect does;
 *   - a mature one is refitted at every boundary.
 * The same data and schedule therefore give the same scores whatever the panel's range, and a cached model
 * continued over new points (`continueRun`) gives exactly what a cold run would — until its next fit is due,
 * which needs the history again (`canContinue`).
 */
import { AnomalyEnsemble } from 'ml/ensemble/anomaly-ensemble';
import type { AnomalyEnsembleOptions } from 'ml/ensemble/options';

import { anchorOf, type FitSchedule } from './schedule';
import { ScoredPoints } from './scored-points';

/** A fitted model between queries: where it stands on the grid and when it needs its history again. */
export interface ModelState {
  ensemble: AnomalyEnsemble;
  /** The refit boundary the run started from; a cold run for another panel range starts from the same one. */
  anchorMs: number;
  /** Time of the last point the model has scored. */
  lastMs: number;
  /** When the schedule fits again. */
  nextFitMs: number;
  /** History points behind the latest fit (less than trainingPoints: the series is still young). */
  historyPoints: number;
}

export interface RunResult {
  /** Scores of the points from `fromIndex` to the end. */
  points: ScoredPoints;
  /** The warm model after the last point; undefined while the series is still learning. */
  state?: ModelState;
}

/**
 * Scores `values` (a series on a grid starting at `startMs`) from `fromIndex` on; with `fromIndex` at the end,
 * only the warm model comes out. The grid should start a training window before the anchor of `fromIndex` (the
 * handler fetches it so); a shorter one is used as is.
 */
export function runCold(
  values: Float64Array,
  startMs: number,
  fromIndex: number,
  schedule: FitSchedule,
  options: AnomalyEnsembleOptions
): RunResult {
  const ensemble = new AnomalyEnsemble(options);
  const n = values.length;
  const points = ScoredPoints.allocate(Math.max(0, n - fromIndex), ensemble.detectors.length);
  const { stepMs, trainingPoints } = schedule;
  const timeOf = (index: number) => startMs + index * stepMs;
  const indexOf = (timeMs: number) => Math.round((timeMs - startMs) / stepMs);
  const finiteBefore = finitePrefixCounts(values);
  const first = firstFinite(values);
  if (first < 0 || fromIndex > n) {
    return { points };
  }
  const minHistory = ensemble.options.minHistoryPoints;
  const anchorMs = anchorOf(timeOf(fromIndex), schedule);
  const stepSeconds = stepMs / 1000;
  let fitted = false;
  let nextFit = -1;
  let historyPoints = 0;
  for (let t = Math.max(0, indexOf(anchorMs)); t < n; t++) {
    if (!fitted || t === nextFit) {
      const start = Math.max(first, t - trainingPoints);
      fitted = finiteBefore[t] - finiteBefore[start] >= minHistory;
      if (fitted) {
        ensemble.fit(values.subarray(start, t), stepSeconds);
        historyPoints = t - start;
        nextFit =
          historyPoints >= trainingPoints
            ? indexOf(anchorOf(timeOf(t), schedule) + schedule.refitEveryMs)
            : t + Math.max(1, historyPoints);
      }
    }
    if (fitted) {
      const score = ensemble.scoreNext(values[t]);
      if (t >= fromIndex) {
        points.record(t - fromIndex, score, ensemble);
      }
    }
  }
  if (!fitted) {
    return { points };
  }
  return {
    points,
    state: { ensemble, anchorMs, lastMs: timeOf(n - 1), nextFitMs: timeOf(nextFit), historyPoints },
  };
}

/** Whether a warm model may score up to `endMs` by itself: no fit is due before then. */
export function canContinue(state: ModelState, endMs: number): boolean {
  return state.nextFitMs > endMs;
}

/** Scores the points right after `state.lastMs` with the warm model, which learns them (the state moves on). */
export function continueRun(state: ModelState, values: Float64Array, stepMs: number): ScoredPoints {
  if (!canContinue(state, state.lastMs + values.length * stepMs)) {
    throw new Error('the model is due for a refit inside these points: run it cold with its history');
  }
  const points = ScoredPoints.allocate(values.length, state.ensemble.detectors.length);
  for (let i = 0; i < values.length; i++) {
    points.record(i, state.ensemble.scoreNext(values[i]), state.ensemble);
  }
  state.lastMs += values.length * stepMs;
  return points;
}

/** `counts[t]` = finite values among the first t. */
function finitePrefixCounts(values: Float64Array): Int32Array {
  const counts = new Int32Array(values.length + 1);
  for (let t = 0; t < values.length; t++) {
    counts[t + 1] = counts[t] + (Number.isFinite(values[t]) ? 1 : 0);
  }
  return counts;
}

function firstFinite(values: Float64Array): number {
  for (let t = 0; t < values.length; t++) {
    if (Number.isFinite(values[t])) {
      return t;
    }
  }
  return -1;
}
