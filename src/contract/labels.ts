/**
 * What a label can say, shared by the labeling page and the backend. The root-cause taxonomy is extensible per
 * data source (labeling settings); the built-in categories below are always available and are the classes the
 * root-cause models are trained on.
 */

export const BUILTIN_ROOT_CAUSES = [
  'memory_leak',
  'database_slow',
  'deployment_failure',
  'network_latency',
  'disk_full',
  'cpu_saturation',
  'config_error',
  'external_dependency',
  'unknown',
] as const;
export type BuiltinRootCause = (typeof BUILTIN_ROOT_CAUSES)[number];

/** Extensions follow the built-ins' shape, so they read well in tables, CSV and Prometheus labels alike. */
export const ROOT_CAUSE_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;
export const MAX_ROOT_CAUSE_EXTENSIONS = 50;

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Verdicts on a detected anomaly. */
export const ANOMALY_VERDICTS = ['true_anomaly', 'false_alarm', 'unknown'] as const;
export type AnomalyVerdict = (typeof ANOMALY_VERDICTS)[number];

/** Independent reviewers each item needs before its consensus counts as ground truth. */
export const DEFAULT_REVIEWERS_PER_ITEM = 2;
export const MAX_REVIEWERS_PER_ITEM = 5;

/** Where an item stands in the labeling workflow, from its non-skipped labels. */
export const LABEL_STATES = ['unlabeled', 'partial', 'consensus', 'disagreement'] as const;
export type LabelState = (typeof LABEL_STATES)[number];

/** The full taxonomy: built-ins first, then the configured extensions (deduplicated, order kept). */
export function rootCauseTaxonomy(extensions: readonly string[] = []): string[] {
  return [...new Set<string>([...BUILTIN_ROOT_CAUSES, ...extensions])];
}
