/**
 * When models learn: how much history a fit sees and at which absolute times mature models refit. Boundaries
 * are absolute (multiples of the refit interval since the epoch, shifted per series) so that every query over
 * the same data fits at the same points, whatever its range: see causal-run.ts.
 */
import { fnv1a } from './string-hash';

/** History points a fit sees at most: the ensemble's own bound (AnomalyEnsembleOptions.maxHistoryPoints). */
export const MAX_TRAINING_POINTS = 50_000;
/** A training window of fewer steps than this could never fit a model; it is widened to this many. */
export const MIN_TRAINING_POINTS = 10;
/** Mature models refit every quarter of the training window, as AnomalyEnsemble.detect does. */
const REFITS_PER_WINDOW = 4;

export interface TrainingPlan {
  stepMs: number;
  /** History a fit learns from, at most, in grid points. */
  trainingPoints: number;
  /** Interval between the refits of a mature model; a multiple of the step. */
  refitEveryMs: number;
}

export interface FitSchedule extends TrainingPlan {
  /** Per-series shift of the refit boundaries; a multiple of the step below refitEveryMs. */
  offsetMs: number;
}

export function trainingPlan(trainingWindowMs: number, stepMs: number): TrainingPlan {
  const points = Math.floor(trainingWindowMs / stepMs);
  const trainingPoints = Math.min(MAX_TRAINING_POINTS, Math.max(MIN_TRAINING_POINTS, points));
  return { stepMs, trainingPoints, refitEveryMs: Math.max(1, Math.floor(trainingPoints / REFITS_PER_WINDOW)) * stepMs };
}

/**
 * The plan for one series. The boundaries are shifted by a hash of its labels, so that the series of a
 * dashboard come due for a refit (a cold run with history) at different refreshes, not all at once.
 */
export function scheduleFor(plan: TrainingPlan, seriesKey: string): FitSchedule {
  const slots = plan.refitEveryMs / plan.stepMs;
  return { ...plan, offsetMs: (fnv1a(seriesKey) % slots) * plan.stepMs };
}

/** The last refit boundary at or before `timeMs`. */
export function anchorOf(timeMs: number, schedule: FitSchedule): number {
  const { refitEveryMs, offsetMs } = schedule;
  return Math.floor((timeMs - offsetMs) / refitEveryMs) * refitEveryMs + offsetMs;
}

/** Where history must start for a panel starting at `panelStartMs`: a training window before any series' anchor. */
export function historyStartMs(panelStartMs: number, plan: TrainingPlan): number {
  // Anchors lie in (panelStart − refitEvery, panelStart]; the earliest needs a training window before it.
  return panelStartMs - plan.refitEveryMs - plan.trainingPoints * plan.stepMs;
}
