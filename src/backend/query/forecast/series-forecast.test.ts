import { candidatePool } from './models';
import { forecastSeries, type SeriesForecastOptions } from './series-forecast';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Deterministic noise in [−0.5, 0.5). */
function noise(i: number): number {
  const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

/** `n` samples every `stepMs` of f(t in days, i). */
function sampled(n: number, stepMs: number, f: (days: number, i: number) => number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => f((i * stepMs) / DAY, i));
}

const hourly = (overrides: Partial<SeriesForecastOptions> = {}): SeriesForecastOptions => ({
  stepMs: HOUR,
  horizonFromEndMs: DAY,
  intervalLevel: 0.95,
  direction: 'above',
  ...overrides,
});

function expectFinite(values: Float64Array) {
  expect(values.length).toBeGreaterThan(0);
  expect(Array.from(values).every(Number.isFinite)).toBe(true);
}

function expectOrdered({ lower, mean, upper }: { lower: Float64Array; mean: Float64Array; upper: Float64Array }) {
  for (let k = 0; k < mean.length; k++) {
    expect(lower[k]).toBeLessThanOrEqual(mean[k]);
    expect(mean[k]).toBeLessThanOrEqual(upper[k]);
  }
}

describe('forecastSeries', () => {
  it('forecasts a seasonal series the horizon ahead, with an ordered band', () => {
    const y = sampled(14 * 24, HOUR, (d, i) => 50 + 10 * Math.sin(2 * Math.PI * d) + noise(i));
    const result = forecastSeries(y, hourly());
    expect(result.origin).toBe(y.length - 1);
    expect(result.mean).toHaveLength(24);
    expectFinite(result.mean);
    expectOrdered(result);
    // The daily wave carries on: the forecast 6 h after a multiple of a day is near its peak.
    const peak = result.mean[5];
    const trough = result.mean[17];
    expect(peak - trough).toBeGreaterThan(10);
  });

  it('answers a series shorter than two seasons without a season', () => {
    const y = sampled(30, HOUR, (d, i) => 50 + 10 * Math.sin(2 * Math.PI * d) + noise(i));
    const result = forecastSeries(y, hourly());
    expectFinite(result.mean);
    expectFinite(result.lower);
    expectOrdered(result);
  });

  it('answers a constant series with a flat forecast, a zero-width band and no crossing', () => {
    const result = forecastSeries(new Float64Array(100).fill(7), hourly({ threshold: 10 }));
    expect(Array.from(result.mean)).toEqual(new Array(24).fill(7));
    expect(Array.from(result.upper)).toEqual(new Array(24).fill(7));
    expect(result.failure).toMatchObject({ probability: 0, steps: null });
  });

  it('bridges gaps inside the window and starts the forecast at the last observation', () => {
    const y = sampled(10 * 24, HOUR, (d, i) => 100 + 20 * d + noise(i));
    y.fill(NaN, 50, 80);
    y.fill(NaN, 0, 10);
    y.fill(NaN, y.length - 3);
    const result = forecastSeries(y, hourly());
    expect(result.origin).toBe(y.length - 4);
    // Still reaches a day past the end of the window: three more steps than without the trailing gap.
    expect(result.mean).toHaveLength(27);
    expectFinite(result.mean);
    expectOrdered(result);
    expect(result.notes.join('\n')).toMatch(/no samples in the last 3 step/);
  });

  it('handles negative values when only multiplicative-capable models are allowed', () => {
    const y = sampled(14 * 24, HOUR, (d, i) => -20 + 5 * Math.sin(2 * Math.PI * d) + noise(i));
    const result = forecastSeries(y, hourly({ candidates: candidatePool(['holtWinters']) }));
    expectFinite(result.mean);
    expectFinite(result.upper);
    expectOrdered(result);
    expect(Math.abs(result.mean[0] + 20)).toBeLessThan(8);
  });

  it('has nothing to say about a series without samples', () => {
    const result = forecastSeries(new Float64Array(50).fill(NaN), hourly({ threshold: 1 }));
    expect(result.origin).toBe(-1);
    expect(result.mean).toHaveLength(0);
    expect(result.failure).toMatchObject({ probability: null, steps: null });
  });

  it('gives a flat forecast without band or probability from two observations', () => {
    const y = new Float64Array(50).fill(NaN);
    y[48] = 1;
    y[49] = 2;
    const result = forecastSeries(y, hourly({ threshold: 3 }));
    expectFinite(result.mean);
    expect(Array.from(result.lower).every(Number.isNaN)).toBe(true);
    expect(result.failure).toMatchObject({ status: 'insufficient-data', probability: null, steps: null });
  });

  it('says probability 1 and time 0 when the last sample is already across the threshold', () => {
    const y = sampled(48, HOUR, (d) => 80 + 20 * d);
    const result = forecastSeries(y, hourly({ threshold: 100 }));
    expect(result.failure).toMatchObject({ status: 'crossed', probability: 1, steps: 0 });
    expect(Array.from(result.failure!.cumulative).every((p) => p === 1)).toBe(true);
    expect(result.notes.join('\n')).toMatch(/already above the threshold 100/);
    expect(result.notes.join('\n')).not.toMatch(/direction/);
  });

  it('questions the direction when every sample is already across the threshold', () => {
    const y = sampled(48, HOUR, (d, i) => 80 + noise(i));
    const result = forecastSeries(y, hourly({ threshold: 90, direction: 'below' }));
    expect(result.failure?.probability).toBe(1);
    expect(result.notes.join('\n')).toMatch(/every sample of the training window is below 90.*above/);
  });

  it('gives a crossing probability that never decreases with the horizon', () => {
    const y = sampled(7 * 24, HOUR, (d, i) => 40 + 5 * d + 2 * Math.sin(2 * Math.PI * d) + 3 * noise(i));
    const result = forecastSeries(y, hourly({ horizonFromEndMs: 3 * DAY, threshold: 80 }));
    const cumulative = Array.from(result.failure!.cumulative);
    expect(cumulative).toHaveLength(72);
    for (let k = 1; k < cumulative.length; k++) {
      expect(cumulative[k]).toBeGreaterThanOrEqual(cumulative[k - 1]);
    }
    expect(cumulative[0]).toBeLessThan(0.05);
    expect(result.failure!.probability).toBe(cumulative[cumulative.length - 1]);
    // 75 after 7 days, growing 5 a day: 80 is reached about a day after the end.
    expect(result.failure!.probability).toBeGreaterThan(0.9);
    expect(result.failure!.steps).toBeGreaterThan(12);
    expect(result.failure!.steps).toBeLessThan(40);
    expect(result.failure!.earliest!).toBeLessThanOrEqual(result.failure!.steps!);
  });

  it('reads a falling series against a threshold below it', () => {
    const y = sampled(7 * 24, HOUR, (d, i) => 100 - 10 * d + noise(i));
    const result = forecastSeries(y, hourly({ horizonFromEndMs: 2 * DAY, threshold: 20, direction: 'below' }));
    expect(result.failure!.probability).toBeGreaterThan(0.9);
    expect(result.failure!.steps).toBeGreaterThan(12);
    expect(result.failure!.steps).toBeLessThan(40);
  });
});
