import { syntheticSeries } from 'ml/forecast/synthetic';

import { forecastFailureProbability } from './failure-forecast';

describe('forecastFailureProbability', () => {
  // A disk filling at 0.5 units per sample from 50 with a daily wiggle: 80 is ~60 samples past the end of 24·10.
  const filling = syntheticSeries({
    length: 240,
    level: -70,
    slope: 0.5,
    period: 24,
    amplitude: 1,
    noise: 0.3,
    seed: 3,
  });

  it('sees a trend heading for the threshold, with a time to threshold near the truth', () => {
    const result = forecastFailureProbability(filling, { horizon: 96, threshold: 80, direction: 'above' });
    expect(result.status).toBe('forecast');
    expect(result.probability).toBeGreaterThan(0.9);
    // Truth: −70 + 0.5·t reaches 80 at t = 300, i.e. 61 steps after the last index 239.
    const { steps, earliest, latest } = result.timeToThreshold;
    expect(steps).not.toBeNull();
    expect(Math.abs((steps as number) - 61)).toBeLessThan(12);
    expect(earliest as number).toBeLessThanOrEqual(steps as number);
    expect(latest === null || (latest as number) >= (steps as number)).toBe(true);
  });

  it('is monotone in the horizon and smaller for a threshold further away', () => {
    const near = forecastFailureProbability(filling, { horizon: 96, threshold: 80, direction: 'above' });
    const far = forecastFailureProbability(filling, { horizon: 96, threshold: 100, direction: 'above' });
    for (let k = 1; k < near.cumulative.length; k++) {
      expect(near.cumulative[k]).toBeGreaterThanOrEqual(near.cumulative[k - 1]);
      expect(far.cumulative[k]).toBeLessThanOrEqual(near.cumulative[k] + 1e-12);
    }
  });

  it('answers 1 and time 0 when the threshold is already crossed', () => {
    const result = forecastFailureProbability(filling, { horizon: 24, threshold: 10, direction: 'above' });
    expect(result.status).toBe('crossed');
    expect(result.probability).toBe(1);
    expect(result.timeToThreshold.steps).toBe(0);
  });

  it('answers (near) 0 and no time when the series heads away from the threshold', () => {
    const result = forecastFailureProbability(filling, { horizon: 24, threshold: 0, direction: 'below' });
    expect(result.status).toBe('forecast');
    expect(result.probability).toBeLessThan(0.01);
    expect(result.timeToThreshold.steps).toBeNull();
    expect(result.notes.join(' ')).toMatch(/moves away/);
  });

  it('answers 0 for a constant series on the safe side', () => {
    const result = forecastFailureProbability(new Float64Array(50).fill(3), {
      horizon: 10,
      threshold: 4,
      direction: 'above',
    });
    expect(result.probability).toBe(0);
    expect(result.timeToThreshold.steps).toBeNull();
  });

  it('has no probability for too little history, but still sees a crossed threshold', () => {
    const tooShort = forecastFailureProbability([1, 2], { horizon: 5, threshold: 4, direction: 'above' });
    expect(tooShort.status).toBe('insufficient-data');
    expect(tooShort.probability).toBeNull();
    const crossed = forecastFailureProbability([1, 5], { horizon: 5, threshold: 4, direction: 'above' });
    expect(crossed.probability).toBe(1);
  });

  it('copes with gaps and negative values and reports them', () => {
    const y = syntheticSeries({ length: 240, level: -50, slope: -0.2, period: 24, amplitude: 3, noise: 0.3, seed: 4 });
    y[100] = NaN;
    y[239] = NaN;
    const result = forecastFailureProbability(y, { horizon: 48, threshold: -110, direction: 'below' });
    expect(result.status).toBe('forecast');
    expect(result.probability).toBeGreaterThan(0.5);
    expect(result.notes.join(' ')).toMatch(/2 missing/);
    expect(result.forecast?.models.some((m) => m.name.includes('multiplicative'))).toBe(false);
  });

  it('rejects a non-finite threshold', () => {
    expect(() => forecastFailureProbability(filling, { horizon: 5, threshold: NaN, direction: 'above' })).toThrow(
      RangeError
    );
  });
});
