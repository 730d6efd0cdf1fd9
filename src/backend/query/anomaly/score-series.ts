/**
 * One series' scores over the panel's grid: from its cached model when that gives exactly what a cold run
 * would (the refresh case: a few new points), otherwise from a cold run over the history and the panel.
 */
import type { AnomalyEnsembleOptions } from 'ml/ensemble/options';

import { canContinue, continueRun, runCold } from './causal-run';
import { type Grid, gridEnd } from './grid';
import { type SeriesModel, seriesModel } from './model-cache';
import { anchorOf, type FitSchedule } from './schedule';
import { ScoredPoints } from './scored-points';

/**
 * The panel's scores from a cached model, or undefined when only a cold run can give them: no model, another
 * refit anchor (a cold run would start elsewhere), a gap between what the model saw and the panel, or a refit
 * due inside the panel. A model that continues over new points moves on in place (store it again).
 */
export function scoreWarm(
  model: SeriesModel | undefined,
  panelValues: Float64Array,
  panel: Grid,
  schedule: FitSchedule
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
  const known = Math.min(panel.length, (state.lastMs - startMs) / stepMs + 1);
  out.copyFrom(model.points, (startMs - model.pointsStartMs) / stepMs, 0, known);
  if (known < panel.length) {
    out.copyFrom(continueRun(state, panelValues.subarray(known), stepMs), 0, known, panel.length - known);
    model.points = out;
    model.pointsStartMs = startMs;
  }
  return out;
}

export interface ColdScores {
  points: ScoredPoints;
  /** The warm model to cache; undefined while the series is still learning. */
  model?: SeriesModel;
}

/** Runs the series from its refit anchor: `values` covers `history` followed by the panel's grid. */
export function scoreCold(
  values: Float64Array,
  history: Grid,
  panel: Grid,
  schedule: FitSchedule,
  options: AnomalyEnsembleOptions
): ColdScores {
  const { points, state } = runCold(values, history.startMs, history.length, schedule, options);
  return { points, model: state ? seriesModel(state, points, panel.startMs) : undefined };
}
