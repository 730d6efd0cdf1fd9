import { MAD_TO_SIGMA, medianInPlace } from 'ml/stats';

/**
 * Sliding windows for the LSTM: `lookback` past values in, the `head` values that followed out. Every window is
 * normalised by its own level (the mean of its last `levelSpan` inputs) and one series-wide scale, so a network
 * whose output is zero forecasts a flat line at the recent level (a naive forecast on the adjusted series), and
 * training only has to learn how the future departs from it. This is what makes a few hundred milliseconds of
 * training enough to improve on the baseline rather than to reach it.
 */
export interface WindowShape {
  lookback: number;
  head: number;
  levelSpan: number;
}

export interface Windows {
  count: number;
  /** Row-major [count, lookback]: normalised inputs, oldest first. */
  inputs: Float32Array;
  /** Row-major [count, head]: normalised targets. */
  targets: Float32Array;
}

/** Windows whose inputs end at positions lookback … n − head (exclusive ends), oldest first. */
export function windowCount(n: number, shape: WindowShape): number {
  return Math.max(0, n - shape.lookback - shape.head + 1);
}

/** The mean of the `span` values before `end` (exclusive): the level a window's values are measured from. */
export function windowLevel(values: Float64Array, end: number, span: number): number {
  let sum = 0;
  for (let i = end - span; i < end; i++) {
    sum += values[i];
  }
  return sum / span;
}

/**
 * One robust scale for the whole series: the MAD-based sigma of the values' departures from the level of the
 * `levelSpan` values before them, the quantity the network's inputs and outputs are made of. Falls back to 1 for
 * a series that never departs from its level (a constant), where any scale gives the same flat forecast.
 */
export function departureScale(values: Float64Array, levelSpan: number): number {
  const n = values.length;
  if (n <= levelSpan) {
    return 1;
  }
  const departures = new Float64Array(n - levelSpan);
  let window = 0;
  for (let i = 0; i < levelSpan; i++) {
    window += values[i];
  }
  for (let t = levelSpan; t < n; t++) {
    departures[t - levelSpan] = Math.abs(values[t] - window / levelSpan);
    window += values[t] - values[t - levelSpan];
  }
  const scale = MAD_TO_SIGMA * medianInPlace(departures);
  return scale > 0 && Number.isFinite(scale) ? scale : 1;
}

export function buildWindows(values: Float64Array, shape: WindowShape, scale: number): Windows {
  const { lookback, head, levelSpan } = shape;
  const count = windowCount(values.length, shape);
  const inputs = new Float32Array(count * lookback);
  const targets = new Float32Array(count * head);
  for (let w = 0; w < count; w++) {
    const end = w + lookback;
    const level = windowLevel(values, end, levelSpan);
    for (let j = 0; j < lookback; j++) {
      inputs[w * lookback + j] = (values[w + j] - level) / scale;
    }
    for (let k = 0; k < head; k++) {
      targets[w * head + k] = (values[end + k] - level) / scale;
    }
  }
  return { count, inputs, targets };
}
