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
  it('builds causal rows and skips missing values', () => {
    const f = new UnivariateFeatures(3);
    const values = Float64Array.of(1, 2, NaN, 6);
    const z = Float64Array.of(0, 1, NaN, 2);
    const m = f.matrix(values, z);
    const row = (t: number) => Array.from(m.subarray(t * UNIVARIATE_FEATURE_COUNT, (t + 1) * UNIVARIATE_FEATURE_COUNT));
    expect(row(0)).toEqual([1, 0, 1, 0, 1, 1, 0, 0]);
    expect(row(2).every(Number.isNaN)).toBe(true);
    // Window of the last three finite values: 1, 2, 6.
    expect(row(3)[0]).toBe(6);
    expect(row(3)[2]).toBeCloseTo(3);
    expect(row(3)[4]).toBe(1);
    expect(row(3)[5]).toBe(6);
    expect(row(3)[6]).toBe(4);
    expect(row(3)[7]).toBe(1);
  });
});
