import { gaussian, mulberry32 } from '../stats';
import { AnomalyEnsemble, historyStart } from './anomaly-ensemble';
import { cauchyCombine, pValueToScore, scoreToPValue } from './combine';
import { onsetScores } from './onsets';
import { resolveOptions } from './options';

/** Half-hourly samples: 48 per day, as a Prometheus range query at step 30m would return. */
const STEP = 1800;
const DAY = 48;

function series(days: number, seed: number, noise = 1): { times: Float64Array; values: Float64Array } {
  const rng = mulberry32(seed);
  const n = days * DAY;
  const times = Float64Array.from({ length: n }, (_, i) => 1.7e9 + i * STEP);
  const values = Float64Array.from(
    { length: n },
    (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / DAY) + noise * gaussian(rng)
  );
  return { times, values };
}

function maxIn(x: Float64Array, from: number, to: number): number {
  let m = -Infinity;
  for (let i = from; i < to; i++) {
    m = Math.max(m, x[i]);
  }
  return m;
}

const T0 = 12 * DAY + 10;

describe('AnomalyEnsemble on constructed series', () => {
  it('keeps pure noise mostly in the normal band', () => {
    const { times, values } = series(20, 1);
    const { score } = new AnomalyEnsemble().detect(values, times);
    const scored = Array.from(score).filter((s) => !Number.isNaN(s));
    expect(scored.length).toBe(values.length - DAY); // all but the first day's warm-up
    const normal = scored.filter((s) => s <= 30).length / scored.length;
    expect(normal).toBeGreaterThan(0.95);
  });

  it('catches a spike', () => {
    const { times, values } = series(16, 2);
    values[T0] += 12;
    const { score } = new AnomalyEnsemble().detect(values, times);
    expect(score[T0]).toBeGreaterThan(75);
    expect(maxIn(score, T0 + 3, T0 + 40)).toBeLessThan(61);
  });

  it('catches a level shift', () => {
    const { times, values } = series(16, 3);
    for (let i = T0; i < values.length; i++) {
      values[i] += 6;
    }
    const { score } = new AnomalyEnsemble().detect(values, times);
    expect(maxIn(score, T0, T0 + 6)).toBeGreaterThan(60);
  });

  it('catches a variance change', () => {
    const { times, values } = series(16, 4);
    const rng = mulberry32(40);
    for (let i = T0; i < values.length; i++) {
      values[i] += 5 * gaussian(rng);
    }
    const { score } = new AnomalyEnsemble().detect(values, times);
    expect(maxIn(score, T0, T0 + DAY)).toBeGreaterThan(60);
  });

  it('catches a missed seasonal peak that stays within the global range', () => {
    const { times, values } = series(16, 5);
    const peak = 12 * DAY + DAY / 4;
    for (let i = peak - 4; i <= peak + 4; i++) {
      values[i] = 100; // the daily mean, instead of the expected ~120
    }
    const { score } = new AnomalyEnsemble().detect(values, times);
    expect(maxIn(score, peak - 4, peak + 5)).toBeGreaterThan(60);
  });

  it('reports expected values and a band around them', () => {
    const { times, values } = series(16, 6);
    const r = new AnomalyEnsemble().detect(values, times);
    const t = 14 * DAY + 12;
    expect(Math.abs(r.expected[t] - (100 + 20 * Math.sin((2 * Math.PI * t) / DAY)))).toBeLessThan(2);
    expect(r.lower[t]).toBeLessThan(r.expected[t]);
    expect(r.upper[t]).toBeGreaterThan(r.expected[t]);
    expect(r.upper[t] - r.lower[t]).toBeLessThan(15);
    expect(r.evidence.residual![t]).toBeGreaterThan(0);
  });
});

describe('learning state and options', () => {
  it('stays unscored (NaN) until the minimum history', () => {
    const { values } = series(2, 7);
    // Without timestamps no season is plausible before one is detected: the minimum history alone holds back.
    const { score } = new AnomalyEnsemble({ minHistoryPoints: 10 }).detect(values);
    expect(Array.from(score.subarray(0, 10)).every(Number.isNaN)).toBe(true);
    expect(Array.from(score.subarray(10)).every(Number.isFinite)).toBe(true);
  });

  it('holds a young series back for its first day when the sampling step is known', () => {
    const { times, values } = series(3, 16);
    const { score, expected } = new AnomalyEnsemble().detect(values, times);
    expect(Array.from(score.subarray(0, DAY)).every(Number.isNaN)).toBe(true);
    expect(Array.from(score.subarray(DAY)).every(Number.isFinite)).toBe(true);
    // The model learns through the warm-up: the baseline is there, only the verdict is withheld.
    expect(Number.isFinite(expected[DAY - 1])).toBe(true);
  });

  it('waits for one full cycle of configured periods', () => {
    const { values } = series(2, 18);
    const { score } = new AnomalyEnsemble({ seasonal: { periods: [30] } }).detect(values);
    expect(Array.from(score.subarray(0, 30)).every(Number.isNaN)).toBe(true);
    expect(Array.from(score.subarray(30)).every(Number.isFinite)).toBe(true);
  });

  it('keeps a warm model of a young series learning until its first season is complete', () => {
    const { values } = series(2, 19);
    const ensemble = new AnomalyEnsemble().fit(values.subarray(0, 10), STEP);
    const next = ensemble.score(values.subarray(10, 2 * DAY)).score;
    expect(Array.from(next.subarray(0, DAY - 10)).every(Number.isNaN)).toBe(true);
    expect(ensemble.isLearning).toBe(false);
    expect(Array.from(next.subarray(DAY - 10)).every(Number.isFinite)).toBe(true);
  });

  it('honours the direction', () => {
    const { times, values } = series(16, 8);
    values[T0] -= 12;
    values[T0 + 100] += 12;
    const up = new AnomalyEnsemble({ direction: 'up' }).detect(values, times).score;
    expect(up[T0]).toBeLessThanOrEqual(30);
    expect(up[T0 + 100]).toBeGreaterThan(75);
    const down = new AnomalyEnsemble({ direction: 'down' }).detect(values, times).score;
    expect(down[T0]).toBeGreaterThan(75);
    expect(down[T0 + 100]).toBeLessThanOrEqual(30);
  });

  it('never scores deviations below the minimum deviation', () => {
    const { times, values } = series(16, 9);
    values[T0] += 12;
    const { score } = new AnomalyEnsemble({ minDeviation: 50 }).detect(values, times);
    expect(score[T0]).toBe(0);
  });

  it('scores more points high at a higher sensitivity', () => {
    const { times, values } = series(16, 10);
    const count = (sensitivity: number) =>
      Array.from(new AnomalyEnsemble({ sensitivity }).detect(values, times).score).filter((s) => s > 30).length;
    expect(count(0.9)).toBeGreaterThan(count(0.1));
  });

  it('bounds the history by the learning period', () => {
    const { times, values } = series(12, 11);
    // One day of learning period: the model refits on the last day only, and still scores everything after it.
    const { score } = new AnomalyEnsemble({ learningPeriodSeconds: 86400, minLearningPoints: 0 }).detect(values, times);
    expect(Number.isFinite(score[values.length - 1])).toBe(true);
  });

  it('keeps at least the minimum learning points of a slowly sampled series, however old', () => {
    const hourly = Float64Array.from({ length: 3000 }, (_, i) => i * 3600);
    const bounded = resolveOptions({ minLearningPoints: 0 });
    // 30 days back from the last point, both ends included: 721 hourly points.
    expect(historyStart(hourly, 3000, bounded)).toBe(3000 - 721);
    expect(historyStart(hourly, 3000, resolveOptions({ minLearningPoints: 2000 }))).toBe(1000);
    // The default floor (8 640 points) keeps all 3 000; the points bound still applies.
    expect(historyStart(hourly, 3000, resolveOptions({}))).toBe(0);
    expect(historyStart(hourly, 3000, resolveOptions({ maxHistoryPoints: 500 }))).toBe(2500);
    // A finely sampled series is bounded by time as before: 30 days at 1 minute is far above the floor.
    const minutely = Float64Array.from({ length: 50_000 }, (_, i) => i * 60);
    expect(historyStart(minutely, 50_000, resolveOptions({}))).toBe(50_000 - 30 * 1440 - 1);
  });

  it('remembers in a whole run the levels a series held before its learning period', () => {
    // Hourly: 10 days near 10, 20 days near 50, then back to 10. The learning period is 5 days.
    const rng = mulberry32(31);
    const n = 31 * 24;
    const times = Float64Array.from({ length: n }, (_, i) => 1.7e9 + i * 3600);
    const values = Float64Array.from({ length: n }, (_, i) => (i < 10 * 24 || i >= 30 * 24 ? 10 : 50) + gaussian(rng));
    const options = { learningPeriodSeconds: 5 * 86_400, minLearningPoints: 0, seasonal: { candidatePeriods: [] } };
    const back = 30 * 24;
    // The run saw 10 before: returning there is no new territory.
    const run = new AnomalyEnsemble(options).detect(values, times);
    expect(run.evidence.novelty![back]).toBe(1);
    // A model that only knows its last 5 days has never seen it.
    const recent = new AnomalyEnsemble(options).fit(values.subarray(back - 5 * 24, back), 3600);
    recent.scoreNext(values[back]);
    expect(recent.lastEvidence[recent.detectors.indexOf('novelty')]).toBeLessThan(0.01);
  });

  it('catches a level the series never visited, between its two usual states', () => {
    // A service that flips between two states at random: no baseline can predict which, so the residual scale is
    // wide, but a value halfway between the states was never seen.
    const rng = mulberry32(21);
    const n = 14 * DAY;
    const times = Float64Array.from({ length: n }, (_, i) => 1.7e9 + i * STEP);
    let high = false;
    const values = Float64Array.from({ length: n }, () => {
      if (rng() < 0.1) {
        high = !high;
      }
      return (high ? 50 : 10) + gaussian(rng);
    });
    for (let i = T0; i < T0 + 4; i++) {
      values[i] = 30 + gaussian(rng);
    }
    const withNovelty = new AnomalyEnsemble().detect(values, times);
    const without = new AnomalyEnsemble({ detectors: { novelty: false } }).detect(values, times);
    expect(maxIn(withNovelty.score, T0, T0 + 4)).toBeGreaterThan(60);
    expect(maxIn(withNovelty.evidence.novelty!, T0, T0 + 1)).toBeLessThan(1e-3);
    expect(maxIn(withNovelty.score, T0, T0 + 4)).toBeGreaterThan(maxIn(without.score, T0, T0 + 4) + 15);
  });

  it('scores a stream with a warm model', () => {
    const { values } = series(16, 12);
    const ensemble = new AnomalyEnsemble().fit(values.subarray(0, 14 * DAY), STEP);
    expect(ensemble.periods).toEqual([DAY]);
    const next = Float64Array.from(values.subarray(14 * DAY));
    next[5] += 12;
    const r = ensemble.score(next);
    expect(r.score[5]).toBeGreaterThan(75);
    expect(r.score[4]).toBeLessThan(61);
  });
});

describe('clone', () => {
  it('continues exactly like the original and leaves it untouched', () => {
    const { values } = series(16, 20);
    const original = new AnomalyEnsemble().fit(values.subarray(0, 14 * DAY), STEP);
    const copy = original.clone();
    const next = Float64Array.from(values.subarray(14 * DAY));
    next[7] += 12;
    const fromCopy = copy.score(next);
    // Had the copy shared any streaming state, the original would now stand a day later and score differently.
    const fromOriginal = original.score(next);
    expect(Array.from(fromCopy.score)).toEqual(Array.from(fromOriginal.score));
    expect(Array.from(fromCopy.expected)).toEqual(Array.from(fromOriginal.expected));
    expect(Array.from(fromCopy.evidence.isolationForest!)).toEqual(Array.from(fromOriginal.evidence.isolationForest!));
    expect(copy.detectors).toEqual(original.detectors);
  });

  it('keeps the given detector choice', () => {
    const { values } = series(3, 21);
    const original = new AnomalyEnsemble({ detectors: { isolationForest: false } }).fit(values, STEP);
    expect(original.clone().detectors).toEqual(original.detectors);
  });
});

describe('edge cases', () => {
  it('scores a constant series 0, then a change high', () => {
    const n = 300;
    const values = new Float64Array(n).fill(45);
    values[250] = 46;
    const { score } = new AnomalyEnsemble().detect(values);
    expect(Array.from(score.subarray(5, 250)).every((s) => s === 0)).toBe(true);
    expect(score[250]).toBeGreaterThan(75);
  });

  it('leaves NaN gaps unscored and scores around them', () => {
    const { times, values } = series(16, 13);
    for (let i = 100; i < values.length; i += 37) {
      values[i] = NaN;
    }
    const { score } = new AnomalyEnsemble().detect(values, times);
    for (let i = DAY; i < values.length; i++) {
      expect(Number.isNaN(score[i])).toBe(Number.isNaN(values[i]));
    }
  });

  it('handles a single point and an empty series', () => {
    expect(Array.from(new AnomalyEnsemble().detect(Float64Array.of(5)).score)).toEqual([NaN]);
    expect(new AnomalyEnsemble().detect(new Float64Array(0)).score.length).toBe(0);
  });

  it('is scale free: huge and tiny magnitudes score like the original', () => {
    const { times, values } = series(14, 14);
    values[T0] += 12;
    const base = new AnomalyEnsemble().detect(values, times).score;
    for (const factor of [1e12, 1e-12]) {
      const scaled = new AnomalyEnsemble().detect(
        values.map((v) => v * factor),
        times
      ).score;
      expect(scaled[T0]).toBeCloseTo(base[T0], 3);
      expect(scaled[T0 + 50]).toBeCloseTo(base[T0 + 50], 3);
    }
  });

  it('scores Infinity as maximal and keeps scoring after it', () => {
    const { times, values } = series(16, 15);
    values[T0] = Infinity;
    values[T0 + 1] = -Infinity;
    const { score } = new AnomalyEnsemble().detect(values, times);
    expect(score[T0]).toBeGreaterThan(99);
    expect(score[T0 + 1]).toBeGreaterThan(99);
    expect(Array.from(score.subarray(T0 + 2)).every(Number.isFinite)).toBe(true);
    expect(maxIn(score, T0 + 5, T0 + 40)).toBeLessThan(61);
  });
});

describe('combination and onsets', () => {
  it('lets one strong detector through without Fisher-style overcounting', () => {
    const weights = Float64Array.of(1, 1, 1);
    expect(cauchyCombine(Float64Array.of(0.5, 0.9, 1), weights)).toBe(1);
    const strong = cauchyCombine(Float64Array.of(1e-6, 0.5, 1), weights);
    // About the Bonferroni price of its one-third weight, never cancelled by the others' p ≈ 1.
    expect(strong).toBeGreaterThan(1e-6);
    expect(strong).toBeLessThan(1e-5);
    // Agreeing detectors add up, but three times the same modest evidence stays modest.
    const agree = cauchyCombine(Float64Array.of(0.01, 0.01, 0.01), weights);
    expect(agree).toBeLessThan(cauchyCombine(Float64Array.of(0.01, 0.5, 0.5), weights));
    expect(agree).toBeGreaterThan(0.001);
    expect(cauchyCombine(Float64Array.of(NaN, 0.2), Float64Array.of(1, 1))).toBeCloseTo(
      (2 / Math.PI) * Math.atan(Math.tan(0.2 * Math.PI)),
      9
    );
    expect(cauchyCombine(Float64Array.of(NaN), Float64Array.of(1))).toBeNaN();
  });

  it('maps tail probabilities to 0–100 by decades of rarity, without saturating', () => {
    expect(pValueToScore(1, 6)).toBe(0);
    expect(pValueToScore(1e-3, 6)).toBeCloseTo(100 * Math.tanh(0.5));
    expect(pValueToScore(1e-9, 6)).toBeCloseTo(100 * Math.tanh(1.5));
    // Never saturates: rarer stays higher.
    expect(pValueToScore(1e-30, 6)).toBeGreaterThan(pValueToScore(1e-20, 6));
    expect(pValueToScore(1e-30, 6)).toBeLessThanOrEqual(100);
    expect(pValueToScore(NaN, 6)).toBeNaN();
    expect(pValueToScore(scoreToPValue(30, 6), 6)).toBeCloseTo(30, 9);
  });

  it('keeps onsets and escalations, drops repeats within the cooldown', () => {
    const s = Float64Array.of(10, 80, 80, 70, 90, 20, 10, 10, 75, NaN);
    expect(Array.from(onsetScores(s, 3))).toEqual([10, 80, 0, 0, 90, 0, 0, 0, 75, NaN]);
  });

  it('asks an escalation to beat the window maximum by the margin, a fresh onset not', () => {
    const s = Float64Array.of(0, 40, 43, 50, 0, 0, 0, 0, 30, 0, 31);
    expect(Array.from(onsetScores(s, 3, 4))).toEqual([0, 40, 0, 50, 0, 0, 0, 0, 30, 0, 0]);
  });
});
