/**
 * Orders unlabeled items for the labeling queue: most informative first, without near-duplicates crowding a batch.
 *
 * Two stages keep it near-linear in the pool size:
 *  1. uncertainty of every item from the model's class probabilities, O(n · K), and the top `candidateFactor ×
 *     batchSize` by it, O(n) by selection;
 *  2. within those candidates only, a greedy uncertainty + diversity order (farthest-first in standardised feature
 *     space, see diversity.ts), O(m² · cols) for m candidates.
 * The remaining items follow by uncertainty. Ties are broken by a seeded shuffle, so equal-looking items are not
 * queued in storage order (which is usually time order) and the same seed always gives the same queue.
 */
import { mulberry32 } from '../stats/random';
import { selectKth } from '../stats/select';
import { columnScaling, diverseGreedyOrder, standardisedRows } from './diversity';
import { sortByKeyDescending } from './radix-sort';
import { type UncertaintyMeasure, uncertaintyScores } from './uncertainty';

export interface RankForLabelingOptions {
  /** Items labeled before the model is refreshed; the diversity stage spreads each batch. Default 10. */
  batchSize?: number;
  /** 0 = uncertainty only, 1 = diversity only. Default 0.3 (chosen on the DEV simulation; 0.3–0.7 were within noise). */
  diversityWeight?: number;
  /** Default 'margin'. */
  measure?: UncertaintyMeasure;
  /** Candidates for the diversity stage, as a multiple of the batch. Default 10. */
  candidateFactor?: number;
  /** Features of already labeled items (row-major, same columns): the batch keeps away from them too. */
  labeledFeatures?: Float64Array;
  /** Seed for tie-breaking. Default 0. */
  seed?: number;
}

/**
 * Rows used to estimate the column scales for distances: a fixed stride sample is as good a scale estimate as the
 * whole pool and keeps a 100,000-item queue from paying a full pass over every feature.
 */
const SCALING_SAMPLE_ROWS = 8192;

export const DEFAULT_RANK_OPTIONS = {
  batchSize: 10,
  diversityWeight: 0.3,
  measure: 'margin',
  candidateFactor: 10,
  seed: 0,
} as const satisfies RankForLabelingOptions;

/**
 * Labeling order of `rows` unlabeled items: a permutation of 0…rows−1, best first.
 * @param features row-major `rows × cols` feature vectors (any scale: they are standardised here)
 * @param probabilities row-major `rows × classes` class probabilities from the current model
 */
export function rankForLabeling(
  features: Float64Array,
  rows: number,
  cols: number,
  probabilities: Float64Array,
  classes: number,
  options: RankForLabelingOptions = {}
): Int32Array {
  if (features.length < rows * cols) {
    throw new RangeError(`features hold ${features.length} values, expected ${rows} × ${cols}`);
  }
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_RANK_OPTIONS.batchSize));
  const diversityWeight = options.diversityWeight ?? DEFAULT_RANK_OPTIONS.diversityWeight;
  const candidateFactor = Math.max(1, options.candidateFactor ?? DEFAULT_RANK_OPTIONS.candidateFactor);
  if (!(diversityWeight >= 0 && diversityWeight <= 1)) {
    throw new RangeError(`diversityWeight must be in [0, 1], got ${diversityWeight}`);
  }
  if (rows === 0) {
    return new Int32Array(0);
  }
  const uncertainty = uncertaintyScores(probabilities, rows, classes, options.measure ?? DEFAULT_RANK_OPTIONS.measure);
  // Items in a seeded random order: every later step keeps ties in this order.
  const shuffledIds = seededShuffle(rows, options.seed ?? DEFAULT_RANK_OPTIONS.seed);
  const candidateCount = Math.min(rows, Math.round(candidateFactor * batchSize));
  const candidates = topByUncertainty(uncertainty, shuffledIds, candidateCount);

  let head: Int32Array;
  if (diversityWeight > 0 && candidates.length > 1) {
    const scaling = columnScaling(features, rows, cols, SCALING_SAMPLE_ROWS);
    const labeled = options.labeledFeatures;
    const labeledRows = labeled && cols > 0 ? Math.floor(labeled.length / cols) : 0;
    const positions = diverseGreedyOrder({
      candidates: standardisedRows(features, cols, candidates, scaling),
      cols,
      uncertainty: gather(uncertainty, candidates),
      diversityWeight,
      labeled: labeled ? standardisedRows(labeled, cols, sequence(labeledRows), scaling) : undefined,
    });
    head = gatherInt(candidates, positions);
  } else {
    head = sortByKeyDescending(candidates, uncertainty);
  }

  const order = new Int32Array(rows);
  order.set(head, 0);
  const inHead = new Uint8Array(rows);
  for (let i = 0; i < head.length; i++) {
    inHead[head[i]] = 1;
  }
  const tail = new Int32Array(rows - head.length);
  for (let r = 0, t = 0; r < rows; r++) {
    if (!inHead[shuffledIds[r]]) {
      tail[t++] = shuffledIds[r];
    }
  }
  order.set(sortByKeyDescending(tail, uncertainty), head.length);
  return order;
}

/**
 * The `k` most uncertain items, O(n): a selection finds the k-th largest value, then a scan in seeded order takes
 * everything above it and fills up with ties, so which of several equal items gets in is decided by the seed.
 * The result lists items in seeded order within equal uncertainty.
 */
function topByUncertainty(uncertainty: Float64Array, shuffledIds: Int32Array, k: number): Int32Array {
  const n = uncertainty.length;
  const out = new Int32Array(k);
  if (k === 0) {
    return out;
  }
  const scratch = Float64Array.from(uncertainty);
  const threshold = selectKth(scratch, n - k, 0, n - 1);
  let filled = 0;
  for (let r = 0; r < n && filled < k; r++) {
    const i = shuffledIds[r];
    if (uncertainty[i] > threshold) {
      out[filled++] = i;
    }
  }
  for (let r = 0; r < n && filled < k; r++) {
    const i = shuffledIds[r];
    if (uncertainty[i] === threshold) {
      out[filled++] = i;
    }
  }
  return out;
}

/** 0…n−1 in a seeded random order (Fisher–Yates), used only to break ties. */
function seededShuffle(n: number, seed: number): Int32Array {
  const rng = mulberry32(seed);
  const rank = sequence(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = rank[i];
    rank[i] = rank[j];
    rank[j] = t;
  }
  return rank;
}

function sequence(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = i;
  }
  return out;
}

function gather(values: Float64Array, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    out[i] = values[indices[i]];
  }
  return out;
}

function gatherInt(values: Int32Array, indices: Int32Array): Int32Array {
  const out = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    out[i] = values[indices[i]];
  }
  return out;
}
