import { gaussian, mulberry32 } from '../stats';
import { fitGpd, gpdSurvival } from './gpd';
import { erfc } from '../stats/distributions';
import { normalTwoSided, normalUpper } from './reference-tails';
import { MIN_P_VALUE, scoreForPValue, TailCalibrator } from './tail-calibrator';

function exponentialSample(n: number, scale: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({ length: n }, () => -scale * Math.log(1 - rng())).sort();
}

describe('GPD tail', () => {
  it('recovers an exponential tail (shape ≈ 0, scale ≈ β)', () => {
    const fit = fitGpd(exponentialSample(5000, 2, 1))!;
    expect(fit.shape).toBeLessThan(0.05);
    expect(fit.scale).toBeGreaterThan(1.8);
    expect(fit.scale).toBeLessThan(2.2);
    expect(gpdSurvival({ shape: 0, scale: 2 }, 2)).toBeCloseTo(Math.exp(-1));
  });

  it('sees a heavy (Pareto) tail and never claims a bounded one', () => {
    const rng = mulberry32(2);
    const pareto = Float64Array.from({ length: 5000 }, () => Math.pow(1 - rng(), -1 / 3) - 1).sort();
    expect(fitGpd(pareto)!.shape).toBeGreaterThan(0.2);
    const uniform = Float64Array.from({ length: 5000 }, () => rng()).sort();
    expect(fitGpd(uniform)!.shape).toBe(0);
    expect(fitGpd(Float64Array.of(0, 0, 0))).toBeUndefined();
  });
});

describe('reference tails', () => {
  it('matches the normal law', () => {
    expect(erfc(0)).toBeCloseTo(1, 6);
    expect(normalTwoSided(1.959964)).toBeCloseTo(0.05, 5);
    expect(normalUpper(3)).toBeCloseTo(0.0013499, 6);
  });
});

describe('TailCalibrator', () => {
  const rng = mulberry32(3);
  const history = Float64Array.from({ length: 10000 }, () => Math.abs(gaussian(rng)));
  const calibrator = new TailCalibrator().fit(history);

  it('is uniform on its own history (a valid p-value)', () => {
    const p = Array.from(history, (s) => calibrator.pValue(s));
    const below = (q: number) => p.filter((x) => x <= q).length / p.length;
    expect(below(0.1)).toBeGreaterThan(0.08);
    expect(below(0.1)).toBeLessThan(0.12);
    expect(below(0.01)).toBeLessThan(0.015);
  });

  it('extrapolates beyond the largest score instead of stopping at 1/(n+1)', () => {
    const max = history.reduce((a, b) => Math.max(a, b), 0);
    expect(calibrator.pValue(max + 1)).toBeLessThan(1 / 10001);
    expect(calibrator.pValue(max + 3)).toBeLessThan(calibrator.pValue(max + 1));
    expect(calibrator.pValue(1e9)).toBe(MIN_P_VALUE);
    expect(calibrator.pValue(-5)).toBe(1);
    expect(calibrator.pValue(NaN)).toBeNaN();
  });

  it('falls back to the reference tail with too little history', () => {
    const small = new TailCalibrator({ reference: normalTwoSided }).fit([1, 2, 3]);
    expect(small.pValue(1.959964)).toBeCloseTo(0.05, 4);
    expect(new TailCalibrator().fit([1, 2]).pValue(10)).toBe(1);
  });

  it('inverts its survival function', () => {
    const s = scoreForPValue(calibrator, 0.01, 0, 100);
    expect(calibrator.pValue(s)).toBeCloseTo(0.01, 3);
    // Normal |Z|: the 1% two-sided point is 2.576.
    expect(s).toBeGreaterThan(2.4);
    expect(s).toBeLessThan(2.75);
  });
});

describe('TailCalibrator lookup', () => {
  it('counts exactly like a linear scan on tied scores', () => {
    const rng = mulberry32(9);
    const scores = Float64Array.from({ length: 1000 }, () => Math.floor(rng() * 50));
    const calibrator = new TailCalibrator({ tailFraction: 0, minTailPoints: 10_000 }).fit(scores);
    for (const x of [-1, 0, 0.5, 7, 16, 31, 49, 49.5, 60]) {
      const atLeast = scores.filter((s) => s >= x).length;
      expect(calibrator.pValue(x)).toBeCloseTo(x > 49 ? 1 / 1001 : (atLeast + 1) / 1001, 12);
    }
  });

  it('keeps a bounded summary that still gives the empirical p-value closely', () => {
    const rng = mulberry32(11);
    const n = 100_000;
    const scores = Float64Array.from({ length: n }, () => Math.exp(gaussian(rng)));
    const calibrator = new TailCalibrator({ tailFraction: 0, minTailPoints: n }).fit(scores);
    expect(calibrator.size).toBe(n);
    expect(calibrator.knotCount).toBeLessThanOrEqual(112);
    const sorted = Float64Array.from(scores).sort();
    for (const q of [0.01, 0.3, 0.5, 0.9, 0.99, 0.999, 0.9999]) {
      const x = 0.5 * (sorted[Math.floor(q * n)] + sorted[Math.floor(q * n) + 1]);
      const exact = (scores.filter((s) => s >= x).length + 1) / (n + 1);
      // Within 0.015 decades of p (3.5%): a tenth of a score point at most.
      expect(Math.abs(Math.log10(calibrator.pValue(x) / exact))).toBeLessThan(0.015);
    }
  });
});
