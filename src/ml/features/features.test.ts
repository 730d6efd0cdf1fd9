import { mulberry32 } from '../stats';
import { RollingWindow } from './rolling-window';
import { UNIVARIATE_FEATURE_COUNT, UnivariateFeatures } from './univariate-features';

describe('RollingWindow', () => {
  it('matches brute force over a long random stream', () => {
    const rng = mulberry32(1);
    const w = new RollingWindow(7);
    const history: number[] = [];
    for (let i = 0; i < 10000; i++) {
      const x = 1e6 + Math.round(rng() * 100);
      w.push(x);
      history.push(x);
      if (i % 997 === 0 || i < 10) {
        const last = history.slice(-7);
        const mean = last.reduce((a, b) => a + b, 0) / last.length;
        const std = Math.sqrt(last.reduce((a, b) => a + (b - mean) ** 2, 0) / last.length);
        expect(w.mean()).toBeCloseTo(mean, 6);
        expect(w.std()).toBeCloseTo(std, 6);
        expect(w.min()).toBe(Math.min(...last));
        expect(w.max()).toBe(Math.max(...last));
      }
    }
  });

  it('is empty before the first push', () => {
    const w = new RollingWindow(3);
    expect(w.mean()).toBeNaN();
    expect(w.min()).toBeNaN();
  });
});

describe('UnivariateFeatures', () => {
  it('builds causal rows in σ units and skips missing values', () => {
    const f = new UnivariateFeatures(3);
    const values = Float64Array.of(10, 12, NaN, 20);
    const z = Float64Array.of(0, 1, NaN, 4);
    const sigma = Float64Array.of(2, 2, 2, 4);
    const m = f.matrix(values, z, sigma);
    const row = (t: number) => Array.from(m.subarray(t * UNIVARIATE_FEATURE_COUNT, (t + 1) * UNIVARIATE_FEATURE_COUNT));
    expect(row(0)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(row(1)).toEqual([1, 0.5, 0.5, 0, 1, 1, 0, 0]);
    expect(row(2).every(Number.isNaN)).toBe(true);
    // Window of the last three finite residuals: 0, 1, 4.
    const last = row(3);
    expect(last[0]).toBe(4);
    expect(last[1]).toBeCloseTo(5 / 3);
    expect(last[3]).toBe(0);
    expect(last[4]).toBe(4);
    // (20 − 12) / σ = 8 / 4, then the two previous residuals.
    expect(last[5]).toBe(2);
    expect(last.slice(6)).toEqual([1, 0]);
  });
});
