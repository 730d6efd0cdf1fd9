/**
 * NAB windows as an active-learning pool: every series cut into fixed-length, non-overlapping windows (non-overlapping
 * so that a test window never shares rows with a training one); each window described by how its values compare
 * with the rows just before it (robust z-scores, spread and step ratios, new extremes); label 1 when the window
 * overlaps a labeled anomaly window. Only past rows form the context, as the queue would see a live series.
 */
import type { LabeledPool } from 'ml/active/simulation';
import { MAD_TO_SIGMA } from 'ml/stats';
import type { NabFile } from './nab-data';

export interface NabPoolOptions {
  /** Rows per window. */
  window: number;
  /** Rows of history before a window that describe "normal"; windows with less than half of it are skipped. */
  context: number;
  /** Windows on each side whose evidence is summarised in the neighbourhood features. */
  neighbourhood: number;
}

export const DEFAULT_NAB_POOL: NabPoolOptions = { window: 32, context: 1024, neighbourhood: 4 };

export const NAB_FEATURES = [
  'max_robust_z',
  'mean_shift_z',
  'log_std_ratio',
  'log_step_ratio',
  'new_high_z',
  'new_low_z',
  'share_beyond_3z',
  'level_change_z',
  'log_range_ratio',
  'neighbourhood_max_z',
  'neighbourhood_max_step',
] as const;

/** Per-window features computed from the window and its context alone (the rest look at neighbouring windows). */
const OWN_FEATURES = 9;

export function buildNabPool(files: NabFile[], options: NabPoolOptions = DEFAULT_NAB_POOL): LabeledPool {
  const cols = NAB_FEATURES.length;
  const features: number[] = [];
  const labels: number[] = [];
  for (const file of files) {
    const n = file.values.length;
    const own: Float64Array[] = [];
    for (let start = Math.ceil(options.context / 2); start + options.window <= n; start += options.window) {
      const end = start + options.window;
      const row = new Float64Array(cols);
      nabWindowFeatures(file.values, Math.max(0, start - options.context), start, end, row);
      own.push(row);
      labels.push(overlapsAnyWindow(file.times[start], file.times[end - 1], file.windows) ? 1 : 0);
    }
    addNeighbourhood(own, options.neighbourhood);
    own.forEach((row) => features.push(...row));
  }
  return {
    name: 'nab',
    features: Float64Array.from(features),
    rows: labels.length,
    cols,
    labels: Int32Array.from(labels),
    classes: 2,
  };
}

/**
 * Features of values[start, end) against the context values[contextStart, start), into `out` (NAB_FEATURES order).
 * Heavy-tailed ratios are compressed (log, asinh) so that one spike of 10⁶ σ does not flatten the scale for the rest.
 */
export function nabWindowFeatures(
  values: Float64Array,
  contextStart: number,
  start: number,
  end: number,
  out: Float64Array
): void {
  const context = values.subarray(contextStart, start);
  const win = values.subarray(start, end);
  const sorted = Float64Array.from(context).sort();
  const center = sorted.length > 0 ? sorted[sorted.length >> 1] : win[0];
  const deviations = Float64Array.from(context, (v) => Math.abs(v - center)).sort();
  const ctx = moments(context);
  const w = moments(win);
  // Scale of "normal": robust first, then the standard deviation, then a sliver of the level (flat series).
  let scale = deviations.length > 0 ? MAD_TO_SIGMA * deviations[deviations.length >> 1] : 0;
  if (!(scale > 0)) {
    scale = ctx.std;
  }
  if (!(scale > 0)) {
    scale = 1e-3 * Math.abs(center) + 1e-9;
  }
  let maxZ = 0;
  let beyond = 0;
  for (let i = 0; i < win.length; i++) {
    const z = Math.abs(win[i] - center) / scale;
    maxZ = Math.max(maxZ, z);
    beyond += z > 3 ? 1 : 0;
  }
  const previous = values.subarray(Math.max(contextStart, start - (end - start)), start);
  const eps = 1e-9 * (1 + Math.abs(center));
  out[0] = Math.log1p(maxZ);
  out[1] = Math.log1p(Math.abs(w.mean - center) / scale);
  out[2] = Math.log((w.std + eps) / (ctx.std + eps));
  out[3] = Math.log((maxStep(win) + eps) / (medianStep(context) + eps));
  out[4] = Math.asinh((w.max - ctx.max) / scale);
  out[5] = Math.asinh((ctx.min - w.min) / scale);
  out[6] = beyond / win.length;
  out[7] = Math.asinh((w.mean - moments(previous).mean) / scale);
  out[8] = Math.log((w.max - w.min + eps) / (ctx.max - ctx.min + eps));
}

/**
 * The strongest spike and step among the `radius` windows on either side. NAB labels a window of ~10% of the file
 * around each anomaly, so "near something unusual" is what the label means; a reviewer looking at a window sees its
 * surroundings too (this pool is for offline labeling, not online scoring).
 */
function addNeighbourhood(rows: Float64Array[], radius: number): void {
  for (let i = 0; i < rows.length; i++) {
    let z = -Infinity;
    let step = -Infinity;
    for (let j = Math.max(0, i - radius); j <= Math.min(rows.length - 1, i + radius); j++) {
      z = Math.max(z, rows[j][0]);
      step = Math.max(step, rows[j][3]);
    }
    rows[i][OWN_FEATURES] = z;
    rows[i][OWN_FEATURES + 1] = step;
  }
}

/** Inclusive interval overlap of [from, to] with any of the labeled windows. */
export function overlapsAnyWindow(from: number, to: number, windows: Array<[number, number]>): boolean {
  return windows.some(([a, b]) => from <= b && to >= a);
}

function moments(x: Float64Array): { mean: number; std: number; min: number; max: number } {
  if (x.length === 0) {
    return { mean: NaN, std: 0, min: NaN, max: NaN };
  }
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    sum += x[i];
    min = Math.min(min, x[i]);
    max = Math.max(max, x[i]);
  }
  const mean = sum / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    ss += (x[i] - mean) * (x[i] - mean);
  }
  return { mean, std: Math.sqrt(ss / x.length), min, max };
}

function maxStep(x: Float64Array): number {
  let m = 0;
  for (let i = 1; i < x.length; i++) {
    m = Math.max(m, Math.abs(x[i] - x[i - 1]));
  }
  return m;
}

function medianStep(x: Float64Array): number {
  if (x.length < 2) {
    return 0;
  }
  const steps = new Float64Array(x.length - 1);
  for (let i = 1; i < x.length; i++) {
    steps[i - 1] = Math.abs(x[i] - x[i - 1]);
  }
  steps.sort();
  return steps[steps.length >> 1];
}
