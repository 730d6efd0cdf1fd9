import { gaussian, mulberry32 } from '../stats/random';
import { argmaxRows } from './predictions';
import { RandomForestClassifier } from './random-forest';

/** XOR of the signs of the first two of `cols` features (the rest are noise): no single split separates it. */
function xor(n: number, cols: number, seed: number) {
  const rng = mulberry32(seed);
  const x = Float64Array.from({ length: n * cols }, () => gaussian(rng));
  const y = Int32Array.from({ length: n }, (_, i) => (x[i * cols] > 0 !== x[i * cols + 1] > 0 ? 1 : 0));
  return { x, y };
}

function accuracy(truth: Int32Array, predicted: Int32Array): number {
  return truth.reduce((s, t, i) => s + (t === predicted[i] ? 1 : 0), 0) / truth.length;
}

describe('RandomForestClassifier', () => {
  it('learns a boundary no single split can draw', () => {
    const train = xor(600, 4, 1);
    const test = xor(400, 4, 2);
    const forest = new RandomForestClassifier({ trees: 30, seed: 3 }).fit(train.x, 600, 4, train.y, 2);
    expect(accuracy(test.y, argmaxRows(forest.predictProbabilities(test.x, 400), 400, 2))).toBeGreaterThan(0.9);
  });

  it('gives probabilities that sum to one, with absent classes at zero', () => {
    const { x, y } = xor(200, 3, 4);
    const forest = new RandomForestClassifier({ trees: 10 }).fit(x, 200, 3, y, 3);
    const p = forest.predictProbabilities(x, 200);
    for (let i = 0; i < 200; i++) {
      expect(p[i * 3] + p[i * 3 + 1] + p[i * 3 + 2]).toBeCloseTo(1, 12);
      expect(p[i * 3 + 2]).toBe(0);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const { x, y } = xor(300, 4, 5);
    const probs = (seed: number) =>
      Array.from(new RandomForestClassifier({ trees: 5, seed }).fit(x, 300, 4, y, 2).predictProbabilities(x, 300));
    expect(probs(9)).toEqual(probs(9));
    expect(probs(9)).not.toEqual(probs(10));
  });

  it('finds a rare class with balanced class weights', () => {
    // 4% positives in a small corner of the space.
    const rng = mulberry32(6);
    const make = (n: number) => {
      const x = Float64Array.from({ length: n * 2 }, () => rng());
      const y = Int32Array.from({ length: n }, (_, i) => (x[2 * i] > 0.8 && x[2 * i + 1] > 0.8 ? 1 : 0));
      return { x, y };
    };
    const train = make(1000);
    const test = make(2000);
    const forest = new RandomForestClassifier({ trees: 30 }).fit(train.x, 1000, 2, train.y, 2);
    const predicted = argmaxRows(forest.predictProbabilities(test.x, 2000), 2000, 2);
    let found = 0;
    let positives = 0;
    test.y.forEach((t, i) => {
      positives += t;
      found += t && predicted[i] ? 1 : 0;
    });
    expect(found / positives).toBeGreaterThan(0.8);
  });

  it('predicts the only class it has seen with certainty, and a uniform answer before any label', () => {
    const x = Float64Array.from([1, 2, 3, 4]);
    const single = new RandomForestClassifier().fit(x, 4, 1, Int32Array.from([1, 1, 1, 1]), 3);
    expect(Array.from(single.predictProbabilities(Float64Array.from([2.5]), 1))).toEqual([0, 1, 0]);
    const empty = new RandomForestClassifier().fit(new Float64Array(0), 0, 1, new Int32Array(0), 2);
    expect(Array.from(empty.predictProbabilities(Float64Array.from([0]), 1))).toEqual([0.5, 0.5]);
  });

  it('copes with constant and non-finite features', () => {
    const n = 200;
    const x = new Float64Array(n * 3);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      x[i * 3] = 7; // constant
      x[i * 3 + 1] = i % 5 === 0 ? NaN : i; // informative, with gaps
      x[i * 3 + 2] = i % 3 === 0 ? Infinity : 0;
      y[i] = i >= n / 2 ? 1 : 0;
    }
    const p = new RandomForestClassifier({ trees: 10 }).fit(x, n, 3, y, 2).predictProbabilities(x, n);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[(n - 1) * 2 + 1]).toBeGreaterThan(0.9);
  });

  it('rejects labels outside the classes and inputs too short for the shape', () => {
    const forest = new RandomForestClassifier();
    expect(() => forest.fit(new Float64Array(2), 2, 1, Int32Array.from([0, 2]), 2)).toThrow(RangeError);
    expect(() => forest.fit(new Float64Array(1), 2, 1, Int32Array.from([0, 1]), 2)).toThrow(RangeError);
    expect(() => new RandomForestClassifier().predictProbabilities(new Float64Array(1), 1)).toThrow();
  });
});
