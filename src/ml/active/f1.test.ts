import { f1Score } from './f1';

const ints = (...v: number[]) => Int32Array.from(v);

describe('f1Score', () => {
  it('is the F1 of class 1 for two classes', () => {
    // tp 2, fp 1, fn 1 → 2·2 / (2·2 + 1 + 1)
    expect(f1Score(ints(1, 1, 1, 0, 0, 0), ints(1, 1, 0, 1, 0, 0), 2)).toBeCloseTo(4 / 6, 12);
  });

  it('is 0 when the positive class is never found', () => {
    expect(f1Score(ints(1, 0, 0), ints(0, 0, 0), 2)).toBe(0);
  });

  it('averages over the classes present (macro) for more than two', () => {
    // class 0: tp 1 fn 1 → 2/3; class 1: tp 1 fp 1 → 2/3; class 2: tp 1 → 1; class 3 absent everywhere.
    const f1 = f1Score(ints(0, 0, 1, 2), ints(0, 1, 1, 2), 4);
    expect(f1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 12);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => f1Score(ints(1), ints(1, 0), 2)).toThrow(RangeError);
  });
});
