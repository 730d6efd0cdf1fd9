import { emptyGridSeries, gridBetween, gridEnd, gridTimes, joinGrids, labelKey } from './grid';

describe('grid', () => {
  it('counts both ends and lists the times', () => {
    const grid = gridBetween(60_000, 300_000, 60_000);
    expect(grid.length).toBe(5);
    expect(gridEnd(grid)).toBe(300_000);
    expect(Array.from(gridTimes(grid))).toEqual([60_000, 120_000, 180_000, 240_000, 300_000]);
    expect(gridBetween(60_000, 0, 60_000).length).toBe(0);
  });

  it('keys label sets whatever their order', () => {
    expect(labelKey({ b: '2', a: '1' })).toBe(labelKey({ a: '1', b: '2' }));
    expect(labelKey({ a: '1' })).not.toBe(labelKey({ a: '1', b: '' }));
  });

  it('joins history and panel, shifting the sample indexes', () => {
    const history = { ...emptyGridSeries({ job: 'a' }, 3), first: 1, last: 2 };
    history.values.set([NaN, 1, 2]);
    const panel = { ...emptyGridSeries({ job: 'a' }, 2), first: 0, last: 0 };
    panel.values.set([3, NaN]);
    const joined = joinGrids(history, 3, panel);
    expect(Array.from(joined.values)).toEqual([NaN, 1, 2, 3, NaN]);
    expect([joined.first, joined.last]).toEqual([1, 3]);
    const withoutHistory = joinGrids(undefined, 3, panel);
    expect(Array.from(withoutHistory.values)).toEqual([NaN, NaN, NaN, 3, NaN]);
    expect([withoutHistory.first, withoutHistory.last]).toEqual([3, 3]);
  });
});
