import {
  anchorOf,
  historyStartMs,
  MAX_TRAINING_POINTS,
  MIN_TRAINING_POINTS,
  scheduleFor,
  trainingPlan,
} from './schedule';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

describe('trainingPlan', () => {
  it('turns the training window into points at the step and refits every quarter of it', () => {
    expect(trainingPlan(7 * DAY, MINUTE)).toEqual({
      stepMs: MINUTE,
      trainingPoints: 10_080,
      refitEveryMs: 2520 * MINUTE,
    });
  });

  it('bounds the points: never fewer than a fit needs, never more than the ensemble learns from', () => {
    expect(trainingPlan(MINUTE, MINUTE).trainingPoints).toBe(MIN_TRAINING_POINTS);
    expect(trainingPlan(30 * DAY, 15_000).trainingPoints).toBe(MAX_TRAINING_POINTS);
    expect(trainingPlan(30 * DAY, 15_000).refitEveryMs % 15_000).toBe(0);
  });
});

describe('scheduleFor and anchorOf', () => {
  const plan = trainingPlan(7 * DAY, MINUTE);

  it('shifts each series by a stable multiple of the step below the refit interval', () => {
    const offsets = ['a', 'b', 'c', 'd'].map((key) => scheduleFor(plan, key).offsetMs);
    for (const offset of offsets) {
      expect(offset % MINUTE).toBe(0);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(plan.refitEveryMs);
    }
    expect(new Set(offsets).size).toBeGreaterThan(1);
    expect(scheduleFor(plan, 'a').offsetMs).toBe(offsets[0]);
  });

  it('anchors at the last boundary at or before a time, on the grid', () => {
    const schedule = scheduleFor(plan, '{"job":"api"}');
    const t = 1_700_000_040_000;
    const anchor = anchorOf(t, schedule);
    expect(anchor).toBeLessThanOrEqual(t);
    expect(anchor).toBeGreaterThan(t - plan.refitEveryMs);
    expect((anchor - schedule.offsetMs) % plan.refitEveryMs).toBe(0);
    expect(anchor % MINUTE).toBe(0);
    expect(anchorOf(anchor, schedule)).toBe(anchor);
    expect(anchorOf(anchor - MINUTE, schedule)).toBe(anchor - plan.refitEveryMs);
  });

  it('starts history a training window before the earliest anchor any series can have', () => {
    const panelStart = 1_700_000_040_000;
    const start = historyStartMs(panelStart, plan);
    for (const key of ['a', 'b', 'c']) {
      const anchor = anchorOf(panelStart, scheduleFor(plan, key));
      expect(anchor - plan.trainingPoints * MINUTE).toBeGreaterThanOrEqual(start);
    }
    expect(start % MINUTE).toBe(0);
  });
});
