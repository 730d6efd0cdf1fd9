/**
 * Detector weights from labels: once reviewers have judged detected anomalies, each detector's weight in the
 * combination follows its validated precision — the share of the anomalies it was credited with that reviewers
 * confirmed. A detector whose alarms keep being called false loses weight, one whose alarms hold gains it.
 *
 * Precision is the posterior mean under a Beta(PRIOR_LABELS / 2, PRIOR_LABELS / 2) prior, so a handful of labels
 * moves a weight only a little and no detector is switched off by one bad verdict. The multiplier is the precision
 * relative to the prior's 0.5, bounded to [1/4, 2], and rounded to quarter steps of log2: weights are part of a
 * model's identity (a changed weight means new models), so one more label should not refit every series.
 */
import type { DetectorName } from './options';

export interface VerdictCounts {
  /** Anomalies credited to the detector that reviewers agreed were real. */
  confirmed: number;
  /** … and that reviewers agreed were false alarms. */
  falseAlarms: number;
}

/** Pseudo-labels of the prior, half confirmed and half false. */
export const PRIOR_LABELS = 4;
const MIN_MULTIPLIER = 0.25;
const MAX_MULTIPLIER = 2;
/** Multipliers are rounded to this step of log2 (×1.19). */
const LOG2_STEP = 0.25;

/** Validated precision of a detector, shrunk towards 0.5 by the prior. */
export function validatedPrecision({ confirmed, falseAlarms }: VerdictCounts): number {
  return (confirmed + PRIOR_LABELS / 2) / (confirmed + falseAlarms + PRIOR_LABELS);
}

/**
 * Weights for the detectors that have verdicts: `base` (the ensemble's default weight of each) times the
 * multiplier. Detectors without verdicts are left out, so they keep their defaults.
 */
export function weightsFromVerdicts(
  counts: Partial<Record<DetectorName, VerdictCounts>>,
  base: Record<DetectorName, number>
): Partial<Record<DetectorName, number>> {
  const out: Partial<Record<DetectorName, number>> = {};
  for (const [name, count] of Object.entries(counts) as Array<[DetectorName, VerdictCounts]>) {
    if (count.confirmed + count.falseAlarms === 0) {
      continue;
    }
    const raw = validatedPrecision(count) / 0.5;
    const stepped = 2 ** (Math.round(Math.log2(raw) / LOG2_STEP) * LOG2_STEP);
    out[name] = base[name] * Math.min(MAX_MULTIPLIER, Math.max(MIN_MULTIPLIER, stepped));
  }
  return out;
}
