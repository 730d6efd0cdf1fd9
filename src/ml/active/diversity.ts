/**
 * The diversity half of batch selection: greedy farthest-first (k-center) ordering of candidate items, traded off
 * against their uncertainty, in standardised feature space. A near-duplicate of an item already picked (or already
 * labeled) sits at distance ~0 and loses its diversity credit, so one label covers a whole cluster of look-alikes
 * instead of the batch spending five labels on the same incident.
 */

/** Per-column centre and inverse scale; a constant column gets inverse scale 0 (it cannot tell items apart). */
export interface FeatureScaling {
  center: Float64Array;
  inverseScale: Float64Array;
}

/**
 * Mean and standard deviation of every column, ignoring non-finite cells; over every row, or over an evenly strided
 * sample of about `sampleRows` rows when there are more.
 */
export function columnScaling(
  features: Float64Array,
  rows: number,
  cols: number,
  sampleRows: number = rows
): FeatureScaling {
  const step = Math.max(1, Math.floor(rows / Math.max(1, sampleRows)));
  const center = new Float64Array(cols);
  const inverseScale = new Float64Array(cols);
  const count = new Float64Array(cols);
  const sumSq = new Float64Array(cols);
  // Two passes (mean, then squared deviations): exact enough for features of any magnitude, still O(rows × cols).
  for (let r = 0; r < rows; r += step) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const v = features[base + c];
      if (Number.isFinite(v)) {
        center[c] += v;
        count[c]++;
      }
    }
  }
  for (let c = 0; c < cols; c++) {
    center[c] = count[c] > 0 ? center[c] / count[c] : 0;
  }
  for (let r = 0; r < rows; r += step) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const v = features[base + c];
      if (Number.isFinite(v)) {
        const d = v - center[c];
        sumSq[c] += d * d;
      }
    }
  }
  for (let c = 0; c < cols; c++) {
    const sd = count[c] > 1 ? Math.sqrt(sumSq[c] / count[c]) : 0;
    inverseScale[c] = sd > 1e-12 * (1 + Math.abs(center[c])) ? 1 / sd : 0;
  }
  return { center, inverseScale };
}

/** Standardised copies of the given rows (row-major, `indices.length × cols`); non-finite cells become 0. */
export function standardisedRows(
  features: Float64Array,
  cols: number,
  indices: ArrayLike<number>,
  scaling: FeatureScaling
): Float64Array {
  const out = new Float64Array(indices.length * cols);
  for (let j = 0; j < indices.length; j++) {
    const src = indices[j] * cols;
    const dst = j * cols;
    for (let c = 0; c < cols; c++) {
      const z = (features[src + c] - scaling.center[c]) * scaling.inverseScale[c];
      out[dst + c] = Number.isFinite(z) ? z : 0;
    }
  }
  return out;
}

export interface DiverseOrderInput {
  /** Standardised candidate rows, `uncertainty.length × cols`. */
  candidates: Float64Array;
  cols: number;
  /** Uncertainty of each candidate, in candidate order. */
  uncertainty: Float64Array;
  /** 0 = uncertainty only, 1 = diversity only. */
  diversityWeight: number;
  /** Standardised rows already labeled (may be empty): being close to them also costs diversity credit. */
  labeled?: Float64Array;
}

/**
 * Orders the candidates greedily: each step takes the one maximising
 *   (1 − w) · ũ + w · min(1, d / d₀)
 * where ũ = u / u_max over the candidates (they are already the most uncertain items, so their differences are kept
 * in proportion rather than stretched to [0, 1]), d the RMS distance to the nearest item picked so far or labeled,
 * and d₀ the median of those distances when they first exist. Capping at d₀ means "far enough is far enough":
 * diversity stops near-duplicates from crowding a batch, and beyond that uncertainty decides.
 * Returns positions into the candidate list; ties keep candidate order (the caller shuffles it with its seed).
 * O(m² · cols) for m candidates, which is why the caller keeps m to a small multiple of the batch.
 */
export function diverseGreedyOrder(input: DiverseOrderInput): Int32Array {
  const { candidates, cols, uncertainty, diversityWeight } = input;
  const m = uncertainty.length;
  const order = new Int32Array(m);
  if (m === 0) {
    return order;
  }
  const w = Math.min(1, Math.max(0, diversityWeight));
  const scaledU = relativeToMax(uncertainty);
  const minDistSq = new Float64Array(m).fill(Infinity);
  const labeled = input.labeled ?? new Float64Array(0);
  const labeledRows = cols > 0 ? Math.floor(labeled.length / cols) : 0;
  for (let l = 0; l < labeledRows; l++) {
    relaxDistances(candidates, cols, labeled, l * cols, minDistSq, null);
  }
  const taken = new Uint8Array(m);
  const invCols = cols > 0 ? 1 / cols : 0;
  let distScale = labeledRows > 0 ? medianDistance(minDistSq, taken, invCols) : NaN;
  for (let step = 0; step < m; step++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < m; j++) {
      if (taken[j]) {
        continue;
      }
      const d2 = minDistSq[j];
      let closeness: number;
      if (d2 === Infinity) {
        closeness = 1;
      } else if (distScale > 0) {
        const d = Math.sqrt(d2 * invCols);
        closeness = d >= distScale ? 1 : d / distScale;
      } else {
        // Every item coincides with what is already chosen: diversity cannot tell them apart.
        closeness = 0;
      }
      const score = (1 - w) * scaledU[j] + w * closeness;
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    order[step] = best;
    taken[best] = 1;
    relaxDistances(candidates, cols, candidates, best * cols, minDistSq, taken);
    if (Number.isNaN(distScale)) {
      distScale = medianDistance(minDistSq, taken, invCols);
    }
  }
  return order;
}

/** Lowers every candidate's squared distance to its nearest chosen item with the row at `from[offset…]`. */
function relaxDistances(
  candidates: Float64Array,
  cols: number,
  from: Float64Array,
  offset: number,
  minDistSq: Float64Array,
  taken: Uint8Array | null
): void {
  const m = minDistSq.length;
  for (let j = 0; j < m; j++) {
    if (taken !== null && taken[j]) {
      continue;
    }
    const base = j * cols;
    let s = 0;
    for (let c = 0; c < cols; c++) {
      const d = candidates[base + c] - from[offset + c];
      s += d * d;
    }
    if (s < minDistSq[j]) {
      minDistSq[j] = s;
    }
  }
}

/**
 * Median RMS distance of the candidates not yet taken, over the non-zero distances: when most of the pool duplicates
 * one item, the scale must still come from the items that differ. NaN when no distance exists yet, 0 when every
 * candidate coincides with a chosen item.
 */
function medianDistance(minDistSq: Float64Array, taken: Uint8Array, invCols: number): number {
  const values: number[] = [];
  let known = 0;
  for (let j = 0; j < minDistSq.length; j++) {
    if (!taken[j] && Number.isFinite(minDistSq[j])) {
      known++;
      if (minDistSq[j] > 0) {
        values.push(minDistSq[j]);
      }
    }
  }
  if (values.length === 0) {
    return known > 0 ? 0 : NaN;
  }
  values.sort((a, b) => a - b);
  return Math.sqrt(values[values.length >> 1] * invCols);
}

function relativeToMax(x: Float64Array): Float64Array {
  let hi = 0;
  for (let i = 0; i < x.length; i++) {
    hi = Math.max(hi, x[i]);
  }
  // All certain: nothing to prefer by uncertainty, so every candidate counts as fully uncertain and diversity decides.
  return hi > 0 ? Float64Array.from(x, (v) => v / hi) : new Float64Array(x.length).fill(1);
}
