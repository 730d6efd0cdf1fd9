/**
 * Scored series → frames.
 *
 * Panel output, per series: one `timeseries-multi` frame with `time`, `value`, `expected`, `lower`, `upper` and
 * `anomaly_score` (each value field carries the series' labels; `upper` fills down to `lower` as a band, the
 * score has its own 0–100 axis coloured by severity), then one annotation frame with an event per anomaly
 * episode. Readers that only want numbers (server-side expressions) read the first value field, `value`, and
 * skip the annotation frame, which has no type.
 *
 * Alert output, per series: `time` + `anomaly_score` only, valid for Grafana's dataplane reader: unique label
 * sets, ascending times, and null (never NaN) where a point is unscored.
 */
import type { Field, FieldConfig, Frame, FrameMeta, Notice } from 'backend/grafana/frame';
import type { Labels } from 'backend/prometheus/samples';
import { ANNOTATION_FIELD, DATAPLANE_TYPE_VERSION, FIELD, FRAME_TYPE } from 'contract/frames';
import type { AnnotationSeverity } from 'contract/query';
import { DEFAULT_SEVERITY_BANDS, type Severity, type SeverityBands } from 'contract/score';

import { seriesDisplayName } from '../legend';
import { type AnomalyEpisode, findEpisodes } from './episodes';
import type { ScoredPoints } from './scored-points';

/** One series over the panel's range: its own points (times ascending, unique) and their scores. */
export interface ScoredSeries {
  labels: Labels;
  times: Float64Array;
  /** NaN where Prometheus had no sample: null in the frame. */
  values: Float64Array;
  points: ScoredPoints;
}

export interface AnomalyFrameOptions {
  /** The PromQL that ran: names unlabeled series. */
  expr: string;
  legendFormat?: string;
  stepMs: number;
  executedQueryString: string;
  notices: Notice[];
  /** Names of the ensemble's detectors, in the order of the points' evidence. */
  detectorNames: readonly string[];
  annotationSeverity: AnnotationSeverity;
  bands?: SeverityBands;
}

/** Grafana's named colours for each severity (the same in the score's thresholds and the annotations). */
const SEVERITY_COLOR: Record<Severity, string> = {
  normal: 'green',
  minor: 'yellow',
  moderate: 'orange',
  critical: 'red',
};

export function anomalyPanelFrames(series: ScoredSeries[], options: AnomalyFrameOptions): Frame[] {
  if (series.length === 0) {
    return [noData(options)];
  }
  const bands = options.bands ?? DEFAULT_SEVERITY_BANDS;
  const frames = series.map((s, index): Frame => {
    const name = seriesDisplayName(s.labels, options.legendFormat, options.expr);
    const { labels, points } = s;
    return {
      name: '',
      meta: frameMeta(options, index),
      fields: [
        timeField(s.times, options.stepMs),
        { name: FIELD.value, type: 'number', values: s.values, labels, config: { displayNameFromDS: name } },
        {
          name: FIELD.expected,
          type: 'number',
          values: points.expected,
          labels,
          config: { displayNameFromDS: `${name} expected`, custom: { lineStyle: { fill: 'dash', dash: [10, 10] } } },
        },
        {
          name: FIELD.lower,
          type: 'number',
          values: points.lower,
          labels,
          config: { displayNameFromDS: bandEdgeName(name, 'lower'), custom: bandEdgeStyle() },
        },
        {
          name: FIELD.upper,
          type: 'number',
          values: points.upper,
          labels,
          // The band: Grafana fills from this line down to the field whose display name is fillBelowTo.
          config: {
            displayNameFromDS: bandEdgeName(name, 'upper'),
            custom: { ...bandEdgeStyle(), fillOpacity: 15, fillBelowTo: bandEdgeName(name, 'lower') },
          },
        },
        scoreField(points.score, labels, `${name} anomaly score`, bands),
      ],
    };
  });
  frames.push(annotationFrame(series, options, bands));
  return frames;
}

export function anomalyAlertFrames(series: ScoredSeries[], options: AnomalyFrameOptions): Frame[] {
  if (series.length === 0) {
    return [noData(options)];
  }
  const bands = options.bands ?? DEFAULT_SEVERITY_BANDS;
  return series.map((s, index) => ({
    name: '',
    meta: frameMeta(options, index),
    fields: [
      timeField(s.times, options.stepMs),
      scoreField(s.points.score, s.labels, seriesDisplayName(s.labels, options.legendFormat, options.expr), bands),
    ],
  }));
}

/** Episode events of every series, in time order; zero rows when nothing reached the severity. */
function annotationFrame(series: ScoredSeries[], options: AnomalyFrameOptions, bands: SeverityBands): Frame {
  const events: Array<{ time: number; timeEnd: number; title: string; text: string; tags: string; color: string }> = [];
  for (const s of series) {
    const name = seriesDisplayName(s.labels, options.legendFormat, options.expr);
    for (const episode of findEpisodes(s.points, options.detectorNames, options.annotationSeverity, bands)) {
      events.push({
        time: s.times[episode.start],
        timeEnd: s.times[episode.end],
        title: `${capitalised(episode.severity)} anomaly: ${name}`,
        text: describeEpisode(s, episode),
        tags: ['anomaly', `severity:${episode.severity}`, ...episode.detectors.map((d) => `detector:${d}`)].join(','),
        color: SEVERITY_COLOR[episode.severity],
      });
    }
  }
  events.sort((a, b) => a.time - b.time);
  const column = <K extends keyof (typeof events)[number]>(key: K) => events.map((event) => event[key]);
  return {
    name: 'anomalies',
    meta: { dataTopic: 'annotations' },
    fields: [
      { name: ANNOTATION_FIELD.time, type: 'time', values: column('time') },
      { name: ANNOTATION_FIELD.timeEnd, type: 'time', values: column('timeEnd') },
      { name: ANNOTATION_FIELD.title, type: 'string', values: column('title') },
      { name: ANNOTATION_FIELD.text, type: 'string', values: column('text') },
      { name: ANNOTATION_FIELD.tags, type: 'string', values: column('tags') },
      { name: ANNOTATION_FIELD.color, type: 'string', values: column('color') },
    ],
  };
}

function describeEpisode(s: ScoredSeries, episode: AnomalyEpisode): string {
  const { peak } = episode;
  const { points } = s;
  const count = episode.end - episode.start + 1;
  const parts = [
    `Anomaly score peaked at ${Math.round(points.score[peak])} (${episode.severity}) with value ${formatNumber(s.values[peak])}; ` +
      `expected ${formatNumber(points.expected[peak])}, band ${formatNumber(points.lower[peak])} to ${formatNumber(points.upper[peak])}.`,
    `${count} ${count === 1 ? 'point' : 'points'}.`,
  ];
  if (episode.detectors.length > 0) {
    parts.push(`Strongest evidence: ${episode.detectors.join(', ')}.`);
  }
  return parts.join(' ');
}

function scoreField(score: Float64Array, labels: Labels, displayName: string, bands: SeverityBands): Field {
  const config: FieldConfig = {
    displayNameFromDS: displayName,
    min: 0,
    max: 100,
    decimals: 0,
    // Grafana's thresholds start a colour at their value; the base step's null stands for −∞.
    thresholds: {
      mode: 'absolute',
      steps: [
        { value: null, color: SEVERITY_COLOR.normal },
        { value: bands.normal, color: SEVERITY_COLOR.minor },
        { value: bands.minor, color: SEVERITY_COLOR.moderate },
        { value: bands.moderate, color: SEVERITY_COLOR.critical },
      ],
    },
    color: { mode: 'thresholds' },
    custom: { axisPlacement: 'right', axisLabel: 'anomaly score', gradientMode: 'scheme' },
  };
  return { name: FIELD.anomalyScore, type: 'number', values: score, labels, config };
}

function timeField(times: Float64Array, stepMs: number): Field {
  return { name: FIELD.time, type: 'time', values: times, config: { interval: stepMs } };
}

function bandEdgeName(seriesName: string, edge: 'lower' | 'upper'): string {
  return `${seriesName} ${edge}`;
}

/** Band edges are drawn as the fill between them, not as lines of their own, and stay out of the legend. */
function bandEdgeStyle(): Record<string, unknown> {
  return { lineWidth: 0, hideFrom: { legend: true, tooltip: false, viz: false } };
}

function frameMeta(options: AnomalyFrameOptions, index: number): FrameMeta {
  const typed: FrameMeta = { type: FRAME_TYPE.timeseriesMulti, typeVersion: DATAPLANE_TYPE_VERSION };
  if (index > 0) {
    return typed; // Grafana reads the type from the first frame, and notices shown once are enough.
  }
  return {
    ...typed,
    executedQueryString: options.executedQueryString,
    ...(options.notices.length > 0 ? { notices: options.notices } : {}),
  };
}

/** The dataplane "no data": one typed frame without fields. */
function noData(options: AnomalyFrameOptions): Frame {
  return { name: '', meta: frameMeta(options, 0), fields: [] };
}

const NUMBER = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });

function formatNumber(value: number): string {
  return Number.isFinite(value) ? NUMBER.format(value) : String(value);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
