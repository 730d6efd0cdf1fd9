import { Naive2 } from './naive2';
import {
  adjustSeasonality,
  classicalSeasonalFigure,
  m4SeasonalityTest,
  restoreSeasonality,
} from './seasonal-adjustment';
import { SeasonalNaive } from './seasonal-naive';
import { syntheticSeries } from './synthetic';

describe('M4 seasonal adjustment', () => {
  const seasonal = syntheticSeries({ length: 240, period: 24, amplitude: 0.3, multiplicative: true, noise: 1 });
  const noise = syntheticSeries({ length: 240, noise: 1, seed: 7 });

  it('tests seasonal on a clear daily cycle and not on white noise', () => {
    expect(m4SeasonalityTest(seasonal, 24)).toBe(true);
    expect(m4SeasonalityTest(noise, 24)).toBe(false);
  });

  it('never calls a series shorter than three seasons seasonal', () => {
    expect(m4SeasonalityTest(seasonal.subarray(0, 71), 24)).toBe(false);
  });

  it('recovers a multiplicative figure normalised to mean 1', () => {
    const clean = syntheticSeries({ length: 240, period: 24, amplitude: 0.3, multiplicative: true });
    const figure = classicalSeasonalFigure(clean, 24, 'multiplicative');
    const mean = figure.reduce((a, b) => a + b, 0) / 24;
    expect(mean).toBeCloseTo(1, 12);
    for (let j = 0; j < 24; j++) {
      const shape = Math.sin((2 * Math.PI * j) / 24) + 0.5 * Math.cos((4 * Math.PI * j) / 24);
      expect(figure[j]).toBeCloseTo(1 + 0.3 * shape, 2);
    }
  });

  it('falls back to an additive figure when a value is not positive', () => {
    const shifted = seasonal.map((v) => v - 100);
    const adjustment = adjustSeasonality(shifted, 24);
    expect(adjustment.form).toBe('additive');
    expect(adjustment.figure).not.toBeNull();
  });

  it('restores exactly what it removed', () => {
    const adjustment = adjustSeasonality(seasonal, 24);
    const tail = adjustment.adjusted.slice(200);
    restoreSeasonality(adjustment, tail, 200);
    for (let k = 0; k < tail.length; k++) {
      expect(tail[k]).toBeCloseTo(seasonal[200 + k], 9);
    }
  });
});

describe('Naive2 and seasonal naive', () => {
  it('Naive2 is the last adjusted value re-seasonalised, seasonal naive repeats the last season', () => {
    const y = syntheticSeries({ length: 240, period: 24, amplitude: 0.3, multiplicative: true, noise: 0.5 });
    const naive2 = new Naive2().fit(y, { periods: [24] }).forecast(30);
    const adjustment = adjustSeasonality(y, 24);
    const figure = adjustment.figure as Float64Array;
    for (let k = 0; k < 30; k++) {
      expect(naive2[k]).toBeCloseTo(adjustment.adjusted[239] * figure[(240 + k) % 24], 9);
    }
    const snaive = new SeasonalNaive().fit(y, { periods: [24] }).forecast(30);
    for (let k = 0; k < 30; k++) {
      expect(snaive[k]).toBe(y[216 + (k % 24)]);
    }
  });

  it('Naive2 without a season is the naive forecast', () => {
    const y = syntheticSeries({ length: 100, noise: 1, seed: 3 });
    expect(Array.from(new Naive2().fit(y).forecast(3))).toEqual([y[99], y[99], y[99]]);
  });
});
