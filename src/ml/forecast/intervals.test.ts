import { intervalMultiplier, residualScales } from './intervals';
import { normalCdf, normalQuantile } from '../stats/distributions';

describe('normal distribution helpers', () => {
  it('inverts the CDF', () => {
    for (const p of [0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999]) {
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  });
});

describe('residual scales', () => {
  it('are the RMS of the pooled residuals and never decrease with the horizon', () => {
    const horizon = 10;
    const residuals = new Float64Array(2 * horizon);
    for (let k = 0; k < horizon; k++) {
      // Large errors early, small later: the scale must still not shrink.
      residuals[k] = k < 3 ? 4 : 1;
      residuals[horizon + k] = k < 3 ? -4 : -1;
    }
    const scales = residualScales(residuals, horizon, horizon, { neighbourhood: 0 });
    expect(scales[0]).toBeCloseTo(4, 12);
    for (let k = 1; k < horizon; k++) {
      expect(scales[k]).toBeGreaterThanOrEqual(scales[k - 1]);
    }
  });

  it('grow like a random walk past the backtested steps', () => {
    const residuals = new Float64Array(8).fill(2);
    const scales = residualScales(residuals, 4, 16, { neighbourhood: 1 });
    expect(scales[3]).toBeCloseTo(2, 12);
    expect(scales[15]).toBeCloseTo(2 * Math.sqrt(16 / 4), 12);
  });
});

describe('intervalMultiplier', () => {
  const z = (level: number) => normalQuantile(0.5 + level / 2);

  it('is the normal 1.96 at 95%, where the forecast scale is calibrated', () => {
    expect(intervalMultiplier(0.95)).toBeCloseTo(1.96, 2);
  });

  it('follows the heavier-than-normal error tails: narrower than z at 80%, wider at 99%', () => {
    expect(intervalMultiplier(0.8)).toBeLessThan(z(0.8) * 0.9);
    expect(intervalMultiplier(0.99)).toBeGreaterThan(z(0.99) * 1.1);
  });

  it('grows with the level, also beyond the measured levels', () => {
    const levels = [0.2, 0.5, 0.6, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99, 0.999];
    const widths = levels.map(intervalMultiplier);
    for (let i = 1; i < widths.length; i++) {
      expect(widths[i]).toBeGreaterThan(widths[i - 1]);
    }
  });
});
