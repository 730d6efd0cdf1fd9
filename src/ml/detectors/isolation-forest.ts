/**
 * Isolation forest (Liu, Ting & Zhou 2008): anomalies are few and different, so random axis-aligned cuts isolate
 * them in fewer steps. Score s(x) = 2^(−E[h(x)] / c(ψ)), the standard normalisation (≈ 0.5 for ordinary points,
 * → 1 for anomalies), where h is the path length and c(ψ) the average path length of an unsuccessful BST search.
 *
 * All trees live in flat typed arrays (feature, threshold, left, right, leaf depth adjustment), so scoring a point
 * is a tight loop over numbers: no node objects, no closures, no allocation.
 */
import { mulberry32, type Rng } from '../stats/random';

export interface IsolationForestOptions {
  /** Number of trees; default 100 (scikit-learn's default). */
  trees?: number;
  /** Subsample size ψ per tree; default 256. */
  maxSamples?: number;
  seed?: number;
}

const EULER_GAMMA = 0.5772156649015329;

/** Average path length of an unsuccessful search in a binary search tree of n points: c(n). */
export function averagePathLength(n: number): number {
  if (n <= 1) {
    return 0;
  }
  if (n === 2) {
    return 1;
  }
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

const LEAF = -1;

export class IsolationForest {
  readonly trees: number;
  readonly maxSamples: number;
  readonly seed: number;
  private cols = 0;
  private sampleSize = 0;
  /** Per node: split feature, or LEAF. */
  private feature = new Int32Array(0);
  private threshold = new Float64Array(0);
  private left = new Int32Array(0);
  private right = new Int32Array(0);
  /** For leaves: c(size) added to the depth at which the path stops. */
  private leafAdjust = new Float64Array(0);
  private roots = new Int32Array(0);
  private nodeCount = 0;

  constructor(options: IsolationForestOptions = {}) {
    this.trees = Math.max(1, Math.floor(options.trees ?? 100));
    this.maxSamples = Math.max(2, Math.floor(options.maxSamples ?? 256));
    this.seed = options.seed ?? 1;
  }

  get isFitted(): boolean {
    return this.roots.length > 0;
  }

  /** Fits on a row-major matrix (rows × cols). Rows with a non-finite value are skipped. */
  fit(matrix: Float64Array, rows: number, cols: number): this {
    this.cols = cols;
    const usable = finiteRows(matrix, rows, cols);
    const psi = Math.min(this.maxSamples, usable.length);
    this.sampleSize = psi;
    const maxDepth = Math.ceil(Math.log2(Math.max(2, psi)));
    // A full tree of depth d has at most 2^(d+1) − 1 nodes; psi points need at most 2·psi − 1.
    const capacity = this.trees * Math.max(1, 2 * psi - 1);
    this.feature = new Int32Array(capacity);
    this.threshold = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.leafAdjust = new Float64Array(capacity);
    this.roots = new Int32Array(this.trees);
    this.nodeCount = 0;
    if (psi === 0) {
      // Nothing to learn from: one leaf per tree, every point scores the neutral 2^0 → handled in score().
      for (let t = 0; t < this.trees; t++) {
        this.roots[t] = this.makeLeaf(0);
      }
      return this;
    }
    const rng = mulberry32(this.seed);
    const sample = new Int32Array(psi);
    const pool = Int32Array.from(usable);
    for (let t = 0; t < this.trees; t++) {
      // Partial Fisher–Yates: a subsample without replacement.
      for (let i = 0; i < psi; i++) {
        const j = i + Math.floor(rng() * (pool.length - i));
        const tmp = pool[i];
        pool[i] = pool[j];
        pool[j] = tmp;
        sample[i] = pool[i];
      }
      this.roots[t] = this.grow(matrix, sample, 0, psi, 0, maxDepth, rng);
    }
    return this;
  }

  /** Anomaly score in (0, 1] of one row starting at `offset` in `data`; NaN if the row has a non-finite value. */
  scoreRow(data: Float64Array, offset = 0): number {
    const feature = this.feature;
    const threshold = this.threshold;
    const left = this.left;
    const right = this.right;
    const leafAdjust = this.leafAdjust;
    for (let c = 0; c < this.cols; c++) {
      if (!Number.isFinite(data[offset + c])) {
        return NaN;
      }
    }
    let total = 0;
    for (let t = 0; t < this.roots.length; t++) {
      let node = this.roots[t];
      let depth = 0;
      let f = feature[node];
      while (f !== LEAF) {
        node = data[offset + f] < threshold[node] ? left[node] : right[node];
        f = feature[node];
        depth++;
      }
      total += depth + leafAdjust[node];
    }
    const c = averagePathLength(this.sampleSize);
    return c > 0 ? Math.pow(2, -total / this.roots.length / c) : 0.5;
  }

  /** Scores every row of a row-major matrix. */
  score(matrix: Float64Array, rows: number, out = new Float64Array(rows)): Float64Array {
    for (let r = 0; r < rows; r++) {
      out[r] = this.scoreRow(matrix, r * this.cols);
    }
    return out;
  }

  /** Grows a subtree over sample[lo, hi) and returns its node index. */
  private grow(
    matrix: Float64Array,
    sample: Int32Array,
    lo: number,
    hi: number,
    depth: number,
    maxDepth: number,
    rng: Rng
  ): number {
    const size = hi - lo;
    if (size <= 1 || depth >= maxDepth) {
      return this.makeLeaf(size);
    }
    const cols = this.cols;
    // Pick a random feature that is not constant on this node (try each at most once, from a random start).
    const start = Math.floor(rng() * cols);
    let f = -1;
    let min = 0;
    let max = 0;
    for (let k = 0; k < cols && f < 0; k++) {
      const candidate = (start + k) % cols;
      min = Infinity;
      max = -Infinity;
      for (let i = lo; i < hi; i++) {
        const v = matrix[sample[i] * cols + candidate];
        if (v < min) {
          min = v;
        }
        if (v > max) {
          max = v;
        }
      }
      if (max > min) {
        f = candidate;
      }
    }
    if (f < 0) {
      // All remaining points are identical: they cannot be isolated further.
      return this.makeLeaf(size);
    }
    let split = min + rng() * (max - min);
    if (split <= min) {
      split = max; // rng() returned 0: keep both sides non-empty
    }
    // Partition sample[lo, hi) into < split and ≥ split.
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      if (matrix[sample[i] * cols + f] < split) {
        i++;
      } else {
        const tmp = sample[i];
        sample[i] = sample[j];
        sample[j] = tmp;
        j--;
      }
    }
    const node = this.nodeCount++;
    this.feature[node] = f;
    this.threshold[node] = split;
    this.left[node] = this.grow(matrix, sample, lo, i, depth + 1, maxDepth, rng);
    this.right[node] = this.grow(matrix, sample, i, hi, depth + 1, maxDepth, rng);
    return node;
  }

  private makeLeaf(size: number): number {
    const node = this.nodeCount++;
    this.feature[node] = LEAF;
    this.leafAdjust[node] = averagePathLength(size);
    return node;
  }
}

function finiteRows(matrix: Float64Array, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    let ok = true;
    for (let c = 0; c < cols; c++) {
      if (!Number.isFinite(matrix[r * cols + c])) {
        ok = false;
        break;
      }
    }
    if (ok) {
      out[k++] = r;
    }
  }
  return out.subarray(0, k);
}
