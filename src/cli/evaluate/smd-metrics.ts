/**
 * SMD metrics: point-wise precision / recall / F1 without point-adjust (every row counts on its own), the best
 * threshold over all distinct scores, and HitRate@P% of per-dimension attribution against interpretation labels.
 */
import type { SmdSegment } from './smd-data';

export interface PointMetrics {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Metrics with alarms where score ≥ threshold. */
export function pointMetrics(score: Float64Array, labels: Uint8Array, threshold: number): PointMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < score.length; i++) {
    const alarm = score[i] >= threshold;
    if (alarm && labels[i]) {
      tp++;
    } else if (alarm) {
      fp++;
    } else if (labels[i]) {
      fn++;
    }
  }
  return metricsFrom(threshold, tp, fp, fn);
}

/** The F1-maximising threshold, sweeping every distinct score from the top. */
export function bestF1(score: Float64Array, labels: Uint8Array): PointMetrics {
  const order = Array.from({ length: score.length }, (_, i) => i).filter((i) => !Number.isNaN(score[i]));
  order.sort((a, b) => score[b] - score[a]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    positives += labels[i];
  }
  let best = metricsFrom(Infinity, 0, 0, positives);
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (labels[i]) {
      tp++;
    } else {
      fp++;
    }
    // Only between distinct scores is there a threshold.
    if (k + 1 < order.length && score[order[k + 1]] === score[i]) {
      continue;
    }
    const m = metricsFrom(score[i], tp, fp, positives - tp);
    if (m.f1 > best.f1) {
      best = m;
    }
  }
  return best;
}

function metricsFrom(threshold: number, tp: number, fp: number, fn: number): PointMetrics {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, precision, recall, f1 };
}

/**
 * HitRate@P% (OmniAnomaly's interpretation metric), per labelled segment: rank the dimensions by their attribution
 * summed over the segment's rows, take the top ⌊P% · |G|⌋ (G = the labelled dimensions), and count the share of G
 * found. Averaged over segments.
 */
export function hitRate(attribution: Float64Array, cols: number, segments: SmdSegment[], percent: number): number {
  if (segments.length === 0) {
    return NaN;
  }
  let total = 0;
  for (const seg of segments) {
    const sums = new Float64Array(cols);
    for (let r = seg.start; r < seg.end; r++) {
      for (let c = 0; c < cols; c++) {
        const v = attribution[r * cols + c];
        if (Number.isFinite(v)) {
          sums[c] += v;
        }
      }
    }
    const ranked = Array.from({ length: cols }, (_, c) => c).sort((a, b) => sums[b] - sums[a] || a - b);
    const k = Math.floor((percent / 100) * seg.dims.length);
    const top = new Set(ranked.slice(0, k));
    const hits = seg.dims.filter((d) => top.has(d)).length;
    total += hits / seg.dims.length;
  }
  return total / segments.length;
}
