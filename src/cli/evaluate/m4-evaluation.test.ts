import { syntheticSeries } from 'ml/forecast/synthetic';

import { M4Series } from './m4-data';
import { evaluateM4Hourly, m4SubmissionCsv } from './m4-evaluation';

function hourlySeries(id: string, seed: number): M4Series {
  const y = syntheticSeries({ length: 24 * 14 + 48, level: 200, period: 24, amplitude: 40, noise: 3, seed });
  return { id, train: y.slice(0, 24 * 14), test: y.slice(24 * 14) };
}

describe('M4 Hourly evaluation', () => {
  const series = [hourlySeries('H2', 1), hourlySeries('H4', 2), hourlySeries('H6', 3)];
  const { evaluation, forecasts } = evaluateM4Hourly(series);

  it('scores Naive2 against itself as OWA 1 and reports every method', () => {
    const [ours, naive2, snaive] = evaluation.methods;
    expect(naive2.owa).toBeCloseTo(1, 12);
    expect(snaive.method).toBe('seasonal naive');
    expect(ours.coverage).toBeGreaterThan(0);
    expect(ours.coverage).toBeLessThanOrEqual(1);
    // A clean daily cycle: the combination must beat Naive2 clearly.
    expect(ours.owa).toBeLessThan(1);
    expect(evaluation.series).toBe(3);
  });

  it('returns 48 point forecasts and bounds per series, lower ≤ mean ≤ upper', () => {
    expect(forecasts.ids).toEqual(['H2', 'H4', 'H6']);
    for (let i = 0; i < 3; i++) {
      expect(forecasts.mean[i]).toHaveLength(48);
      for (let k = 0; k < 48; k++) {
        expect(forecasts.lower[i][k]).toBeLessThanOrEqual(forecasts.mean[i][k]);
        expect(forecasts.upper[i][k]).toBeGreaterThanOrEqual(forecasts.mean[i][k]);
      }
    }
  });

  it('writes the M4 submission layout', () => {
    const csv = m4SubmissionCsv(['H2'], [Float64Array.from([1.5, 2])])
      .trim()
      .split('\n');
    expect(csv).toEqual(['id,F1,F2', 'H2,1.5,2']);
  });
});
