import { combineForecasts, inverseErrorWeights } from './combination';

describe('inverse-error combination', () => {
  it('keeps the best k and weights them by inverse error', () => {
    const weights = inverseErrorWeights(Float64Array.from([4, 1, 2, 8]), 2);
    expect(weights[3]).toBe(0);
    expect(weights[0]).toBe(0);
    expect(weights[1]).toBeCloseTo(2 / 3, 12);
    expect(weights[2]).toBeCloseTo(1 / 3, 12);
  });

  it('ignores failed candidates and shares the weight among perfect ones', () => {
    const weights = inverseErrorWeights(Float64Array.from([Infinity, 0, 0, 3]), 3);
    expect(Array.from(weights)).toEqual([0, 0.5, 0.5, 0]);
  });

  it('combines forecasts step by step', () => {
    const out = combineForecasts(
      [Float64Array.from([1, 2]), Float64Array.from([3, 6])],
      Float64Array.from([0.5, 0.5]),
      2
    );
    expect(Array.from(out)).toEqual([2, 4]);
  });
});
