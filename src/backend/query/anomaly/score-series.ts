/**
 * One series' scores over the panel's grid: from its cached model when that gives exactly what a cold run
 * would (the refresh case: a few new points), otherwise from a cold run over the history and the panel.
 *
 * The newest points are provisional: a sample can still arrive for them, and a rate over them is still growing.
 * A model never learns them for good. They are scored by a copy of the model, and the cached model stays at the
 * last settled point, so the next refresh scores them again with their final values, as a cold run would.
 */
import type { AnomalyEnsembleOptions } from 'ml/ensemble/options';

import { canContinue, continueRun, type ModelState, runCold } from './causal-run';
import { type Grid, gridEnd } from '../history/grid';
import { type SeriesModel, seriesModel } from './model-cache';
import { anchorOf, type FitSchedule } from './schedule';
import { ScoredPoints } from './scored-points';

/** Points this close to now are provisional (a scrape interval or two of ingestion, with room to spare). */
export const PROVISIONAL_MS = 2 * 60_000;

/**
 * The panel's scores from a cached model, or undefined when only a cold run can give them: no model, another
 * refit anchor (a cold run would start elsewhere), a gap between what the model saw and the panel, or a refit
 * due inside the panel. A model that learns settled points moves on in place (store it again).
 */
export function scoreWarm(
  model: SeriesModel | undefined,
  panelValues: Float64Array,
  panel: Grid,
  schedule: FitSchedule,
  settledEndMs: number
): ScoredPoints | undefined {
  if (!model || panel.length === 0) {
    return undefined;
  }
  const { state } = model;
  const { startMs, stepMs } = panel;
  const endMs = gridEnd(panel);
  const usable =
    state.anchorMs === anchorOf(startMs, schedule) &&
    model.pointsStartMs <= startMs &&
    state.lastMs >= startMs - stepMs &&
    (state.lastMs >= endMs || canContinue(state, endMs));
  if (!usable) {
    return undefined;
  }
  const out = ScoredPoints.allocate(panel.length, state.ensemble.detectors.length);
  const known = pointsUpTo(panel, state.lastMs);
  const settled = Math.max(known, pointsUpTo(panel, settledEndMs));
  out.copyFrom(model.points, (startMs - model.pointsStartMs) / stepMs, 0, known);
  if (settled > known) {
    out.copyFrom(continueRun(state, panelValues.subarray(known, settled), stepMs), 0, known, settled - known);
    model.points = out.slice(0, settled).copy();
    model.pointsStartMs = startMs;
  }
  if (settled < panel.length) {
    const provisional = continueRun(copyOf(state), panelValues.subarray(settled), stepMs);
    out.copyFrom(provisional, 0, settled, panel.length - settled);
  }
  return out;
}

export interface ColdScores {
  points: ScoredPoints;
  /** The warm model at the last settled point, to cache; undefined while the series is still learning. */
  model?: SeriesModel;
}

/** Runs the series from its refit anchor: `values` covers `history` followed by the panel's grid. */
export function scoreCold(
  values: Float64Array,
  history: Grid,
  panel: Grid,
  schedule: FitSchedule,
  options: AnomalyEnsembleOptions,
  settledEndMs: number
): ColdScores {
  const settledLength = history.length + pointsUpTo(panel, settledEndMs);
  const settled = runCold(values.subarray(0, settledLength), history.startMs, history.length, schedule, options);
  const model = settled.state ? seriesModel(settled.state, settled.points, panel.startMs) : undefined;
  if (settledLength === values.length) {
    return { points: settled.points, model };
  }
  const { state } = settled;
  const provisional =
    state && canContinue(state, gridEnd(panel))
      ? continueRun(copyOf(state), values.subarray(settledLength), panel.stepMs)
      : runCold(values, history.startMs, settledLength, schedule, options).points;
  const points = ScoredPoints.allocate(panel.length, settled.points.detectorCount);
  points.copyFrom(settled.points, 0, 0, settled.points.length);
  points.copyFrom(provisional, 0, settled.points.length, provisional.length);
  return { points, model };
}

/** How many panel points lie at or before `timeMs`. */
function pointsUpTo(panel: Grid, timeMs: number): number {
  const count = Math.floor((timeMs - panel.startMs) / panel.stepMs) + 1;
  return Math.min(panel.length, Math.max(0, count));
}

function copyOf(state: ModelState): ModelState {
  return { ...state, ensemble: state.ensemble.clone() };
}
