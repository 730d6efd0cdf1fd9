import { countCovered, mase, maseScale, msis, owa, smape } from './accuracy';

describe('M4 accuracy measures', () => {
  it('sMAPE is symmetric, bounded by 200 and 0 on a perfect forecast', () => {
    const actual = [10, 20, 30];
    expect(smape(actual, actual)).toBe(0);
    expect(smape([10], [20])).toBeCloseTo(smape([20], [10]), 12);
    expect(smape([10], [0])).toBeCloseTo(200, 12);
    // 200·|10 − 12| / 22 and 200·|20 − 15| / 35, averaged.
    expect(smape([10, 20], [12, 15])).toBeCloseTo((400 / 22 + 1000 / 35) / 2, 10);
  });

  it('scales MASE by the in-sample seasonal naive error', () => {
    const train = [1, 2, 3, 5, 6, 7];
    // Lag-3 differences: 4, 4, 4.
    expect(maseScale(train, 3)).toBe(4);
    expect(mase([10, 12], [11, 10], 4)).toBeCloseTo(1.5 / 4, 12);
    // Too short for the season: falls back to lag 1.
    expect(maseScale([1, 3], 24)).toBe(2);
  });

  it('MSIS adds 2/α times each miss to the width', () => {
    const scale = 2;
    const width = msis([5, 5], [4, 4], [6, 6], scale);
    expect(width).toBeCloseTo(2 / scale, 12);
    const missed = msis([8, 5], [4, 4], [6, 6], scale, 0.05);
    expect(missed).toBeCloseTo((2 + 2 + 40 * 2) / 2 / scale, 12);
    expect(countCovered([8, 5, 4], [4, 4, 4], [6, 6, 6])).toBe(2);
  });

  it('OWA is 1 for Naive2 itself', () => {
    expect(owa(18.5, 2.3, 18.5, 2.3)).toBe(1);
  });
});
