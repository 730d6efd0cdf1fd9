/**
 * SMD segments as an active-learning pool: each machine's test half cut into fixed-length, non-overlapping segments of
 * all 38 dimensions. A segment is described, per dimension, by its largest and its mean deviation from the machine's
 * training half (z-scores against train mean and spread), plus how many dimensions deviate at once. Label 1 when any
 * row of the segment is labeled anomalous in test_label.
 */
import type { LabeledPool } from 'ml/active/simulation';
import type { SmdMachine } from './smd-data';

export interface SmdPoolOptions {
  /** Rows per segment. */
  segment: number;
}

export const DEFAULT_SMD_POOL: SmdPoolOptions = { segment: 30 };

/**
 * The publisher scaled every dimension to [0, 1]; a dimension (almost) constant in train must not turn a change of
 * 0.001 into a 100σ event, so spreads are floored at 1% of that range.
 */
const MIN_SPREAD = 0.01;

/** Per dimension: max |z|, mean z; then the count of dimensions with max |z| > 3 and the largest max |z|. */
export function smdFeatureCount(dims: number): number {
  return 2 * dims + 2;
}

export function buildSmdPool(machines: SmdMachine[], options: SmdPoolOptions = DEFAULT_SMD_POOL): LabeledPool {
  const dims = machines[0]?.cols ?? 0;
  const cols = smdFeatureCount(dims);
  const features: number[] = [];
  const labels: number[] = [];
  const row = new Float64Array(cols);
  for (const machine of machines) {
    if (machine.cols !== dims) {
      throw new Error(`${machine.name}: ${machine.cols} dimensions, expected ${dims}`);
    }
    const { mean, spread } = trainStatistics(machine);
    for (let start = 0; start + options.segment <= machine.testRows; start += options.segment) {
      smdSegmentFeatures(machine.test, dims, start, start + options.segment, mean, spread, row);
      features.push(...row);
      let anomalous = 0;
      for (let r = start; r < start + options.segment; r++) {
        anomalous |= machine.labels[r];
      }
      labels.push(anomalous);
    }
  }
  return {
    name: 'smd',
    features: Float64Array.from(features),
    rows: labels.length,
    cols,
    labels: Int32Array.from(labels),
    classes: 2,
  };
}

/** Mean and (floored) standard deviation of every dimension over the machine's training half. */
export function trainStatistics(machine: SmdMachine): { mean: Float64Array; spread: Float64Array } {
  const dims = machine.cols;
  const mean = new Float64Array(dims);
  const spread = new Float64Array(dims);
  for (let r = 0; r < machine.trainRows; r++) {
    for (let c = 0; c < dims; c++) {
      mean[c] += machine.train[r * dims + c];
    }
  }
  for (let c = 0; c < dims; c++) {
    mean[c] /= Math.max(1, machine.trainRows);
  }
  for (let r = 0; r < machine.trainRows; r++) {
    for (let c = 0; c < dims; c++) {
      const d = machine.train[r * dims + c] - mean[c];
      spread[c] += d * d;
    }
  }
  for (let c = 0; c < dims; c++) {
    spread[c] = Math.max(MIN_SPREAD, Math.sqrt(spread[c] / Math.max(1, machine.trainRows)));
  }
  return { mean, spread };
}

/** Features of rows [start, end) of a row-major `dims`-column matrix, into `out` (see smdFeatureCount). */
export function smdSegmentFeatures(
  data: Float64Array,
  dims: number,
  start: number,
  end: number,
  mean: Float64Array,
  spread: Float64Array,
  out: Float64Array
): void {
  let deviating = 0;
  let largest = 0;
  for (let c = 0; c < dims; c++) {
    let maxAbs = 0;
    let sum = 0;
    for (let r = start; r < end; r++) {
      const z = (data[r * dims + c] - mean[c]) / spread[c];
      maxAbs = Math.max(maxAbs, Math.abs(z));
      sum += z;
    }
    // log / asinh: a dimension 50σ out is more suspicious than one 5σ out, but not ten times more.
    out[2 * c] = Math.log1p(maxAbs);
    out[2 * c + 1] = Math.asinh(sum / (end - start));
    deviating += maxAbs > 3 ? 1 : 0;
    largest = Math.max(largest, maxAbs);
  }
  out[2 * dims] = deviating;
  out[2 * dims + 1] = Math.log1p(largest);
}
