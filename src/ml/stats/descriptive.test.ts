import { mad, mean, median, nanMad, nanMean, nanMedian, nanQuantile, quantile, variance } from './descriptive';
import { gaussian, mulberry32 } from './random';
import { selectKth } from './select';

function sortedCopy(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x).sort();
}

describe('median and selection', () => {
  it('matches the sorted middle on random arrays of odd and even length', () => {
    const rng = mulberry32(7);
    for (const n of [1, 2, 3, 10, 11, 257, 1000]) {
      const x = Float64Array.from({ length: n }, () => Math.round(gaussian(rng) * 5));
      const s = sortedCopy(x);
      const expected = n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
      expect(median(x)).toBe(expected);
    }
  });

  it('selectKth returns every order statistic', () => {
    const rng = mulberry32(3);
    const x = Float64Array.from({ length: 101 }, () => rng());
    const s = sortedCopy(x);
    for (const k of [0, 1, 50, 99, 100]) {
      expect(selectKth(Float64Array.from(x), k, 0, x.length - 1)).toBe(s[k]);
    }
  });

  it('propagates NaN in the plain variants and skips it in the nan variants', () => {
    const x = [1, NaN, 3, 10, Infinity];
    expect(median(x)).toBeNaN();
    expect(mad(x)).toBeNaN();
    expect(nanMedian(x)).toBe(3);
    expect(nanMean(x)).toBeCloseTo(14 / 3);
    expect(nanMad([1, 2, NaN, 3, 100])).toBe(1);
    expect(nanMedian([NaN])).toBeNaN();
    expect(median([])).toBeNaN();
  });
});

describe('mad', () => {
  it('is the raw median absolute deviation, optionally around a given center', () => {
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(mad([1, 2, 3, 4, 100], 0)).toBe(3);
  });

  it('approaches 0.6745 σ on normal data', () => {
    const rng = mulberry32(11);
    const x = Float64Array.from({ length: 20000 }, () => 2 * gaussian(rng));
    expect(mad(x)).toBeGreaterThan(1.3);
    expect(mad(x)).toBeLessThan(1.4);
  });
});

describe('mean, variance, quantile', () => {
  it('computes population and sample variance', () => {
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(x)).toBe(5);
    expect(variance(x)).toBe(4);
    expect(variance(x, 1)).toBeCloseTo(32 / 7);
    expect(variance([1], 1)).toBeNaN();
  });

  it('interpolates linearly between order statistics (numpy type 7)', () => {
    const s = Float64Array.from([1, 2, 3, 4]);
    expect(quantile(s, 0)).toBe(1);
    expect(quantile(s, 1)).toBe(4);
    expect(quantile(s, 0.5)).toBe(2.5);
    expect(quantile(s, 0.25)).toBeCloseTo(1.75);
    expect(quantile(new Float64Array(0), 0.5)).toBeNaN();
    expect(nanQuantile([4, NaN, 1, 3, 2], 0.5)).toBe(2.5);
  });
});
