import { pValueToScore, scoreToPValue } from './combine';
import { discountRecurrences } from './recurrences';

const DECADES = 6;

describe('discountRecurrences', () => {
  it('keeps the first onset of its strength and anything stronger than all earlier ones', () => {
    const s = Float64Array.of(NaN, 0, 50, 0, 60, 0, 90, NaN);
    expect(Array.from(discountRecurrences(s, DECADES))).toEqual([NaN, 0, 50, 0, 60, 0, 90, NaN]);
  });

  it('multiplies the p-value of an onset by 1 + w·c for c earlier onsets at least as strong', () => {
    const s = Float64Array.of(70, 0, 60, 0, 65, 0, 60);
    const out = discountRecurrences(s, DECADES, 0.5);
    const discounted = (score: number, c: number) =>
      pValueToScore(scoreToPValue(score, DECADES) * (1 + 0.5 * c), DECADES);
    expect(out[0]).toBe(70);
    expect(out[2]).toBeCloseTo(discounted(60, 1), 10);
    expect(out[4]).toBeCloseTo(discounted(65, 1), 10);
    // 70, 60 and 65 came before: all at least as strong (ties count, by the raw score).
    expect(out[6]).toBeCloseTo(discounted(60, 3), 10);
    expect(out[6]).toBeLessThan(out[2]);
    expect(out[1]).toBe(0);
  });

  it('is causal: a later onset never changes an earlier one', () => {
    const a = discountRecurrences(Float64Array.of(40, 0, 30, 0, 35), DECADES);
    const b = discountRecurrences(Float64Array.of(40, 0, 30, 0, 35, 0, 99, 0, 20), DECADES);
    expect(Array.from(b.subarray(0, 5))).toEqual(Array.from(a));
  });

  it('never raises a score, and a weak repeat can drop to 0', () => {
    const s = Float64Array.of(5, 0, 5, 0, 5, 0, 5, 0, 5);
    const out = discountRecurrences(s, DECADES, 1);
    for (let i = 0; i < s.length; i++) {
      expect(out[i]).toBeLessThanOrEqual(s[i]);
    }
    expect(out[8]).toBeLessThan(1);
  });
});
