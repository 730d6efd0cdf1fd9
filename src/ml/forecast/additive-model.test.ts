import { AdditiveModel } from './additive-model';

describe('Prophet-like additive model', () => {
  it('reproduces a noiseless piecewise-linear trend with two seasons', () => {
    const n = 24 * 7 * 4;
    const y = new Float64Array(n + 48);
    for (let t = 0; t < y.length; t++) {
      // The slope changes at t = 300; the daily and weekly shapes are low-order Fourier terms.
      const trend = 50 + 0.05 * t + (t > 300 ? 0.1 * (t - 300) : 0);
      const daily = 5 * Math.sin((2 * Math.PI * t) / 24) + 2 * Math.cos((4 * Math.PI * t) / 24);
      const weekly = 3 * Math.sin((2 * Math.PI * t) / 168);
      y[t] = trend + daily + weekly;
    }
    const model = new AdditiveModel({ changepoints: 20, changepointPenalty: 1e-6, seasonalityPenalty: 1e-9 });
    const f = model.fit(y.subarray(0, n), { periods: [24, 168] }).forecast(48);
    for (let k = 0; k < 48; k++) {
      expect(Math.abs(f[k] - y[n + k])).toBeLessThan(0.5);
    }
  });

  it('sums seasonal terms by phase exactly like the row-by-row sum', () => {
    const n = 500;
    const y = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      y[t] = 10 + Math.sin(t) + 0.01 * t + Math.cos((2 * Math.PI * t) / 24) + Math.sin((2 * Math.PI * t) / 168);
    }
    const byPhase = new AdditiveModel({ window: 450 }).fit(y, { periods: [24, 168] }).forecast(24);
    const byRow = new AdditiveModel({ window: 450, phaseAggregation: false })
      .fit(y, { periods: [24, 168] })
      .forecast(24);
    for (let k = 0; k < 24; k++) {
      expect(byPhase[k]).toBeCloseTo(byRow[k], 8);
    }
  });

  it('ignores a season without two full cycles in the window and still forecasts the trend', () => {
    const y = new Float64Array(60);
    for (let t = 0; t < 60; t++) {
      y[t] = 3 + 2 * t;
    }
    const f = new AdditiveModel({ changepoints: 0 }).fit(y, { periods: [168] }).forecast(3);
    expect(f[0]).toBeCloseTo(123, 3);
    expect(f[2]).toBeCloseTo(127, 3);
  });
});
