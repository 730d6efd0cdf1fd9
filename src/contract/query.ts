/**
 * The one query shape shared by panels, Explore, alert rules and recording rules.
 * It travels as DataQuery.json to the backend, so it must stay plain JSON: no functions, no Dates.
 * No runtime dependencies here: the browser bundle and the backend bundle both import this file.
 */

export const QUERY_TYPES = ['raw', 'anomaly', 'forecast', 'rootCause', 'drift'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

/**
 * `panel` returns the rich frames (bands, annotations); `alert` returns only numeric series with labels,
 * the shape Grafana's server-side expressions and alert conditions accept.
 */
export const OUTPUT_MODES = ['panel', 'alert'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

export interface TraceoQueryModel {
  refId: string;
  queryType?: QueryType;
  /** PromQL expression; template variables are interpolated in the browser, macros server-side too. */
  expr?: string;
  /** Legend template in Prometheus style, e.g. `{{instance}}`; becomes the field's displayNameFromDS. */
  legendFormat?: string;
  output?: OutputMode;
  /** Overrides the step Grafana derives from intervalMs/maxDataPoints, as a Prometheus duration (`30s`, `1m`). */
  step?: string;
  hide?: boolean;
}

export const DEFAULT_QUERY: Partial<TraceoQueryModel> = {
  queryType: 'raw',
  expr: '',
  output: 'panel',
};

export function isQueryType(value: unknown): value is QueryType {
  return typeof value === 'string' && (QUERY_TYPES as readonly string[]).includes(value);
}
