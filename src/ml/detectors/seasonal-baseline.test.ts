import { gaussian, mulberry32 } from '../stats';
import { SeasonalBaseline, Z_LIMIT } from './seasonal-baseline';

const DAY = 48;

function dailySeries(n: number, seed: number, noise = 0.5): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from(
    { length: n },
    (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / DAY) + noise * gaussian(rng)
  );
}

function fitOn(history: Float64Array): SeasonalBaseline {
  const model = new SeasonalBaseline();
  model.fit(history);
  return model;
}

describe('SeasonalBaseline', () => {
  it('learns the daily period and predicts the cycle within the noise', () => {
    const series = dailySeries(DAY * 20, 1);
    const model = fitOn(series.subarray(0, DAY * 14));
    expect(model.periods).toEqual([DAY]);
    let maxAbsZ = 0;
    for (let t = DAY * 14; t < series.length; t++) {
      maxAbsZ = Math.max(maxAbsZ, Math.abs(model.step(series[t])));
      expect(Math.abs(model.expected - (50 + 10 * Math.sin((2 * Math.PI * t) / DAY)))).toBeLessThan(1);
    }
    expect(maxAbsZ).toBeLessThan(5);
  });

  it('flags a spike, then recovers without learning it', () => {
    const series = dailySeries(DAY * 16, 2);
    const model = fitOn(series.subarray(0, DAY * 14));
    const t0 = DAY * 14;
    for (let t = t0; t < t0 + 10; t++) {
      model.step(series[t]);
    }
    expect(model.step(series[t0 + 10] + 8)).toBeGreaterThan(8);
    expect(Math.abs(model.step(series[t0 + 11]))).toBeLessThan(4);
  });

  it('flags a missed seasonal peak that a global threshold would not see', () => {
    const series = dailySeries(DAY * 16, 3);
    const model = fitOn(series.subarray(0, DAY * 14));
    const peak = DAY * 14 + DAY / 4; // sin = 1 here
    for (let t = DAY * 14; t < peak; t++) {
      model.step(series[t]);
    }
    // The metric stays at its daily mean (50) where it should be at 60: inside the global range, but anomalous.
    expect(model.step(50)).toBeLessThan(-8);
  });

  it('adopts a level shift after a short run instead of alarming forever', () => {
    const series = dailySeries(DAY * 20, 4);
    const model = fitOn(series.subarray(0, DAY * 14));
    const z: number[] = [];
    for (let t = DAY * 14; t < series.length; t++) {
      z.push(model.step(series[t] + 20));
    }
    expect(z[0]).toBeGreaterThan(10);
    const tail = z.slice(-DAY).map(Math.abs);
    expect(Math.max(...tail)).toBeLessThan(5);
  });

  it('works without seasonality and on a constant series', () => {
    const rng = mulberry32(5);
    const noise = Float64Array.from({ length: 500 }, () => 3 + gaussian(rng));
    const model = fitOn(noise);
    expect(model.periods).toEqual([]);
    expect(Math.abs(model.step(3.5))).toBeLessThan(3);

    const flat = fitOn(new Float64Array(200).fill(45));
    expect(flat.step(45)).toBe(0);
    const jump = flat.step(46);
    expect(jump).toBeGreaterThan(1e3);
    expect(Number.isFinite(jump)).toBe(true);
  });

  it('keeps NaN gaps unscored and Inf at the z limit, without corrupting the state', () => {
    const series = dailySeries(DAY * 10, 6);
    series[100] = NaN;
    series[200] = Infinity;
    const fit = new SeasonalBaseline().fit(series);
    expect(fit.z[100]).toBeNaN();
    expect(fit.z[200]).toBe(Z_LIMIT);
    expect(Number.isFinite(fit.expected[300])).toBe(true);
    expect(Math.abs(fit.z[300])).toBeLessThan(5);
  });

  it('is scale free: huge and tiny magnitudes give the same z', () => {
    const base = dailySeries(DAY * 10, 7);
    const huge = base.map((v) => v * 1e12);
    const tiny = base.map((v) => v * 1e-12);
    const zBase = new SeasonalBaseline().fit(base).z;
    const zHuge = new SeasonalBaseline().fit(huge).z;
    const zTiny = new SeasonalBaseline().fit(tiny).z;
    for (const t of [50, 300, 479]) {
      expect(zHuge[t]).toBeCloseTo(zBase[t], 4);
      expect(zTiny[t]).toBeCloseTo(zBase[t], 4);
    }
  });

  it('handles a single point and an empty history', () => {
    const one = new SeasonalBaseline();
    expect(Array.from(one.fit(Float64Array.of(5)).z)).toEqual([0]);
    expect(Number.isFinite(one.step(5))).toBe(true);
    const none = new SeasonalBaseline();
    none.fit(new Float64Array(0));
    expect(Number.isNaN(none.step(1))).toBe(false);
  });
});
