import { gaussian, mulberry32 } from '../stats/random';
import { rankForLabeling } from './rank-for-labeling';

/** Two-class probabilities from the probability of class 1. */
function binary(p1: number[]): Float64Array {
  return Float64Array.from(p1.flatMap((p) => [1 - p, p]));
}

function isPermutation(order: Int32Array, n: number): boolean {
  const seen = new Uint8Array(n);
  for (const i of order) {
    if (i < 0 || i >= n || seen[i]) {
      return false;
    }
    seen[i] = 1;
  }
  return order.length === n;
}

/** `clusters` tight groups of `size` points each in `cols` dimensions, far apart; returns features and cluster ids. */
function clustered(clusters: number, size: number, cols: number, seed: number) {
  const rng = mulberry32(seed);
  const features = new Float64Array(clusters * size * cols);
  const cluster = new Int32Array(clusters * size);
  for (let c = 0; c < clusters; c++) {
    for (let s = 0; s < size; s++) {
      const row = c * size + s;
      cluster[row] = c;
      for (let d = 0; d < cols; d++) {
        features[row * cols + d] = (d === c % cols ? 10 * (1 + c) : 0) + 0.01 * gaussian(rng);
      }
    }
  }
  return { features, cluster };
}

describe('rankForLabeling', () => {
  it('returns a permutation of the pool', () => {
    const rng = mulberry32(3);
    const n = 500;
    const features = Float64Array.from({ length: n * 4 }, () => gaussian(rng));
    const p = binary(Array.from({ length: n }, () => rng()));
    expect(isPermutation(rankForLabeling(features, n, 4, p, 2, { batchSize: 20 }), n)).toBe(true);
  });

  it('orders by uncertainty alone when the diversity weight is 0', () => {
    const p1 = [0.9, 0.5, 0.7, 0.05, 0.45, 0.6];
    const order = rankForLabeling(new Float64Array(6 * 2), 6, 2, binary(p1), 2, { diversityWeight: 0, batchSize: 2 });
    expect(Array.from(order)).toEqual([1, 4, 5, 2, 0, 3]);
  });

  it('does not spend a batch on near-duplicates of the most uncertain item', () => {
    const rng = mulberry32(11);
    const cols = 3;
    const duplicates = 6;
    const distinct = 30;
    const n = duplicates + distinct;
    const features = new Float64Array(n * cols);
    const p1: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < cols; d++) {
        // The duplicates share one feature vector; the others are spread out.
        features[i * cols + d] = i < duplicates ? 1 : 4 * gaussian(rng);
      }
      p1.push(i < duplicates ? 0.5 : 0.35 + 0.1 * rng());
    }
    const batch = 5;
    const pickedDuplicates = (w: number) =>
      Array.from(rankForLabeling(features, n, cols, binary(p1), 2, { batchSize: batch, diversityWeight: w }))
        .slice(0, batch)
        .filter((i) => i < duplicates).length;
    expect(pickedDuplicates(0)).toBe(batch);
    expect(pickedDuplicates(0.5)).toBe(1);
  });

  it('spreads a batch over clusters when the model is equally unsure everywhere', () => {
    const { features, cluster } = clustered(4, 25, 4, 5);
    const n = cluster.length;
    const order = rankForLabeling(features, n, 4, binary(new Array(n).fill(0.5)), 2, { batchSize: 4 });
    const firstBatch = new Set(Array.from(order.subarray(0, 4), (i) => cluster[i]));
    expect(firstBatch.size).toBe(4);
  });

  it('keeps away from items already labeled', () => {
    const { features, cluster } = clustered(3, 10, 3, 9);
    const n = cluster.length;
    // Cluster 0 is the most uncertain, but an item exactly like it is already labeled.
    const p1 = Array.from(cluster, (c) => [0.5, 0.45, 0.4][c]);
    const labeled = features.slice(0, 3);
    const withLabeled = rankForLabeling(features, n, 3, binary(p1), 2, { batchSize: 2, labeledFeatures: labeled });
    const without = rankForLabeling(features, n, 3, binary(p1), 2, { batchSize: 2 });
    expect(cluster[without[0]]).toBe(0);
    expect(cluster[withLabeled[0]]).not.toBe(0);
  });

  it('is deterministic for a seed, and the seed decides between equal items', () => {
    const n = 200;
    const features = new Float64Array(n * 2).fill(1);
    const p = binary(new Array(n).fill(0.5));
    const run = (seed: number) => Array.from(rankForLabeling(features, n, 2, p, 2, { seed, batchSize: 10 }));
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('handles an empty pool, a single class and identical rows', () => {
    expect(rankForLabeling(new Float64Array(0), 0, 3, new Float64Array(0), 2).length).toBe(0);

    const { features, cluster } = clustered(2, 10, 2, 1);
    const n = cluster.length;
    const oneClass = rankForLabeling(features, n, 2, new Float64Array(n).fill(1), 1, { batchSize: 2 });
    expect(isPermutation(oneClass, n)).toBe(true);
    // No uncertainty to go by: diversity alone picks both clusters first.
    expect(new Set([cluster[oneClass[0]], cluster[oneClass[1]]]).size).toBe(2);

    const same = rankForLabeling(new Float64Array(50 * 3).fill(2), 50, 3, binary(new Array(50).fill(0.3)), 2);
    expect(isPermutation(same, 50)).toBe(true);
  });

  it('rejects a diversity weight outside [0, 1] and features too short for the shape', () => {
    const p = binary([0.5, 0.5]);
    expect(() => rankForLabeling(new Float64Array(4), 2, 2, p, 2, { diversityWeight: 1.5 })).toThrow(RangeError);
    expect(() => rankForLabeling(new Float64Array(3), 2, 2, p, 2)).toThrow(RangeError);
  });
});
