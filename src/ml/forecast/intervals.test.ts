import { residualScales } from './intervals';
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
