/**
 * Prometheus series → `timeseries-multi` frames (one frame per series: `time` + a `value` field carrying the
 * labels), valid for Grafana alerting as well as panels (grafana-protocol.md §5.1): times ascending with no
 * duplicates, every label set unique, and null — never NaN — where there is no value, since NaN fires alerts.
 */
import type { Frame, FrameMeta, Notice } from 'backend/grafana/frame';
import { labelKey, type PromSeries } from 'backend/prometheus/samples';
import { DATAPLANE_TYPE_VERSION, FIELD, FRAME_TYPE } from 'contract/frames';
import { seriesDisplayName } from './legend';

export interface SeriesFrameOptions {
  /** The PromQL that ran (macros replaced): for names of unlabeled series and the query inspector. */
  expr: string;
  stepMs: number;
  legendFormat?: string;
  executedQueryString: string;
  notices?: Notice[];
}

export function timeSeriesMultiFrames(series: PromSeries[], options: SeriesFrameOptions): Frame[] {
  const meta: FrameMeta = {
    type: FRAME_TYPE.timeseriesMulti,
    typeVersion: DATAPLANE_TYPE_VERSION,
    executedQueryString: options.executedQueryString,
    ...(options.notices && options.notices.length > 0 ? { notices: options.notices } : {}),
  };
  const unique = mergeDuplicateLabelSets(series).filter((s) => s.timestamps.length > 0);
  if (unique.length === 0) {
    // The dataplane way to say "no data": one typed frame with no fields (SSE then reports NoData).
    return [{ name: '', meta, fields: [] }];
  }
  return unique.map((s, index) => {
    const { timestamps, values } = sortedUnique(s);
    return {
      name: '',
      // Meta once: Grafana reads the type from the first frame, and notices shown once are enough.
      meta: index === 0 ? meta : { type: meta.type, typeVersion: meta.typeVersion },
      fields: [
        { name: FIELD.time, type: 'time', values: timestamps, config: { interval: options.stepMs } },
        {
          name: FIELD.value,
          type: 'number',
          values: nanToNull(values),
          labels: s.labels,
          config: { displayNameFromDS: seriesDisplayName(s.labels, options.legendFormat, options.expr) },
        },
      ],
    };
  });
}

/**
 * Prometheus itself never returns one label set twice, but federated or deduplicating backends (Thanos with
 * deduplication off, Cortex mid-resharding) can. Alerting refuses duplicates, so their points are merged.
 */
export function mergeDuplicateLabelSets(series: PromSeries[]): PromSeries[] {
  const byKey = new Map<string, PromSeries>();
  for (const s of series) {
    const key = labelKey(s.labels);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, s);
      continue;
    }
    byKey.set(key, {
      labels: seen.labels,
      timestamps: concat(seen.timestamps, s.timestamps),
      values: concat(seen.values, s.values),
    });
  }
  return [...byKey.values()];
}

/** Ascending, one point per timestamp (the later one wins). A no-op pass for what Prometheus normally sends. */
export function sortedUnique(s: Pick<PromSeries, 'timestamps' | 'values'>): {
  timestamps: Float64Array;
  values: Float64Array;
} {
  const { timestamps, values } = s;
  let strictlyAscending = true;
  for (let i = 1; i < timestamps.length; i++) {
    if (timestamps[i] <= timestamps[i - 1]) {
      strictlyAscending = false;
      break;
    }
  }
  if (strictlyAscending) {
    return { timestamps, values };
  }
  // Stable sort of indices by time keeps arrival order among equal timestamps, so "last wins" is well defined.
  const order = Array.from(timestamps.keys()).sort((a, b) => timestamps[a] - timestamps[b]);
  const outTimes: number[] = [];
  const outValues: number[] = [];
  for (const i of order) {
    if (outTimes.length > 0 && outTimes[outTimes.length - 1] === timestamps[i]) {
      outValues[outValues.length - 1] = values[i];
    } else {
      outTimes.push(timestamps[i]);
      outValues.push(values[i]);
    }
  }
  return { timestamps: Float64Array.from(outTimes), values: Float64Array.from(outValues) };
}

/** The typed array itself when there is no NaN (the common case), else a copy with null in NaN's place. */
export function nanToNull(values: Float64Array): Float64Array | Array<number | null> {
  if (!values.some(Number.isNaN)) {
    return values;
  }
  return Array.from(values, (v) => (Number.isNaN(v) ? null : v));
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
