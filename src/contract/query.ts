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
  /** Options of the `anomaly` query type; every key is optional and falls back to DEFAULT_ANOMALY_OPTIONS. */
  anomaly?: AnomalyQueryOptions;
  /** Options of the `forecast` query type; every key is optional and falls back to DEFAULT_FORECAST_OPTIONS. */
  forecast?: ForecastQueryOptions;
}

/**
 * Detectors a query can switch on or off; the seasonal residual baseline is always on (it gives the band). The
 * autoencoder is opt-in: it trains a small network per series (TensorFlow.js), about a quarter second per fit.
 */
export const ANOMALY_DETECTORS = [
  'novelty',
  'shift',
  'volatility',
  'isolationForest',
  'robustCovariance',
  'autoencoder',
] as const;
export type AnomalyDetector = (typeof ANOMALY_DETECTORS)[number];

/** Which detectors run when a query does not say: novel values, level shifts, isolation forest, robust covariance. */
export const DEFAULT_ANOMALY_DETECTORS: Record<AnomalyDetector, boolean> = {
  novelty: true,
  shift: true,
  volatility: false,
  isolationForest: true,
  robustCovariance: true,
  autoencoder: false,
};

/** Most series one anomaly query may score with the autoencoder on (a 400 names the limit beyond it). */
export const MAX_AUTOENCODER_SERIES = 20;

export const ANOMALY_DIRECTIONS = ['up', 'down', 'both'] as const;
export type AnomalyDirection = (typeof ANOMALY_DIRECTIONS)[number];

/** Severities an annotation can be raised from (contract/score.ts bands); `normal` never is. */
export const ANNOTATION_SEVERITIES = ['minor', 'moderate', 'critical'] as const;
export type AnnotationSeverity = (typeof ANNOTATION_SEVERITIES)[number];

/** `auto` detects calendar cycles (hours, day, week), `none` fits no season, a list fixes the periods. */
export type AnomalySeasonality = 'auto' | 'none' | string[];

export interface AnomalyQueryOptions {
  /** Detectors on (true) or off (false); the ones left out keep their defaults. */
  detectors?: Partial<Record<AnomalyDetector, boolean>>;
  /** 0–1: higher flags less rare points already. */
  sensitivity?: number;
  /** History fetched before the panel's range to learn from, as a Prometheus duration; at most MAX_TRAINING_WINDOW. */
  trainingWindow?: string;
  /** Seasonal periods as Prometheus durations (`['1d', '1w']`), or `auto` / `none`. */
  seasonality?: AnomalySeasonality;
  /** Which deviations count: above the expected value, below it, or both. */
  direction?: AnomalyDirection;
  /** Deviations smaller than this, in the metric's own unit, never score. */
  minDeviation?: number;
  /** Anomaly episodes at least this severe become annotations (panel output only). */
  annotationSeverity?: AnnotationSeverity;
}

export const DEFAULT_ANOMALY_OPTIONS = {
  sensitivity: 0.5,
  trainingWindow: '7d',
  seasonality: 'auto',
  direction: 'both',
  minDeviation: 0,
  annotationSeverity: 'moderate',
} as const satisfies Required<Omit<AnomalyQueryOptions, 'detectors'>>;

/** The learning period (DESIGN.md §3.2): no model learns from more history than this. */
export const MAX_TRAINING_WINDOW = '30d';

/** Model families of the statistical forecasting core; `auto` backtests all of them and combines the best. */
export const AUTO_FORECAST_MODELS = ['seasonalNaive', 'theta', 'holtWinters', 'additive'] as const;
/**
 * Families a query must name to get: never part of `auto`. The LSTM trains per series per query (about 300 ms
 * each where the core's models take milliseconds), so it is capped per query and only runs when asked for.
 */
export const OPT_IN_FORECAST_MODELS = ['lstm'] as const;
/** Most series one query may forecast with the LSTM (a 400 names the limit beyond it). */
export const MAX_LSTM_SERIES = 20;
/** Every family a query's `forecast.models` list may name. */
export const FORECAST_MODELS = [...AUTO_FORECAST_MODELS, ...OPT_IN_FORECAST_MODELS] as const;
export type ForecastModel = (typeof FORECAST_MODELS)[number];

/** Central coverage of the forecast band: 0.95 means 95% of future values are expected inside it. */
export const FORECAST_INTERVAL_LEVELS = [0.8, 0.9, 0.95, 0.99] as const;
export type ForecastIntervalLevel = (typeof FORECAST_INTERVAL_LEVELS)[number];

/** Which side of the threshold is failure: `above` for disk usage, `below` for free space or an error budget. */
export const FORECAST_DIRECTIONS = ['above', 'below'] as const;
export type ForecastDirection = (typeof FORECAST_DIRECTIONS)[number];

/**
 * The one series per source series an alert-mode forecast query returns (named as the field it carries).
 * One quantity per query: an alert condition must tell series apart by labels alone, and one threshold
 * expression cannot mean both a probability and a number of seconds.
 */
export const FORECAST_ALERT_VALUES = ['failure_probability', 'time_to_threshold_seconds', 'forecast'] as const;
export type ForecastAlertValue = (typeof FORECAST_ALERT_VALUES)[number];

export interface ForecastQueryOptions {
  /** How far beyond the end of the range to forecast, as a Prometheus duration; at most the training window. */
  horizon?: string;
  /** History the models learn from, ending at the range's end; at most MAX_TRAINING_WINDOW. */
  trainingWindow?: string;
  /** Model families to backtest and combine, or `auto` for the core's (AUTO_FORECAST_MODELS, no LSTM). */
  models?: 'auto' | ForecastModel[];
  intervalLevel?: ForecastIntervalLevel;
  /** Failure threshold in the metric's own unit; set it to get failure_probability and time_to_threshold_seconds. */
  threshold?: number | null;
  direction?: ForecastDirection;
  /**
   * Alert output: which series to return. Defaults to failure_probability with a threshold, forecast without.
   */
  alertValue?: ForecastAlertValue;
}

export const DEFAULT_FORECAST_OPTIONS = {
  horizon: '24h',
  trainingWindow: '7d',
  models: 'auto',
  intervalLevel: 0.95,
  direction: 'above',
} as const satisfies Required<Omit<ForecastQueryOptions, 'threshold' | 'alertValue'>>;

export const DEFAULT_QUERY: Partial<TraceoQueryModel> = {
  queryType: 'raw',
  expr: '',
  output: 'panel',
};

export function isQueryType(value: unknown): value is QueryType {
  return typeof value === 'string' && (QUERY_TYPES as readonly string[]).includes(value);
}
