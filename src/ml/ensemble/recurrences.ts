/**
 * Recurring onsets: the second-level calibration of anomaly onsets (onsets.ts) against the series' own history of
 * onsets.
 *
 * A point's score says how rare the point is on the series' history, point by point. What it cannot say is that
 * episodes this strong keep starting on this series: a bursty metric (social volume, batch traffic) has a dozen
 * unlabeled spikes a month, each one individually rare, and each one is an alarm nobody acts on. So an onset that
 * c earlier onsets already matched or beat is treated as a recurrence: its tail probability is multiplied by
 * (1 + RECURRENCE_WEIGHT · c). The first episode of its strength keeps its score untouched, a stronger one than ever
 * before too (c = 0), and a metric that alarms once a week at score 60 alarms less at 60 each week after — until
 * something stronger than its usual episodes happens.
 *
 * Causal (only earlier onsets count), and cheap: onsets are sparse, each is counted against a sorted list of the
 * earlier ones (O(m) per onset for m onsets so far).
 */
import { lowerBound } from '../stats/sorted-search';
import { pValueToScore, scoreToPValue } from './combine';

/**
 * Weight of each earlier onset at least as strong, in the p-value multiplier 1 + w·c. NAB (DEV, means over seeds
 * 1–5, standard / reward_low_FP / reward_low_FN): none 63.7 / 51.9 / 69.5; w = 0.25: 64.4 / 55.6 / 70.6;
 * w = 0.5: 65.2 / 56.5 / 70.4; w = 1: 64.8 / 56.1 / 69.9 — better on every seed, about a quarter fewer false
 * positives at the best threshold for one window missed. Forgetting onsets older than 2–4 NAB probation periods
 * kept only a third of the gain: a series' bursts recur over weeks.
 */
export const RECURRENCE_WEIGHT = 0.5;

/**
 * Discounts the onsets (0–100 scores, 0 where no onset starts, NaN for unscored points) of a series by how many
 * earlier onsets were at least as strong. `decades` is the score scale the scores were made with (the ensemble's
 * `options.decades`).
 */
export function discountRecurrences(onsets: Float64Array, decades: number, weight = RECURRENCE_WEIGHT): Float64Array {
  const out = new Float64Array(onsets.length);
  // The earlier onsets' scores, ascending.
  const earlier: number[] = [];
  for (let t = 0; t < onsets.length; t++) {
    const s = onsets[t];
    if (!(s > 0)) {
      out[t] = s;
      continue;
    }
    const position = lowerBound(earlier, s);
    const atLeastAsStrong = earlier.length - position;
    out[t] =
      atLeastAsStrong === 0
        ? s
        : pValueToScore(Math.min(1, scoreToPValue(s, decades) * (1 + weight * atLeastAsStrong)), decades);
    earlier.splice(position, 0, s);
  }
  return out;
}
