import { syntheticSeries } from './synthetic';
import { detectTrend } from './trend-test';

describe('detectTrend', () => {
  it('finds a steady climb under a daily wave and noise', () => {
    const y = syntheticSeries({ length: 24 * 10, level: 50, slope: 0.5, period: 24, amplitude: 3, noise: 1, seed: 3 });
    const trend = detectTrend(y, 24);
    expect(trend.significant).toBe(true);
    expect(trend.slope).toBeCloseTo(0.5, 1);
  });

  it('calls a seasonal series around a flat level trendless', () => {
    const y = syntheticSeries({ length: 24 * 10, period: 24, amplitude: 10, noise: 1, seed: 4 });
    expect(detectTrend(y, 24).significant).toBe(false);
  });

  it('does not take a level shift for a trend', () => {
    const y = syntheticSeries({ length: 400, noise: 0.5, shiftAt: 200, shift: 50, seed: 5 });
    const trend = detectTrend(y, 1);
    expect(trend.strength).toBeGreaterThan(0.5);
    expect(trend.steady).toBe(false);
    expect(trend.significant).toBe(false);
  });
});
