import { mulberry32 } from '../stats/random';
import { sortByKeyDescending } from './radix-sort';

describe('sortByKeyDescending', () => {
  it('orders ids by key, largest first, for any finite keys', () => {
    const rng = mulberry32(1);
    const keys = Float64Array.from({ length: 5000 }, () => (rng() - 0.5) * 10 ** Math.floor(rng() * 12 - 6));
    keys[7] = 0;
    keys[8] = -0;
    keys[9] = 1e300;
    keys[10] = -1e-300;
    const ids = Int32Array.from(keys.keys());
    const sorted = sortByKeyDescending(ids, keys);
    const expected = Array.from(ids).sort((a, b) => keys[b] - keys[a]);
    expect(Array.from(sorted, (i) => keys[i])).toEqual(expected.map((i) => keys[i]));
  });

  it('keeps equal keys in the order given (stable), and sorts a subset of ids', () => {
    const keys = Float64Array.from([0.5, 0.9, 0.5, 0.1, 0.5, 0.9]);
    expect(Array.from(sortByKeyDescending(Int32Array.from([4, 2, 0, 5, 1, 3]), keys))).toEqual([5, 1, 4, 2, 0, 3]);
    expect(Array.from(sortByKeyDescending(Int32Array.from([3, 0]), keys))).toEqual([0, 3]);
  });

  it('copies rather than sorting in place, including for tiny inputs', () => {
    const items = Int32Array.from([1, 0]);
    const sorted = sortByKeyDescending(items, Float64Array.from([2, 1]));
    expect(Array.from(sorted)).toEqual([0, 1]);
    expect(Array.from(items)).toEqual([1, 0]);
    expect(sortByKeyDescending(new Int32Array(0), new Float64Array(0)).length).toBe(0);
  });
});
