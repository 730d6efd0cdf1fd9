import { gaussian, mulberry32 } from '../stats/random';
import { argmaxRows } from './predictions';
import { SoftmaxRegression } from './softmax-regression';

describe('SoftmaxRegression', () => {
  it('recovers a linear boundary between two classes', () => {
    const rng = mulberry32(1);
    const n = 400;
    const x = Float64Array.from({ length: n * 2 }, () => gaussian(rng));
    const y = Int32Array.from({ length: n }, (_, i) => (2 * x[2 * i] - x[2 * i + 1] > 0.5 ? 1 : 0));
    const model = new SoftmaxRegression({ l2: 0.01 }).fit(x, n, 2, y, 2);
    const predicted = model.predict(x, n);
    const accuracy = y.reduce((s, t, i) => s + (t === predicted[i] ? 1 : 0), 0) / n;
    expect(accuracy).toBeGreaterThan(0.97);
  });

  it('matches the closed form for one binary feature (the log-odds of each group)', () => {
    // Feature 0 → 30% positives, feature 1 → 80%: an unpenalised fit must give exactly those probabilities.
    const x = new Float64Array(200);
    const y = new Int32Array(200);
    for (let i = 0; i < 100; i++) {
      y[i] = i < 30 ? 1 : 0;
      x[100 + i] = 1;
      y[100 + i] = i < 80 ? 1 : 0;
    }
    const model = new SoftmaxRegression({ l2: 0, classWeight: 'uniform' }).fit(x, 200, 1, y, 2);
    const p = model.predictProbabilities(Float64Array.from([0, 1]), 2);
    expect(p[1]).toBeCloseTo(0.3, 6);
    expect(p[3]).toBeCloseTo(0.8, 6);
  });

  it('separates three classes and gives zero to a class never seen', () => {
    const rng = mulberry32(2);
    const centres = [
      [0, 0],
      [4, 0],
      [0, 4],
    ];
    const n = 300;
    const x = new Float64Array(n * 2);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      y[i] = c;
      x[2 * i] = centres[c][0] + 0.5 * gaussian(rng);
      x[2 * i + 1] = centres[c][1] + 0.5 * gaussian(rng);
    }
    const model = new SoftmaxRegression().fit(x, n, 2, y, 4);
    const p = model.predictProbabilities(x, n);
    const predicted = argmaxRows(p, n, 4);
    expect(y.every((c, i) => c === predicted[i])).toBe(true);
    for (let i = 0; i < n; i++) {
      expect(p[i * 4 + 3]).toBe(0);
      expect(p[i * 4] + p[i * 4 + 1] + p[i * 4 + 2]).toBeCloseTo(1, 12);
    }
  });

  it('is certain of the only class it has seen, and refuses to predict before fitting', () => {
    const model = new SoftmaxRegression().fit(Float64Array.from([1, 2]), 2, 1, Int32Array.from([2, 2]), 3);
    expect(Array.from(model.predictProbabilities(Float64Array.from([5]), 1))).toEqual([0, 0, 1]);
    expect(() => new SoftmaxRegression().predict(new Float64Array(1), 1)).toThrow();
  });
});
