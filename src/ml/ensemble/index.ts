/**
 * Public API of anomaly detection for the query handlers, the CLI and the benchmarks.
 *
 *   const ensemble = new AnomalyEnsemble({ direction: 'up', sensitivity: 0.6 });
 *   const { expected, lower, upper, score, evidence } = ensemble.detect(values, timesInSeconds);
 *   const starts = onsetScores(score, cooldownPoints); // annotate where anomalies start
 *   const news = discountRecurrences(starts, ensemble.options.decades); // episodes seen before count less
 */
export { AnomalyEnsemble, type AnomalyResult, samplingStep } from './anomaly-ensemble';
export { cauchyCombine, pValueToScore, scoreToPValue } from './combine';
export {
  type MultivariateEnsembleOptions,
  MultivariateAnomalyEnsemble,
  type MultivariateResult,
} from './multivariate-ensemble';
export { onsetScores } from './onsets';
export { discountRecurrences, RECURRENCE_WEIGHT } from './recurrences';
export {
  type AnomalyEnsembleOptions,
  DEFAULT_LEARNING_PERIOD_SECONDS,
  DEFAULT_MIN_HISTORY_POINTS,
  DETECTOR_NAMES,
  type DetectorName,
  type Direction,
} from './options';
export {
  performanceScore,
  UPTIME_WEIGHTS,
  type UptimeProbeOptions,
  UptimeProbeProfile,
  type UptimeProbeScores,
} from '../detectors/uptime-probe';
