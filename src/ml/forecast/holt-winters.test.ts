import { HoltWinters } from './holt-winters';
import { syntheticSeries, SyntheticSeriesSpec, syntheticTruth } from './synthetic';

function maeAgainstTruth(spec: SyntheticSeriesSpec, forecast: Float64Array): number {
  const truth = syntheticTruth(spec, spec.length, forecast.length);
  let sum = 0;
  for (let k = 0; k < forecast.length; k++) {
    sum += Math.abs(forecast[k] - truth[k]);
  }
  return sum / forecast.length;
}

describe('Holt–Winters', () => {
  it('follows a trend with an additive season', () => {
    const spec = { length: 24 * 15, slope: 0.2, period: 24, amplitude: 10, noise: 0.5, seed: 2 };
    const model = new HoltWinters({ trend: 'additive', season: 'additive' }).fit(syntheticSeries(spec), {
      periods: [24],
    });
    expect(model.effectiveSeason).toBe('additive');
    expect(maeAgainstTruth(spec, model.forecast(48))).toBeLessThan(1.5);
  });

  it('fits a season whose amplitude grows with the level better multiplicatively', () => {
    const spec = {
      length: 24 * 20,
      level: 50,
      slope: 0.3,
      period: 24,
      amplitude: 0.4,
      multiplicative: true,
      noise: 0.3,
    };
    const y = syntheticSeries(spec);
    const multiplicative = new HoltWinters({ trend: 'additive', season: 'multiplicative' }).fit(y, { periods: [24] });
    const additive = new HoltWinters({ trend: 'additive', season: 'additive' }).fit(y, { periods: [24] });
    expect(multiplicative.sse).toBeLessThan(additive.sse);
    expect(maeAgainstTruth(spec, multiplicative.forecast(48))).toBeLessThan(
      maeAgainstTruth(spec, additive.forecast(48))
    );
  });

  it('damps the trend: the forecast flattens', () => {
    const spec = { length: 200, slope: 0.5, noise: 1, seed: 4 };
    const model = new HoltWinters({ trend: 'damped', season: 'none' }).fit(syntheticSeries(spec));
    const f = model.forecast(200);
    expect(model.parameters.phi).toBeLessThan(1);
    expect(f[199] - f[198]).toBeLessThan(f[1] - f[0]);
  });

  it('falls back to an additive season for non-positive data and to none for short data', () => {
    const negative = syntheticSeries({ length: 24 * 6, level: 0, period: 24, amplitude: 5, noise: 0.2 });
    expect(new HoltWinters({ season: 'multiplicative' }).fit(negative, { periods: [24] }).effectiveSeason).toBe(
      'additive'
    );
    const short = syntheticSeries({ length: 30, period: 24, amplitude: 5 });
    expect(new HoltWinters({ season: 'additive' }).fit(short, { periods: [24] }).effectiveSeason).toBe('none');
  });

  it('update re-filters with the same parameters: same result as the fit on the same data', () => {
    const y = syntheticSeries({ length: 24 * 10, slope: 0.1, period: 24, amplitude: 5, noise: 1, seed: 8 });
    const model = new HoltWinters({ trend: 'damped', season: 'additive' }).fit(y.subarray(0, 200), { periods: [24] });
    const refiltered = Array.from(model.update(y.subarray(0, 200)).forecast(10));
    const fitted = Array.from(
      new HoltWinters({ trend: 'damped', season: 'additive' }).fit(y.subarray(0, 200), { periods: [24] }).forecast(10)
    );
    refiltered.forEach((v, k) => expect(v).toBeCloseTo(fitted[k], 9));
    const parameters = { ...model.parameters };
    model.update(y);
    expect(model.parameters).toEqual(parameters);
  });
});
