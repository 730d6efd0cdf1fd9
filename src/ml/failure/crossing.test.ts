import { mulberry32 } from 'ml/stats';

import { cumulativeCrossingProbabilities, marginalCrossingProbability, timeToThreshold } from './crossing';

describe('crossing probabilities', () => {
  it('is one half at the mean and symmetric between directions', () => {
    expect(marginalCrossingProbability(10, 2, 10, 'above')).toBeCloseTo(0.5, 6);
    const above = marginalCrossingProbability(10, 2, 13, 'above');
    const below = marginalCrossingProbability(10, 2, 13, 'below');
    expect(above + below).toBeCloseTo(1, 6);
    expect(above).toBeLessThan(0.1);
  });

  it('is certain either way without spread', () => {
    expect(marginalCrossingProbability(10, 0, 10, 'above')).toBe(1);
    expect(marginalCrossingProbability(9.9, 0, 10, 'above')).toBe(0);
  });

  it('is non-decreasing in the horizon for any forecast path', () => {
    const rng = mulberry32(5);
    for (let trial = 0; trial < 50; trial++) {
      const h = 30;
      const mean = Float64Array.from({ length: h }, () => 100 * rng());
      const sigma = Float64Array.from({ length: h }, () => 10 * rng());
      const cumulative = cumulativeCrossingProbabilities(mean, sigma, 60, trial % 2 ? 'above' : 'below');
      for (let k = 1; k < h; k++) {
        expect(cumulative[k]).toBeGreaterThanOrEqual(cumulative[k - 1]);
      }
    }
  });

  it('reads the first-passage time quantiles off the cumulative probabilities', () => {
    const cumulative = Float64Array.from([0.01, 0.03, 0.2, 0.5, 0.9, 0.98]);
    expect(timeToThreshold(cumulative, 0.95)).toEqual({ steps: 4, earliest: 2, latest: 6 });
    expect(timeToThreshold(Float64Array.from([0, 0.1, 0.2]), 0.95)).toEqual({ steps: null, earliest: 2, latest: null });
  });
});
