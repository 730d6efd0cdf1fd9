/**
 * The detector NAB runs: the product's AnomalyEnsemble, causal, one fresh model per file. NAB hands every detector
 * the file's probationary length; we use it as the minimum history, which is exactly what the product's learning
 * state does with its own minimum.
 *
 * NAB rewards the first alarm in a window and charges every alarm outside one, so what it wants is the onset of an
 * anomaly, not every point of it: the 0–100 score goes through `onsetScores` with a cooldown of half the
 * probationary period (tuned on DEV among 0.15–1) and an escalation margin of 4 points (DEV, among 0–30); onsets
 * that earlier ones of the file already matched are discounted as recurrences (recurrences.ts), then the score
 * becomes NAB's 0–1 score.
 */
import { AnomalyEnsemble } from 'ml/ensemble/anomaly-ensemble';
import { onsetScores } from 'ml/ensemble/onsets';
import { discountRecurrences } from 'ml/ensemble/recurrences';
import type { AnomalyEnsembleOptions } from 'ml/ensemble/options';
import { probationaryLength } from './nab-scorer';

export interface NabDetector {
  name: string;
  run(times: Float64Array, values: Float64Array): Float64Array;
}

/** Cooldown between onsets, as a fraction of NAB's probationary period. */
export const ONSET_COOLDOWN_FRACTION = 0.5;
/** Score points by which a repeat within the cooldown must beat the earlier high to count as an escalation. */
export const ONSET_ESCALATION_MARGIN = 4;

export function ensembleNabDetector(options: AnomalyEnsembleOptions = {}, name = 'traceo'): NabDetector {
  return {
    name,
    run(times, values) {
      const probation = probationaryLength(values.length);
      const ensemble = new AnomalyEnsemble({ ...options, minHistoryPoints: Math.max(1, probation) });
      const scores = ensemble.detect(values, times).score;
      const onsets = discountRecurrences(
        onsetScores(scores, Math.round(probation * ONSET_COOLDOWN_FRACTION), ONSET_ESCALATION_MARGIN),
        ensemble.options.decades
      );
      const out = new Float64Array(onsets.length);
      for (let i = 0; i < onsets.length; i++) {
        out[i] = Number.isNaN(onsets[i]) ? 0 : onsets[i] / 100;
      }
      return out;
    },
  };
}
