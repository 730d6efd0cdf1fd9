import { syntheticSeries, syntheticTruth } from './synthetic';
import { leastSquaresLine, Theta } from './theta';

describe('Theta', () => {
  it('fits the least-squares line exactly on a line', () => {
    const line = syntheticSeries({ length: 50, level: 3, slope: 0.5 });
    const { intercept, slope } = leastSquaresLine(line);
    expect(intercept).toBeCloseTo(3, 10);
    expect(slope).toBeCloseTo(0.5, 10);
  });

  it('extrapolates with half the regression slope (SES with drift)', () => {
    const y = syntheticSeries({ length: 200, slope: 0.4, noise: 1, seed: 5 });
    const f = new Theta().fit(y).forecast(20);
    const { slope } = leastSquaresLine(y);
    for (let k = 1; k < 20; k++) {
      expect(f[k] - f[k - 1]).toBeCloseTo(slope / 2, 9);
    }
  });

  it('forecasts a seasonal series with a trend within a few noise units', () => {
    const spec = {
      length: 24 * 20,
      slope: 0.05,
      period: 24,
      amplitude: 0.2,
      multiplicative: true,
      noise: 0.5,
      seed: 9,
    };
    const f = new Theta().fit(syntheticSeries(spec), { periods: [24] }).forecast(48);
    const truth = syntheticTruth(spec, spec.length, 48);
    let mae = 0;
    for (let k = 0; k < 48; k++) {
      mae += Math.abs(f[k] - truth[k]) / 48;
    }
    expect(mae).toBeLessThan(2);
  });
});
