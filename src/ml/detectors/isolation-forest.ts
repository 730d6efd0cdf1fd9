/**
 * Isolation forest (Liu, Ting & Zhou 2008): anomalies are few and different, so random axis-aligned cuts isolate
 * them in fewer steps. Score s(x) = 2^(−E[h(x)] / c(ψ)), the standard normalisation (≈ 0.5 for ordinary points,
 * → 1 for anomalies), where h is the path length and c(ψ) the average path length of an unsuccessful BST search.
 *
 * All trees live in one ArrayBuffer of 8-byte nodes, seen through two typed views, so a node is one 8-byte read
 * and a whole 50-tree forest (~200 KB) stays in cache:
 * - `codes[2i]` (Int32): 0 for a leaf, else (leftChild << 10) | (feature + 1); the right child is the next node;
 * - `values[2i + 1]` (Float32): the split threshold, or for a leaf its whole path-length contribution
 *   depth + c(size), precomputed. Float32 thresholds are plenty for random cuts between sample values.
 * Scoring a point is then a tight loop over integers — no node objects, no closures, no allocation, one
 * branch-free step per level — which is where the ensemble's throughput is won.
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

/** Bits of a node code that hold feature + 1 (so at most 1023 features). */
const FEATURE_BITS = 10;
const FEATURE_MASK = (1 << FEATURE_BITS) - 1;

export class IsolationForest {
  readonly trees: number;
  readonly maxSamples: number;
  readonly seed: number;
  private cols = 0;
  /** c(ψ) of the subsample size, the normaliser of the mean path length. */
  private normaliser = 0;
  private codes = new Int32Array(0);
  private values = new Float32Array(0);
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

  /** Nodes of all trees together (8 bytes each). */
  get nodes(): number {
    return this.nodeCount;
  }

  /** Memory held by the fitted trees. */
  get bytes(): number {
    return this.codes.buffer.byteLength + this.roots.byteLength;
  }

  /** Fits on a row-major matrix (rows × cols). Rows with a non-finite value are skipped. */
  fit(matrix: Float64Array, rows: number, cols: number): this {
    if (cols >= FEATURE_MASK) {
      throw new RangeError(`isolation forest: at most ${FEATURE_MASK - 1} features, got ${cols}`);
    }
    this.cols = cols;
    const usable = finiteRows(matrix, rows, cols);
    const psi = Math.min(this.maxSamples, usable.length);
    this.normaliser = averagePathLength(psi);
    const maxDepth = Math.ceil(Math.log2(Math.max(2, psi)));
    // psi points make at most psi leaves, so at most 2·psi − 1 nodes per tree.
    const capacity = this.trees * Math.max(1, 2 * psi - 1);
    if (capacity >= 1 << (31 - FEATURE_BITS)) {
      throw new RangeError(`isolation forest: ${this.trees} trees of ${psi} samples exceed the node index range`);
    }
    const buffer = new ArrayBuffer(8 * capacity);
    this.codes = new Int32Array(buffer);
    this.values = new Float32Array(buffer);
    this.roots = new Int32Array(this.trees);
    this.nodeCount = 0;
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
      const root = this.nodeCount++;
      this.roots[t] = root;
      this.grow(root, matrix, sample, 0, psi, 0, maxDepth, rng);
    }
    // Depth-limited trees rarely use all 2ψ − 1 reserved nodes: keep only those used (models are cached).
    const used = buffer.slice(0, 8 * this.nodeCount);
    this.codes = new Int32Array(used);
    this.values = new Float32Array(used);
    return this;
  }

  /** Anomaly score in (0, 1] of one row starting at `offset` in `data`; NaN if the row has a non-finite value. */
  scoreRow(data: Float64Array, offset = 0): number {
    for (let c = 0; c < this.cols; c++) {
      if (!Number.isFinite(data[offset + c])) {
        return NaN;
      }
    }
    const codes = this.codes;
    const values = this.values;
    const roots = this.roots;
    let total = 0;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t];
      let code = codes[node << 1];
      while (code !== 0) {
        const f = (code & FEATURE_MASK) - 1;
        node = (code >> FEATURE_BITS) + (data[offset + f] >= values[(node << 1) + 1] ? 1 : 0);
        code = codes[node << 1];
      }
      total += values[(node << 1) + 1];
    }
    // With nothing learnt (no usable rows) every point is ordinary: 2^0 halved, the neutral 0.5.
    return this.normaliser > 0 ? Math.pow(2, -total / roots.length / this.normaliser) : 0.5;
  }

  /**
   * Scores every row of a row-major matrix. Tree by tree rather than row by row: one tree stays in cache while all
   * rows go through it, which is what batch scoring (history replays, benchmarks) wants.
   */
  score(matrix: Float64Array, rows: number, out = new Float64Array(rows)): Float64Array {
    const cols = this.cols;
    const codes = this.codes;
    const values = this.values;
    const roots = this.roots;
    out.fill(0, 0, rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (!Number.isFinite(matrix[r * cols + c])) {
          out[r] = NaN;
          break;
        }
      }
    }
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t];
      for (let r = 0; r < rows; r++) {
        if (Number.isNaN(out[r])) {
          continue;
        }
        const offset = r * cols;
        let node = root;
        let code = codes[node << 1];
        while (code !== 0) {
          const f = (code & FEATURE_MASK) - 1;
          node = (code >> FEATURE_BITS) + (matrix[offset + f] >= values[(node << 1) + 1] ? 1 : 0);
          code = codes[node << 1];
        }
        out[r] += values[(node << 1) + 1];
      }
    }
    const scale = roots.length * this.normaliser;
    for (let r = 0; r < rows; r++) {
      if (!Number.isNaN(out[r])) {
        out[r] = scale > 0 ? Math.pow(2, -out[r] / scale) : 0.5;
      }
    }
    return out;
  }

  /** Grows the subtree over sample[lo, hi) into the already reserved slot `node`. */
  private grow(
    node: number,
    matrix: Float64Array,
    sample: Int32Array,
    lo: number,
    hi: number,
    depth: number,
    maxDepth: number,
    rng: Rng
  ): void {
    const size = hi - lo;
    if (size <= 1 || depth >= maxDepth) {
      this.makeLeaf(node, depth, size);
      return;
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
      this.makeLeaf(node, depth, size);
      return;
    }
    let split = min + rng() * (max - min);
    if (split <= min) {
      split = max; // rng() returned 0: keep both sides non-empty
    }
    // Partition sample[lo, hi) into < split (left) and ≥ split (right).
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
    const left = this.nodeCount;
    this.nodeCount += 2;
    this.codes[node << 1] = (left << FEATURE_BITS) | (f + 1);
    this.values[(node << 1) + 1] = split;
    this.grow(left, matrix, sample, lo, i, depth + 1, maxDepth, rng);
    this.grow(left + 1, matrix, sample, i, hi, depth + 1, maxDepth, rng);
  }

  private makeLeaf(node: number, depth: number, size: number): void {
    this.codes[node << 1] = 0;
    this.values[(node << 1) + 1] = depth + averagePathLength(size);
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
