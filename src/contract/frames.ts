/**
 * Stable names of the fields our frames carry. Panels, alert rules and provisioned dashboards refer to
 * these names (overrides, `$B > 80` expressions), so renaming one is a breaking change.
 */
export const FIELD = {
  time: 'time',
  value: 'value',
  expected: 'expected',
  lower: 'lower',
  upper: 'upper',
  anomalyScore: 'anomaly_score',
  forecast: 'forecast',
  failureProbability: 'failure_probability',
  timeToThreshold: 'time_to_threshold_seconds',
} as const;

/** Field names Grafana's annotation support reads from frames with meta.dataTopic = "annotations". */
export const ANNOTATION_FIELD = {
  time: 'time',
  timeEnd: 'timeEnd',
  title: 'title',
  text: 'text',
  tags: 'tags',
  color: 'color',
} as const;

/** Grafana dataplane frame types we emit, with the contract version Grafana's readers understand. */
export const FRAME_TYPE = {
  timeseriesMulti: 'timeseries-multi',
  timeseriesWide: 'timeseries-wide',
  numericMulti: 'numeric-multi',
  table: 'table',
} as const;
export const DATAPLANE_TYPE_VERSION: [number, number] = [0, 1];
