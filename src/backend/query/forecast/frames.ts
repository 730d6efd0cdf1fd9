/**
 * Forecasts → frames (grafana-protocol.md §4–5), one `timeseries-multi` frame per source series.
 *
 * Panel output: `time`, `value` (the history), `forecast`, `lower`, `upper` (the future, drawn as a dashed line in
 * a band) and, with a threshold, `failure_probability` (P(crossed by t), 0–1, on its own axis). The forecast and
 * band start at the last observation, so the dashed line continues the history without a gap.
 *
 * Alert output: one numeric field per frame (the query's alertValue), labels of the source series, null — never
 * NaN — for "unknown": what Grafana's dataplane reader and alert conditions accept. The probability and the time to
 * threshold are one point at the evaluation time; `forecast` is the forecast curve (reduce it with `last`/`max`).
 */
import type { Field, FieldConfig, Frame, FrameMeta, Notice } from 'backend/grafana/frame';
import type { Labels } from 'backend/prometheus/samples';
import { DATAPLANE_TYPE_VERSION, FIELD, FRAME_TYPE } from 'contract/frames';
import type { ForecastAlertValue, ForecastDirection } from 'contract/query';

import { seriesDisplayName } from '../legend';
import type { SeriesForecast } from './series-forecast';

export interface ForecastedSeries {
  labels: Labels;
  /** History shown, on the grid: up to the forecast's origin (the last observation) when there is one. */
  historyTimes: Float64Array;
  historyValues: Float64Array;
  /** Times of the forecast steps, right after the origin. */
  forecastTimes: Float64Array;
  result: SeriesForecast;
  /** From the evaluation time to the median crossing, ≥ 0; null when no crossing is expected within the horizon. */
  timeToThresholdSeconds: number | null;
  /** Notes about this series, for the frame's notices. */
  notes: string[];
}

export interface ForecastFrameOptions {
  expr: string;
  legendFormat?: string;
  stepMs: number;
  executedQueryString: string;
  /** Query-wide notices (Prometheus warnings, step changes), on the first frame. */
  notices: Notice[];
  threshold?: number;
  direction: ForecastDirection;
  /** For the notice text: the horizon as a duration. */
  horizonText: string;
  /** Time of the alert output's single point (the query's end). */
  evaluationMs: number;
  alertValue: ForecastAlertValue;
}

/** Band fill below `upper` down to `lower`, like Grafana's own forecast panels. */
const BAND_FILL_OPACITY = 20;

export function forecastPanelFrames(series: ForecastedSeries[], options: ForecastFrameOptions): Frame[] {
  if (series.length === 0) {
    return [noDataFrame(options)];
  }
  return series.map((s, index) => {
    const name = seriesDisplayName(s.labels, options.legendFormat, options.expr);
    const history = s.historyTimes.length;
    const length = history + s.forecastTimes.length;
    const times = new Float64Array(length);
    times.set(s.historyTimes);
    times.set(s.forecastTimes, history);
    const value = new Float64Array(length).fill(NaN);
    value.set(s.historyValues);
    const { mean, lower, upper, failure } = s.result;
    const joinAt = mean.length > 0 && history > 0 ? history - 1 : -1;
    const future = (steps: Float64Array) => {
      const out = new Float64Array(length).fill(NaN);
      out.set(steps.subarray(0, s.forecastTimes.length), history);
      if (joinAt >= 0) {
        out[joinAt] = s.historyValues[joinAt];
      }
      return out;
    };
    const fields: Field[] = [
      { name: FIELD.time, type: 'time', values: times, config: { interval: options.stepMs } },
      { name: FIELD.value, type: 'number', values: value, labels: s.labels, config: { displayNameFromDS: name } },
      {
        name: FIELD.forecast,
        type: 'number',
        values: future(mean),
        labels: s.labels,
        config: forecastConfig(`${name} forecast`, options),
      },
      {
        name: FIELD.lower,
        type: 'number',
        values: future(lower),
        labels: s.labels,
        config: bandConfig(`${name} lower`),
      },
      {
        name: FIELD.upper,
        type: 'number',
        values: future(upper),
        labels: s.labels,
        config: { ...bandConfig(`${name} upper`), custom: { ...bandConfig('').custom, fillBelowTo: `${name} lower` } },
      },
    ];
    if (failure && options.threshold !== undefined) {
      const probability = new Float64Array(length).fill(NaN);
      probability.set(failure.cumulative.subarray(0, s.forecastTimes.length), history);
      fields.push({
        name: FIELD.failureProbability,
        type: 'number',
        values: probability,
        labels: s.labels,
        config: probabilityConfig(`${name} P(${options.direction} ${options.threshold})`),
      });
    }
    const notices = [...(index === 0 ? options.notices : []), ...seriesNotices(name, s, options)];
    return { name: '', meta: frameMeta(options, index, notices), fields };
  });
}

export function forecastAlertFrames(series: ForecastedSeries[], options: ForecastFrameOptions): Frame[] {
  if (series.length === 0) {
    return [noDataFrame(options)];
  }
  return series.map((s, index) => {
    const name = seriesDisplayName(s.labels, options.legendFormat, options.expr);
    const notices = [...(index === 0 ? options.notices : []), ...seriesNotices(name, s, options)];
    return {
      name: '',
      meta: frameMeta(options, index, notices),
      fields: alertFields(s, name, options),
    };
  });
}

function alertFields(s: ForecastedSeries, name: string, options: ForecastFrameOptions): Field[] {
  const at = [options.evaluationMs];
  switch (options.alertValue) {
    case 'failure_probability':
      return [
        { name: FIELD.time, type: 'time', values: at },
        {
          name: FIELD.failureProbability,
          type: 'number',
          values: [s.result.failure?.probability ?? null],
          labels: s.labels,
          config: probabilityConfig(name),
        },
      ];
    case 'time_to_threshold_seconds':
      return [
        { name: FIELD.time, type: 'time', values: at },
        {
          name: FIELD.timeToThreshold,
          type: 'number',
          values: [s.timeToThresholdSeconds],
          labels: s.labels,
          config: { displayNameFromDS: name, unit: 's', min: 0 },
        },
      ];
    case 'forecast':
      return [
        { name: FIELD.time, type: 'time', values: s.forecastTimes, config: { interval: options.stepMs } },
        {
          name: FIELD.forecast,
          type: 'number',
          values: s.result.mean.subarray(0, s.forecastTimes.length),
          labels: s.labels,
          config: { displayNameFromDS: name },
        },
      ];
  }
}

function frameMeta(options: ForecastFrameOptions, index: number, notices: Notice[]): FrameMeta {
  return {
    type: FRAME_TYPE.timeseriesMulti,
    typeVersion: DATAPLANE_TYPE_VERSION,
    ...(index === 0 ? { executedQueryString: options.executedQueryString } : {}),
    ...(notices.length > 0 ? { notices } : {}),
  };
}

/** The dataplane way to say "no data": one typed frame without fields (SSE then reports NoData). */
function noDataFrame(options: ForecastFrameOptions): Frame {
  return {
    name: '',
    meta: frameMeta(options, 0, options.notices),
    fields: [],
  };
}

function forecastConfig(displayName: string, options: ForecastFrameOptions): FieldConfig {
  const config: FieldConfig = {
    displayNameFromDS: displayName,
    custom: { lineStyle: { fill: 'dash', dash: [10, 10] } },
  };
  if (options.threshold !== undefined) {
    const safe = { value: null, color: 'green' };
    const failing = { value: options.threshold, color: 'red' };
    // Steps ascend from −∞ (null): above means red from the threshold up, below means red up to it.
    config.thresholds = {
      mode: 'absolute',
      steps:
        options.direction === 'above'
          ? [safe, failing]
          : [
              { ...failing, value: null },
              { ...safe, value: options.threshold },
            ],
    };
    config.custom = { ...config.custom, thresholdsStyle: { mode: 'dashed' } };
  }
  return config;
}

function bandConfig(displayName: string): FieldConfig {
  return {
    displayNameFromDS: displayName,
    custom: { lineWidth: 0, fillOpacity: BAND_FILL_OPACITY, hideFrom: { legend: true, tooltip: false, viz: false } },
  };
}

function probabilityConfig(displayName: string): FieldConfig {
  return {
    displayNameFromDS: displayName,
    unit: 'percentunit',
    min: 0,
    max: 1,
    custom: { axisPlacement: 'right', lineStyle: { fill: 'dot' } },
  };
}

/** What a user should know about one series: the failure estimate in words, then the core's notes. */
function seriesNotices(name: string, s: ForecastedSeries, options: ForecastFrameOptions): Notice[] {
  const notices: Notice[] = [];
  const failure = s.result.failure;
  if (failure && options.threshold !== undefined) {
    notices.push({ severity: 'info', text: `${name}: ${failureSummary(s, options)}` });
  }
  if (s.notes.length > 0) {
    notices.push({ severity: 'info', text: `${name}: ${s.notes.join('; ')}` });
  }
  return notices;
}

function failureSummary(s: ForecastedSeries, options: ForecastFrameOptions): string {
  const failure = s.result.failure!;
  const crossing = `${options.direction} ${options.threshold}`;
  if (failure.probability === null) {
    return `probability of going ${crossing} unknown (too little history)`;
  }
  const percent = `${(100 * failure.probability).toFixed(failure.probability > 0 && failure.probability < 0.01 ? 2 : 0)}%`;
  const when =
    s.timeToThresholdSeconds === null
      ? ''
      : s.timeToThresholdSeconds === 0
        ? ', already there'
        : `, most likely in ${humanDuration(s.timeToThresholdSeconds)}`;
  return `P(${crossing} within ${options.horizonText}) = ${percent}${when}`;
}

function humanDuration(seconds: number): string {
  if (seconds < 90) {
    return `${Math.round(seconds)}s`;
  }
  if (seconds < 90 * 60) {
    return `${Math.round(seconds / 60)}m`;
  }
  if (seconds < 48 * 3600) {
    return `${(seconds / 3600).toFixed(1)}h`;
  }
  return `${(seconds / 86_400).toFixed(1)}d`;
}
