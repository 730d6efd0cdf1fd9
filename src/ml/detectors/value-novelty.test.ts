import { mulberry32 } from '../stats';
import { ValueNovelty } from './value-novelty';

/** A history spanning 0–100, so the default resolution (3% of the range) is 3. */
function fitted(): ValueNovelty {
  const novelty = new ValueNovelty();
  novelty.fit(Float64Array.from({ length: 101 }, (_, i) => i));
  return novelty;
}

describe('ValueNovelty', () => {
  it('scores values seen before (or within the resolution of one) 0', () => {
    const novelty = fitted();
    expect(novelty.scoreNext(42)).toBe(0);
    expect(novelty.scoreNext(42.5)).toBe(0);
    expect(novelty.scoreNext(102)).toBe(0);
  });

  it('scores a new high or low by its overshoot beyond the resolution, and learns it', () => {
    const novelty = fitted();
    expect(novelty.scoreNext(110)).toBeCloseTo(7, 9); // 10 above the old high, less the resolution of 3
    expect(novelty.scoreNext(-20)).toBeCloseTo(17, 9);
    // Seen now: the same values are no longer new.
    expect(novelty.scoreNext(110)).toBe(0);
    expect(novelty.scoreNext(-20)).toBe(0);
  });

  it('scores a level inside the range that the series never visited by the distance to its nearest edge', () => {
    // Two states, 0–10 and 90–100: 50 lies 40 from either.
    const history = Float64Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0 : 90) + (i % 11));
    const novelty = new ValueNovelty();
    novelty.fit(history);
    expect(novelty.scoreNext(50)).toBeCloseTo(40 - 0.03 * 100, 9);
    expect(novelty.scoreNext(85)).toBeCloseTo(5 - 3, 9);
  });

  it('returns the causal calibration sample of the history: each point against the ones before it', () => {
    const scores = new ValueNovelty().fit(Float64Array.from([0, 100, 50, 50, 60, NaN, 0]));
    // Resolution 3 (3% of 0–100): 100 lies 97 beyond it from 0, 50 then 47 from both, 60 is 7 from 50.
    expect(Array.from(scores)).toEqual([NaN, 97, 47, 0, 7, NaN, 0]);
  });

  it('ignores non-finite values: NaN score, nothing learned', () => {
    const novelty = fitted();
    expect(novelty.scoreNext(NaN)).toBeNaN();
    expect(novelty.scoreNext(Infinity)).toBeNaN();
    expect(novelty.scoreNext(-Infinity)).toBeNaN();
    expect(novelty.scoreNext(200)).toBeCloseTo(97, 9);
  });

  it('treats any move of a constant history as new, by its full distance', () => {
    const novelty = new ValueNovelty();
    novelty.fit(new Float64Array(50).fill(7));
    expect(novelty.scoreNext(7)).toBe(0);
    expect(novelty.scoreNext(7.5)).toBeCloseTo(0.5, 12);
  });

  it('stays within its interval budget on an ever-widening stream, keeping the extremes exact', () => {
    const novelty = new ValueNovelty({ maxIntervals: 40 });
    novelty.fit(Float64Array.from([0, 1]));
    const rng = mulberry32(5);
    let min = 0;
    let max = 1;
    let mostIntervals = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = (rng() - 0.5) * 10 * (1 + i);
      novelty.scoreNext(x);
      min = Math.min(min, x);
      max = Math.max(max, x);
      mostIntervals = Math.max(mostIntervals, novelty.intervals);
    }
    expect(mostIntervals).toBe(40);
    // Whatever merged inside, the covered range still ends exactly at the extremes seen.
    const resolutionBound = (max - min) * 0.5;
    expect(novelty.scoreNext(max + resolutionBound * 4)).toBeGreaterThan(0);
    const probe = novelty.clone();
    expect(probe.scoreNext(max)).toBe(0);
    expect(probe.scoreNext(min)).toBe(0);
  });

  it('clones into an independent copy', () => {
    const original = fitted();
    const copy = original.clone();
    expect(copy.scoreNext(200)).toBeCloseTo(97, 9);
    // The original never saw 200.
    expect(original.scoreNext(200)).toBeCloseTo(97, 9);
    expect(copy.scoreNext(200)).toBe(0);
  });
});
