/**
 * Prometheus' JSON results (`matrix`, `vector`) → typed arrays. Values arrive as strings so that NaN and ±Inf
 * survive JSON; timestamps are float seconds. A 100-series × 1,440-point panel is 144k samples, so this
 * loop avoids per-sample allocations: one Float64Array pair per series.
 */
import { DownstreamError } from 'backend/grafana/errors';

export type Labels = Record<string, string>;

export interface PromSeries {
  /** All labels Prometheus returned, `__name__` included. */
  labels: Labels;
  /** Epoch milliseconds, as Prometheus returned them (ascending, unique per series). */
  timestamps: Float64Array;
  /** Float samples; NaN and ±Infinity are kept as such here, turning NaN into null is the frames' job. */
  values: Float64Array;
}

/** A label set's name/value pairs sorted by name: the canonical form whatever order Prometheus listed them in. */
export function sortedLabelPairs(labels: Labels): Array<[string, string]> {
  return Object.keys(labels)
    .sort()
    .map((name): [string, string] => [name, labels[name]]);
}

/** A canonical key of a label set, to find the same series across answers. */
export function labelKey(labels: Labels): string {
  return JSON.stringify(sortedLabelPairs(labels));
}

export interface PromSample {
  labels: Labels;
  timestamp: number;
  value: number;
}

/** Parses Prometheus' sample value encoding: decimal text, `NaN`, `+Inf`, `-Inf` (and `Inf`). */
export function parseSampleValue(text: string): number {
  switch (text) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    default: {
      const value = Number(text);
      if (Number.isNaN(value)) {
        throw malformed(`sample value "${text.slice(0, 40)}" is not a number`);
      }
      return value;
    }
  }
}

/**
 * A matrix result (`query_range`). Native-histogram samples (`histograms`) are not floats and are left out;
 * a series made only of histograms comes back with no points.
 */
export function parseMatrix(result: unknown): PromSeries[] {
  if (!Array.isArray(result)) {
    throw malformed('"result" of a matrix is not an array');
  }
  return result.map((entry: unknown) => {
    const { metric, values } = entry as { metric?: unknown; values?: unknown };
    const pairs = values === undefined ? [] : values;
    if (!Array.isArray(pairs)) {
      throw malformed('"values" of a series is not an array');
    }
    const timestamps = new Float64Array(pairs.length);
    const samples = new Float64Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i] as [number, string];
      if (!Array.isArray(pair) || typeof pair[0] !== 'number' || typeof pair[1] !== 'string') {
        throw malformed('a sample is not a [timestamp, "value"] pair');
      }
      // Float seconds with millisecond precision: round to undo binary noise (1700000000.123 * 1000).
      timestamps[i] = Math.round(pair[0] * 1000);
      samples[i] = parseSampleValue(pair[1]);
    }
    return { labels: parseLabels(metric), timestamps, values: samples };
  });
}

/** A vector result (instant `query`). */
export function parseVector(result: unknown): PromSample[] {
  if (!Array.isArray(result)) {
    throw malformed('"result" of a vector is not an array');
  }
  const samples: PromSample[] = [];
  for (const entry of result as Array<{ metric?: unknown; value?: unknown }>) {
    const pair = entry.value as [number, string] | undefined;
    if (pair === undefined) {
      continue; // a native histogram sample
    }
    if (!Array.isArray(pair) || typeof pair[0] !== 'number' || typeof pair[1] !== 'string') {
      throw malformed('a sample is not a [timestamp, "value"] pair');
    }
    samples.push({
      labels: parseLabels(entry.metric),
      timestamp: Math.round(pair[0] * 1000),
      value: parseSampleValue(pair[1]),
    });
  }
  return samples;
}

function parseLabels(metric: unknown): Labels {
  if (metric === undefined || metric === null) {
    return {};
  }
  if (typeof metric !== 'object' || Array.isArray(metric)) {
    throw malformed('"metric" of a series is not an object');
  }
  return metric as Labels;
}

function malformed(detail: string): DownstreamError {
  return new DownstreamError(`Unexpected response from Prometheus: ${detail}`);
}
