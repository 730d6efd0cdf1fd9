import { Candidate, rollingOriginBacktest } from './backtest';
import { SeasonalNaive } from './seasonal-naive';
import { Forecaster } from './types';

class Exploding implements Forecaster {
  readonly name = 'exploding';
  fit(): this {
    throw new Error('cannot fit');
  }
  forecast(h: number): Float64Array {
    return new Float64Array(h);
  }
}

describe('rolling-origin backtest', () => {
  const y = Float64Array.from({ length: 30 }, (_, t) => t);
  const naive: Candidate = { name: 'naive', periods: [], create: () => new SeasonalNaive() };

  it('cuts one horizon apart, the last cut one horizon before the end', () => {
    const result = rollingOriginBacktest(y, [naive], 5, 3);
    expect(result.firstCut).toBe(15);
    // Naive from cut c forecasts y[c − 1] for steps c..c+4 of a line: errors 1..5 at every origin.
    expect(result.mae[0]).toBeCloseTo(3, 12);
    expect(Array.from(result.forecasts[0].subarray(5, 10))).toEqual([19, 19, 19, 19, 19]);
  });

  it('gives a failing candidate an infinite error instead of failing', () => {
    const result = rollingOriginBacktest(y, [naive, { name: 'x', periods: [], create: () => new Exploding() }], 5, 2);
    expect(result.mae[1]).toBe(Infinity);
    expect(Number.isFinite(result.mae[0])).toBe(true);
  });

  it('refuses more origins than the series holds', () => {
    expect(() => rollingOriginBacktest(y, [naive], 10, 3)).toThrow(RangeError);
  });
});
