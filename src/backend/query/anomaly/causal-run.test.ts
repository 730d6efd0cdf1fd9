import { gaussian, mulberry32 } from 'ml/stats';

import { canContinue, continueRun, runCold } from './causal-run';
import { anchorOf, type FitSchedule, scheduleFor, trainingPlan } from './schedule';

/** Half-hourly points: 48 a day, a week of training (336 points), refits every 84 points. */
const STEP = 30 * 60_000;
const DAY = 48;
const START = 1_700_006_400_000; // a multiple of the step
const schedule: FitSchedule = scheduleFor(trainingPlan(7 * DAY * STEP, STEP), '{"job":"api"}');

function seasonal(days: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from(
    { length: days * DAY },
    (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / DAY) + gaussian(rng)
  );
}

const finite = (x: ArrayLike<number>) => Array.from(x).filter((v) => !Number.isNaN(v));

describe('runCold', () => {
  const values = seasonal(12, 1);
  const spikeAt = 11 * DAY + 7;
  values[spikeAt] += 15;
  const panelFrom = 10 * DAY;
  const { points, state } = runCold(values, START, panelFrom, schedule, {});

  it('scores a spike critical and noise mostly normal, emitting only the panel range', () => {
    expect(points.length).toBe(values.length - panelFrom);
    expect(points.score[spikeAt - panelFrom]).toBeGreaterThanOrEqual(86);
    const noise = finite(points.score).filter((_, i) => Math.abs(i + panelFrom - spikeAt) > 3);
    expect(noise.length).toBeGreaterThan(DAY * 2 - 10);
    expect(noise.filter((s) => s <= 30).length / noise.length).toBeGreaterThan(0.9);
    expect(points.expected[spikeAt - panelFrom]).toBeCloseTo(values[spikeAt] - 15, -1);
    expect(points.lower[5]).toBeLessThan(points.expected[5]);
    expect(points.upper[5]).toBeGreaterThan(points.expected[5]);
  });

  it('is causal: changing the future changes no earlier score', () => {
    const changed = values.slice();
    const cut = 11 * DAY;
    for (let i = cut; i < changed.length; i++) {
      changed[i] += 50 * Math.cos(i);
    }
    const other = runCold(changed, START, panelFrom, schedule, {}).points;
    const before = cut - panelFrom;
    expect(Array.from(other.score.subarray(0, before))).toEqual(Array.from(points.score.subarray(0, before)));
    expect(other.score[before]).not.toBe(points.score[before]);
  });

  it('gives the same scores whatever the panel start, as long as the refit anchor is the same', () => {
    const anchor = anchorOf(START + panelFrom * STEP, schedule);
    const laterFrom = panelFrom + 3;
    expect(anchorOf(START + laterFrom * STEP, schedule)).toBe(anchor);
    const later = runCold(values, START, laterFrom, schedule, {}).points;
    expect(Array.from(later.score)).toEqual(Array.from(points.score.subarray(3)));
  });

  it('leaves a mature model due for a refit at the next boundary', () => {
    expect(state).toBeDefined();
    expect(state!.historyPoints).toBe(schedule.trainingPoints);
    expect(state!.lastMs).toBe(START + (values.length - 1) * STEP);
    expect(state!.nextFitMs).toBe(anchorOf(state!.lastMs, schedule) + schedule.refitEveryMs);
  });
});

describe('continueRun', () => {
  const values = seasonal(11, 2);
  const panelFrom = 10 * DAY;

  it('continues a cached model to exactly what a cold run over the longer series gives', () => {
    const first = values.length - 20;
    const earlier = runCold(values.subarray(0, first), START, panelFrom, schedule, {});
    expect(canContinue(earlier.state!, START + (values.length - 1) * STEP)).toBe(true);
    const warm = continueRun(earlier.state!, values.subarray(first), STEP);
    const cold = runCold(values, START, panelFrom, schedule, {}).points;
    expect(Array.from(warm.score)).toEqual(Array.from(cold.score.subarray(first - panelFrom)));
    expect(Array.from(warm.upper)).toEqual(Array.from(cold.upper.subarray(first - panelFrom)));
    expect(earlier.state!.lastMs).toBe(START + (values.length - 1) * STEP);
  });

  it('refuses to run past the next refit, which needs the history', () => {
    const { state } = runCold(values, START, panelFrom, schedule, {});
    const pointsToRefit = (state!.nextFitMs - state!.lastMs) / STEP;
    expect(canContinue(state!, state!.nextFitMs)).toBe(false);
    expect(() => continueRun(state!, new Float64Array(pointsToRefit), STEP)).toThrow('due for a refit');
  });
});

describe('learning and awkward series', () => {
  it('leaves a young series unscored through its first day (its plausible season), then refits as history doubles', () => {
    const values = seasonal(3, 3);
    values.fill(NaN, 0, 2 * DAY + 4);
    const { points, state } = runCold(values, START, 2 * DAY, schedule, {});
    const scores = Array.from(points.score);
    // 4 missing points, then the first full day of the new series (half-hourly: a daily cycle is plausible).
    expect(scores.slice(0, 4 + DAY).every(Number.isNaN)).toBe(true);
    expect(scores.slice(4 + DAY).every(Number.isFinite)).toBe(true);
    expect(state!.historyPoints).toBeLessThan(schedule.trainingPoints);
    expect(state!.nextFitMs - state!.lastMs).toBeLessThanOrEqual(state!.historyPoints * STEP);
  });

  it('answers all-NaN, empty and single-point series with unscored points and no model', () => {
    for (const values of [new Float64Array(50).fill(NaN), new Float64Array(0), Float64Array.of(42)]) {
      const { points, state } = runCold(values, START, 0, schedule, {});
      expect(points.length).toBe(values.length);
      expect(finite(points.score)).toEqual([]);
      expect(state).toBeUndefined();
    }
  });

  it('scores a constant series as normal and a step away from it as anomalous', () => {
    const values = new Float64Array(4 * DAY).fill(7);
    values[4 * DAY - 1] = 9;
    const { points } = runCold(values, START, 3 * DAY, schedule, {});
    const scores = finite(points.score);
    expect(scores.length).toBe(DAY);
    expect(Math.max(...scores.slice(0, -1))).toBeLessThanOrEqual(30);
    expect(scores[scores.length - 1]).toBeGreaterThan(85);
  });

  it('keeps gaps and infinities defined: no score where there is no value, a high one for ±Inf', () => {
    const values = seasonal(9, 4);
    values.fill(NaN, 8 * DAY + 10, 8 * DAY + 20);
    values[8 * DAY + 30] = Infinity;
    const { points } = runCold(values, START, 8 * DAY, schedule, {});
    expect(finite(points.score.subarray(10, 20))).toEqual([]);
    expect(points.score[30]).toBeGreaterThan(85);
    expect(finite(points.score.subarray(31)).length).toBe(DAY - 31);
  });
});
