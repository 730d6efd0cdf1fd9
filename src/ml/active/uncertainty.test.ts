import { uncertaintyScores } from './uncertainty';

const probs = (...rows: number[][]) => Float64Array.from(rows.flat());

describe('uncertaintyScores', () => {
  it('entropy is 1 for a uniform distribution and 0 for a certain one, normalised by log K', () => {
    const u = uncertaintyScores(probs([1 / 3, 1 / 3, 1 / 3], [1, 0, 0], [0.5, 0.5, 0]), 3, 3, 'entropy');
    expect(u[0]).toBeCloseTo(1, 12);
    expect(u[1]).toBe(0);
    // −2 · ½ log ½ / log 3 = log 2 / log 3
    expect(u[2]).toBeCloseTo(Math.log(2) / Math.log(3), 12);
  });

  it('margin is one minus the gap between the two most probable classes', () => {
    const u = uncertaintyScores(probs([0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.45, 0.1, 0.45]), 3, 3, 'margin');
    expect(u[0]).toBeCloseTo(1 - 0.3, 12);
    expect(u[1]).toBeCloseTo(1 - 0.5, 12);
    expect(u[2]).toBeCloseTo(1, 12);
  });

  it('least confidence is (1 − p_max) scaled so that uniform gives 1', () => {
    const u = uncertaintyScores(probs([0.25, 0.25, 0.25, 0.25], [0.7, 0.1, 0.1, 0.1]), 2, 4, 'leastConfidence');
    expect(u[0]).toBeCloseTo(1, 12);
    expect(u[1]).toBeCloseTo(0.3 / 0.75, 12);
  });

  it('ranks two-class items identically whatever the measure', () => {
    const p = probs([0.9, 0.1], [0.55, 0.45], [0.3, 0.7], [0.02, 0.98]);
    const order = (m: 'entropy' | 'margin' | 'leastConfidence') =>
      Array.from(uncertaintyScores(p, 4, 2, m))
        .map((u, i) => [u, i])
        .sort((a, b) => b[0] - a[0])
        .map(([, i]) => i);
    expect(order('entropy')).toEqual([1, 2, 0, 3]);
    expect(order('margin')).toEqual(order('entropy'));
    expect(order('leastConfidence')).toEqual(order('entropy'));
  });

  it('scores every row 0 with a single class, and a row the model could not score as fully uncertain', () => {
    expect(Array.from(uncertaintyScores(probs([1], [1]), 2, 1))).toEqual([0, 0]);
    expect(uncertaintyScores(probs([NaN, NaN], [0.8, 0.2]), 2, 2)[0]).toBe(1);
  });

  it('stays within [0, 1] when probabilities do not quite sum to one', () => {
    const u = uncertaintyScores(probs([0.7, 0.7], [1.2, -0.1]), 2, 2, 'entropy');
    for (const v of u) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('rejects probabilities too short for the shape', () => {
    expect(() => uncertaintyScores(new Float64Array(3), 2, 2)).toThrow(RangeError);
  });
});
