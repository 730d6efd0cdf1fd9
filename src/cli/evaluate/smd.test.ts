import { parseInterpretation, parseSmdMatrix } from './smd-data';
import { bestF1, hitRate, pointMetrics } from './smd-metrics';

describe('SMD parsing', () => {
  it('reads the matrix and the interpretation labels (rows from 0, end exclusive, dims from 1)', () => {
    const m = parseSmdMatrix('0.1,0.2\n0.3,0.4\n');
    expect(m).toEqual({ data: Float64Array.of(0.1, 0.2, 0.3, 0.4), rows: 2, cols: 2 });
    expect(() => parseSmdMatrix('1,2\n3\n')).toThrow(/line 2/);
    expect(parseInterpretation('246-252:1,2,9\n\n10-12:38\n')).toEqual([
      { start: 246, end: 252, dims: [0, 1, 8] },
      { start: 10, end: 12, dims: [37] },
    ]);
  });
});

describe('SMD metrics', () => {
  const labels = Uint8Array.of(0, 0, 1, 1, 1, 0, 0, 0);
  const score = Float64Array.of(0.1, 0.9, 0.8, 0.7, 0.2, 0.3, 0.1, 0.1);

  it('counts every row on its own (no point-adjust)', () => {
    const m = pointMetrics(score, labels, 0.7);
    // Alarms at rows 1, 2, 3: two of the three anomalous rows, one false alarm.
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
  });

  it('finds the F1-maximising threshold among the distinct scores', () => {
    const best = bestF1(score, labels);
    // At 0.2: rows 1–5 alarmed, all three anomalies found, two false alarms → P 0.6, R 1, F1 0.75.
    expect(best.threshold).toBe(0.2);
    expect(best.f1).toBeCloseTo(0.75);
    expect(bestF1(Float64Array.of(0.5, 0.5), Uint8Array.of(1, 0)).f1).toBeCloseTo(2 / 3);
  });

  it('computes HitRate@P% over the segment’s summed attribution', () => {
    // 3 dims; the segment blames dims 0 and 2; attribution ranks 2 > 1 > 0.
    const attribution = Float64Array.of(1, 2, 3, 1, 2, 3);
    const segments = [{ start: 0, end: 2, dims: [0, 2] }];
    expect(hitRate(attribution, 3, segments, 100)).toBe(0.5);
    // 150% of 2 dims = the top 3, which holds both.
    expect(hitRate(attribution, 3, segments, 150)).toBe(1);
    expect(hitRate(attribution, 3, [{ start: 0, end: 2, dims: [2] }], 100)).toBe(1);
    expect(hitRate(attribution, 3, [], 100)).toBeNaN();
  });
});
