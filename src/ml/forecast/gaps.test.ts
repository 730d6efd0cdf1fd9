import { fillGaps } from './gaps';

describe('fillGaps', () => {
  it('bridges interior gaps linearly and holds the ends', () => {
    const { values, filled } = fillGaps([NaN, 2, NaN, NaN, 8, Infinity, NaN]);
    expect(Array.from(values)).toEqual([2, 2, 4, 6, 8, 8, 8]);
    expect(filled).toBe(5);
  });

  it('leaves a complete series untouched', () => {
    const { values, filled } = fillGaps(Float64Array.from([1, 2, 3]));
    expect(Array.from(values)).toEqual([1, 2, 3]);
    expect(filled).toBe(0);
  });

  it('returns NaN everywhere when nothing was observed', () => {
    const { values } = fillGaps([NaN, NaN]);
    expect(values.every((v) => Number.isNaN(v))).toBe(true);
  });
});
