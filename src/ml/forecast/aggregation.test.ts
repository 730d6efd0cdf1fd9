import { aggregateMeans, aggregationFactor, spreadToSteps } from './aggregation';

describe('long-history aggregation', () => {
  it('takes bucket means aligned to the end and measures the spread around them', () => {
    const { values, withinVariance } = aggregateMeans([9, 1, 3, 5, 7], 2);
    expect(Array.from(values)).toEqual([2, 6]);
    expect(withinVariance).toBeCloseTo(1, 12);
  });

  it('spreads the means of a line back onto exactly that line', () => {
    const factor = 4;
    const line = (t: number) => 10 + 0.5 * t;
    // Bucket j of the future covers steps j·4 … j·4 + 3; its mean is the line at its centre.
    const coarse = Float64Array.from([0, 1, 2], (j) => line(j * factor + 1.5));
    const anchor = line(-2.5);
    const fine = spreadToSteps(coarse, anchor, factor, 12);
    fine.forEach((v, k) => expect(v).toBeCloseTo(line(k), 10));
  });

  it('picks a factor that keeps the daily and weekly periods whole', () => {
    expect(aggregationFactor(5, [1440, 10080])).toBe(5);
    expect(aggregationFactor(7, [1440, 10080])).toBe(8);
    expect(aggregationFactor(7, [])).toBe(7);
  });
});
