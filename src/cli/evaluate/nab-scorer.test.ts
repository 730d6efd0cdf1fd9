import {
  NAB_PROFILES,
  NO_WINDOW,
  normaliseScore,
  optimiseThreshold,
  PROBATIONARY,
  probationaryLength,
  scoreAtThreshold,
  scoresByThreshold,
  sweepFile,
} from './nab-scorer';

const STANDARD = NAB_PROFILES[0];
const LOW_FN = NAB_PROFILES[2];

/** 100 rows 5 minutes apart, one window over rows 60–69. */
function corpus(alarms: Record<number, number>) {
  const times = Float64Array.from({ length: 100 }, (_, i) => i * 300);
  const scores = new Float64Array(100);
  for (const [i, s] of Object.entries(alarms)) {
    scores[Number(i)] = s;
  }
  const windows: Array<[number, number]> = [[60 * 300, 69 * 300]];
  return { times, scores, windows };
}

function sigmoidScaled(x: number): number {
  return 2 / (1 + Math.exp(5 * x)) - 1;
}

describe('NAB scoring rules', () => {
  it('uses min(floor(15% of rows), 750) as the probation', () => {
    expect(probationaryLength(4032)).toBe(604);
    expect(probationaryLength(100)).toBe(15);
    expect(probationaryLength(22695)).toBe(750);
  });

  it('weights alarms by position: window start = tpWeight, before any window = −fpWeight', () => {
    const { times, scores, windows } = corpus({});
    const swept = sweepFile(times, scores, windows, STANDARD);
    expect(swept.window[10]).toBe(PROBATIONARY);
    expect(swept.window[20]).toBe(NO_WINDOW);
    expect(swept.window[60]).toBe(0);
    expect(swept.sweep[60]).toBeCloseTo(1, 12);
    // Last row of the window: position −1/10.
    expect(swept.sweep[69]).toBeCloseTo(sigmoidScaled(-0.1) / sigmoidScaled(-1), 12);
    expect(swept.sweep[20]).toBeCloseTo(-0.11, 12);
    // Just after the window: |69 − 70| / (10 − 1).
    expect(swept.sweep[70]).toBeCloseTo(0.11 * sigmoidScaled(1 / 9), 12);
  });

  it('counts only the best alarm of a window and every alarm outside one', () => {
    const { times, scores, windows } = corpus({ 5: 0.95, 20: 0.8, 62: 0.9, 65: 0.9, 80: 0.7 });
    const swept = sweepFile(times, scores, windows, STANDARD);
    const at = scoreAtThreshold(swept, 0.7, STANDARD);
    // The probationary alarm (row 5) is ignored.
    expect(at.tp).toBe(1);
    expect(at.fp).toBe(2);
    const expected = swept.sweep[62] + swept.sweep[20] + swept.sweep[80];
    expect(at.score).toBeCloseTo(expected, 12);
    expect(scoreAtThreshold(swept, 1, STANDARD)).toMatchObject({ score: -1, fn: 1, tp: 0 });
    expect(scoreAtThreshold(swept, 1, LOW_FN).score).toBe(-2);
  });

  it('sweeps every distinct score and picks the best threshold over the corpus', () => {
    const a = corpus({ 20: 0.8, 61: 0.9 });
    const b = corpus({ 30: 0.95, 64: 0.6 });
    const files = [a, b].map((c) => sweepFile(c.times, c.scores, c.windows, STANDARD));
    const table = scoresByThreshold(files, STANDARD);
    expect(table[0]).toEqual({ threshold: 1.1, score: -2 });
    expect(table.map((r) => r.threshold)).toEqual([1.1, 0.95, 0.9, 0.8, 0.6, 0]);
    const best = optimiseThreshold(files, STANDARD);
    // At 0.6 both windows are found; the two early false positives cost 0.11 each.
    expect(best.threshold).toBe(0.6);
    expect(best.score).toBeCloseTo(files[0].sweep[61] + files[1].sweep[64] - 0.22, 12);
    // The per-file scores at that threshold add up to the corpus score.
    const sum = files.reduce((s, f) => s + scoreAtThreshold(f, best.threshold, STANDARD).score, 0);
    expect(sum).toBeCloseTo(best.score, 12);
  });

  it('normalises between the null detector and a perfect one', () => {
    expect(normaliseScore(-57, -57, 57)).toBe(0);
    expect(normaliseScore(57, -57, 57)).toBe(100);
    expect(normaliseScore(0, -57, 57)).toBe(50);
  });
});
