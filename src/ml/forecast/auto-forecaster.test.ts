import { gaussian, mulberry32 } from 'ml/stats';

import { AutoForecaster } from './auto-forecaster';
import { SeasonalNaive } from './seasonal-naive';
import { syntheticSeries, SyntheticSeriesSpec, syntheticTruth } from './synthetic';

function meanAbsError(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    s += Math.abs(a[k] - b[k]);
  }
  return s / a.length;
}

describe('AutoForecaster on constructed series', () => {
  const horizon = 48;

  it('finds the daily season and forecasts trend + season close to the truth', () => {
    const spec: SyntheticSeriesSpec = { length: 24 * 21, slope: 0.1, period: 24, amplitude: 10, noise: 1, seed: 21 };
    const forecast = new AutoForecaster({ horizon }).fit(syntheticSeries(spec)).predict();
    expect(forecast.periods[0]).toBe(24);
    expect(meanAbsError(forecast.mean, syntheticTruth(spec, spec.length, horizon))).toBeLessThan(2);
    const weights = forecast.models.reduce((s, m) => s + m.weight, 0);
    expect(weights).toBeCloseTo(1, 12);
  });

  it('follows a level shift a few days before the end', () => {
    const spec: SyntheticSeriesSpec = {
      length: 24 * 21,
      period: 24,
      amplitude: 5,
      noise: 0.5,
      shiftAt: 24 * 17,
      shift: 40,
      seed: 22,
    };
    const forecast = new AutoForecaster({ horizon }).fit(syntheticSeries(spec)).predict();
    const truth = syntheticTruth(spec, spec.length, horizon);
    // Forecasting the old level would be 40 off on average.
    expect(meanAbsError(forecast.mean, truth)).toBeLessThan(8);
  });

  it('handles a multiplicative season on a growing level', () => {
    const spec: SyntheticSeriesSpec = {
      length: 24 * 28,
      level: 50,
      slope: 0.2,
      period: 24,
      amplitude: 0.5,
      multiplicative: true,
      noise: 0.5,
      seed: 23,
    };
    const forecast = new AutoForecaster({ horizon }).fit(syntheticSeries(spec)).predict();
    const truth = syntheticTruth(spec, spec.length, horizon);
    // The seasonal swing at the end is ±~90; a forecast that misses the shape is far worse than this.
    expect(meanAbsError(forecast.mean, truth)).toBeLessThan(6);
  });

  it('95% intervals cover about 95% of simulated futures', () => {
    const rng = mulberry32(99);
    let inside = 0;
    let total = 0;
    for (let s = 0; s < 40; s++) {
      // AR(1) noise around a daily cycle: errors are autocorrelated, as in real metrics.
      const n = 24 * 14 + horizon;
      const y = new Float64Array(n);
      let e = 0;
      const amplitude = 5 + 10 * rng();
      for (let t = 0; t < n; t++) {
        e = 0.6 * e + gaussian(rng);
        y[t] = 100 + amplitude * Math.sin((2 * Math.PI * t) / 24) + e;
      }
      const forecast = new AutoForecaster({ horizon }).fit(y.subarray(0, n - horizon)).predict();
      for (let k = 0; k < horizon; k++) {
        const actual = y[n - horizon + k];
        inside += actual >= forecast.lower[k] && actual <= forecast.upper[k] ? 1 : 0;
        total++;
      }
    }
    const coverage = inside / total;
    expect(coverage).toBeGreaterThan(0.88);
    expect(coverage).toBeLessThan(0.995);
  });
});

describe('AutoForecaster on a steady trend (a disk filling up)', () => {
  // One day at one-minute steps: a climb of 0.3 a day, a small daily wave and noise, as the /data disk fixture.
  const day = 1440;
  const spec: SyntheticSeriesSpec = { length: day + 1, level: 0.5, slope: 0.3 / day, noise: 0.001, seed: 31 };

  it('extrapolates the whole slope over a long horizon', () => {
    const y = syntheticSeries(spec);
    const forecast = new AutoForecaster({ horizon: day, periodHints: [day, 7 * day] }).fit(y).predict();
    const truth = syntheticTruth(spec, spec.length, day);
    // A flat, halved or per-step-damped slope ends 0.1 to 0.3 short of the truth a day ahead.
    expect(Math.abs(forecast.mean[day - 1] - truth[day - 1])).toBeLessThan(0.03);
    expect(forecast.models.every((m) => !m.name.startsWith('seasonal-naive') && m.name !== 'theta')).toBe(true);
    expect(forecast.notes.join(' ')).toMatch(/steady trend/);
  });

  it('still backtests and follows the trend when the history is exactly two seasons long', () => {
    const twoDays: SyntheticSeriesSpec = { ...spec, length: 2 * day, period: day, amplitude: 0.004 };
    const forecast = new AutoForecaster({ horizon: day, periodHints: [day] }).fit(syntheticSeries(twoDays)).predict();
    expect(forecast.models[0].name).not.toBe('ses');
    const truth = syntheticTruth(twoDays, twoDays.length, day);
    expect(Math.abs(forecast.mean[day - 1] - truth[day - 1])).toBeLessThan(0.03);
  });

  it('fits a long history on bucket means, keeping the forecast and the intervals honest', () => {
    const week: SyntheticSeriesSpec = { length: 7 * day, level: 100, slope: 0.001, period: day, amplitude: 10 };
    const y = syntheticSeries({ ...week, noise: 1, seed: 32 });
    const forecast = new AutoForecaster({ horizon: 360, periodHints: [day, 7 * day] }).fit(y).predict();
    expect(forecast.notes.join(' ')).toMatch(/fitted as \d+ means of \d+/);
    expect(forecast.periods[0]).toBe(day);
    const truth = syntheticTruth(week, week.length, 360);
    expect(meanAbsError(forecast.mean, truth)).toBeLessThan(1);
    // Intervals cover single samples (noise sd 1), not just bucket means: at least ±1.5 around the mean.
    expect(forecast.upper[0] - forecast.lower[0]).toBeGreaterThan(3);
  });
});

describe('AutoForecaster on awkward input', () => {
  it('fills gaps and says so', () => {
    const y = syntheticSeries({ length: 24 * 10, period: 24, amplitude: 5, noise: 0.5 });
    y[50] = NaN;
    y[51] = NaN;
    y[y.length - 1] = NaN;
    const forecast = new AutoForecaster({ horizon: 24 }).fit(y).predict();
    expect(forecast.mean.every(Number.isFinite)).toBe(true);
    expect(forecast.notes.join(' ')).toMatch(/3 missing/);
  });

  it('forecasts a constant series exactly, with zero-width intervals', () => {
    const forecast = new AutoForecaster({ horizon: 5 }).fit(new Float64Array(100).fill(7)).predict();
    expect(Array.from(forecast.mean)).toEqual([7, 7, 7, 7, 7]);
    expect(Array.from(forecast.upper)).toEqual([7, 7, 7, 7, 7]);
    expect(forecast.notes.join(' ')).toMatch(/constant/);
  });

  it('drops a season with fewer than two cycles of history', () => {
    const y = syntheticSeries({ length: 40, period: 24, amplitude: 5, noise: 0.5 });
    const forecast = new AutoForecaster({ horizon: 12, periods: [24] }).fit(y).predict();
    expect(forecast.periods).toEqual([]);
    expect(forecast.notes.join(' ')).toMatch(/fewer than two full seasons/);
    expect(forecast.upper.every((v, k) => v > forecast.lower[k])).toBe(true);
  });

  it('falls back to simple exponential smoothing when too short to backtest', () => {
    const forecast = new AutoForecaster({ horizon: 6 }).fit([3, 4, 3.5, 4.2, 3.9]).predict();
    expect(forecast.models[0].name).toBe('ses');
    expect(forecast.notes.join(' ')).toMatch(/too short to backtest/);
    // ETS(A,N,N) intervals widen with the horizon.
    expect(forecast.upper[5] - forecast.lower[5]).toBeGreaterThanOrEqual(forecast.upper[0] - forecast.lower[0]);
  });

  it('gives a flat forecast without intervals for one or two observations', () => {
    const forecast = new AutoForecaster({ horizon: 3 }).fit([5]).predict();
    expect(Array.from(forecast.mean)).toEqual([5, 5, 5]);
    expect(forecast.sigma.every(Number.isNaN)).toBe(true);
  });

  it('leaves multiplicative models out for series with negative values', () => {
    const y = syntheticSeries({ length: 24 * 10, level: 0, period: 24, amplitude: 5, noise: 0.5 });
    const forecast = new AutoForecaster({ horizon: 24 }).fit(y).predict();
    expect(forecast.models.some((m) => m.name.includes('multiplicative'))).toBe(false);
    expect(forecast.notes.join(' ')).toMatch(/non-positive/);
  });

  it('uses only the latest maxHistory samples and says so', () => {
    // An old regime at 1000 must not leak into a forecast from the latest 200 samples around 100.
    const y = syntheticSeries({ length: 600, level: 1000, noise: 1 });
    y.set(syntheticSeries({ length: 200, level: 100, noise: 1, seed: 2 }), 400);
    const forecast = new AutoForecaster({ horizon: 5, maxHistory: 200 }).fit(y).predict();
    expect(forecast.notes.join(' ')).toMatch(/latest 200 of 600/);
    expect(Math.abs(forecast.mean[0] - 100)).toBeLessThan(5);
  });

  it('leaves out a model that fails on the full series, and falls back when none is left', () => {
    const y = syntheticSeries({ length: 200, noise: 1 });
    const failsOnFullSeries = () => ({
      name: 'fragile',
      fit(history: Float64Array) {
        if (history.length === 200) {
          throw new Error('boom');
        }
        return this;
      },
      forecast: (h: number) => new Float64Array(h).fill(100),
    });
    const both = new AutoForecaster({
      horizon: 10,
      candidates: () => [
        { name: 'fragile', periods: [], create: failsOnFullSeries },
        { name: 'naive', periods: [], create: () => new SeasonalNaive() },
      ],
    })
      .fit(y)
      .predict();
    expect(both.models.map((m) => m.name)).toEqual(['naive']);
    expect(both.models[0].weight).toBeCloseTo(1, 12);
    expect(both.notes.join(' ')).toMatch(/fragile failed/);
    const none = new AutoForecaster({
      horizon: 10,
      candidates: () => [{ name: 'fragile', periods: [], create: failsOnFullSeries }],
    })
      .fit(y)
      .predict();
    expect(none.models[0].name).toBe('ses');
  });

  it('refuses a series without any finite value and a bad horizon or level', () => {
    expect(() => new AutoForecaster({ horizon: 3 }).fit([NaN, NaN])).toThrow(RangeError);
    expect(() => new AutoForecaster({ horizon: 0 })).toThrow(RangeError);
    expect(() => new AutoForecaster({ horizon: 3, level: 1 })).toThrow(RangeError);
  });
});
