import { gaussian, mulberry32 } from '../stats';
import { RobustCovariance } from './robust-covariance';

/** Correlated 2-D normal data (ρ = 0.8) with a cluster of contaminating points. */
function contaminated(n: number, outliers: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const a = gaussian(rng);
    const b = 0.8 * a + 0.6 * gaussian(rng);
    out[2 * i] = i < outliers ? 8 + 0.1 * gaussian(rng) : a;
    out[2 * i + 1] = i < outliers ? -8 + 0.1 * gaussian(rng) : b;
  }
  return out;
}

describe('RobustCovariance', () => {
  it('finds the clean centre despite 20% contamination', () => {
    const data = contaminated(1000, 200, 1);
    const mcd = new RobustCovariance({ seed: 2 }).fit(data, 1000, 2);
    expect(Math.abs(mcd.location[0])).toBeLessThan(0.15);
    expect(Math.abs(mcd.location[1])).toBeLessThan(0.15);
    // The contaminating cluster sits far outside; an inlier sits near the χ²₂ median (1.39).
    expect(mcd.scoreRow(Float64Array.of(8, -8))).toBeGreaterThan(100);
    expect(mcd.scoreRow(Float64Array.of(0.5, 0.4))).toBeLessThan(2);
  });

  it('uses the correlation: a point against it is far, one along it is near', () => {
    const data = contaminated(1000, 0, 3);
    const mcd = new RobustCovariance().fit(data, 1000, 2);
    const along = mcd.scoreRow(Float64Array.of(1.5, 1.2));
    const against = mcd.scoreRow(Float64Array.of(1.5, -1.2));
    expect(against).toBeGreaterThan(5 * along);
  });

  it('gives inlier distances distributed like χ² (mean ≈ p)', () => {
    const data = contaminated(2000, 0, 4);
    const mcd = new RobustCovariance().fit(data, 2000, 2);
    const d2 = mcd.score(data, 2000);
    const mean = d2.reduce((a, b) => a + b, 0) / d2.length;
    expect(mean).toBeGreaterThan(1.6);
    expect(mean).toBeLessThan(2.6);
  });

  it('survives constant columns, NaN rows and an empty fit', () => {
    const data = new Float64Array(200);
    const rng = mulberry32(5);
    for (let i = 0; i < 100; i++) {
      data[2 * i] = 3;
      data[2 * i + 1] = gaussian(rng);
    }
    data[7] = NaN;
    const mcd = new RobustCovariance().fit(data, 100, 2);
    expect(Number.isFinite(mcd.scoreRow(Float64Array.of(3, 0)))).toBe(true);
    expect(mcd.scoreRow(Float64Array.of(3.5, 0))).toBeGreaterThan(1e3);
    expect(mcd.scoreRow(Float64Array.of(NaN, 0))).toBeNaN();
    const empty = new RobustCovariance().fit(new Float64Array(0), 0, 3);
    expect(empty.scoreRow(Float64Array.of(1, 0, 0))).toBe(1);
  });
});

describe('RobustCovariance options', () => {
  it('with support fraction 1 is the classical estimate, pulled by the contamination', () => {
    const data = contaminated(1000, 200, 6);
    const classical = new RobustCovariance({ supportFraction: 1 }).fit(data, 1000, 2);
    // 20% of the points at (8, −8) drag the mean to about (1.6, −1.6).
    expect(classical.location[0]).toBeGreaterThan(1.3);
    expect(classical.location[1]).toBeLessThan(-1.3);
  });

  it('shrinks towards the diagonal: a point against the correlation gets closer', () => {
    const data = contaminated(1000, 0, 7);
    const against = Float64Array.of(1.5, -1.2);
    const plain = new RobustCovariance({ supportFraction: 1 }).fit(data, 1000, 2).scoreRow(against);
    const shrunk = new RobustCovariance({ supportFraction: 1, shrinkage: 0.5 }).fit(data, 1000, 2).scoreRow(against);
    expect(shrunk).toBeLessThan(plain / 2);
  });
});
