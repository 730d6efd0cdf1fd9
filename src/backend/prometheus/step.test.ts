import { BadRequestError } from 'backend/grafana/errors';
import { DEFAULT_SCRAPE_INTERVAL_MS, MAX_POINTS_PER_SERIES, planRange, pointsPerSeries, roundToNiceStep } from './step';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 0, 15, 12, 34, 56, 789);

describe('roundToNiceStep', () => {
  it.each([
    [1, 1],
    [14, 10],
    [16, 20],
    [1_400, 1_000],
    [8_000, 10_000],
    [13_000, 15_000],
    [57_600, 60_000],
    [100_000, 120_000],
    [400 * DAY, 365 * DAY],
  ])('snaps %d ms to %d ms', (ms, nice) => {
    expect(roundToNiceStep(ms)).toBe(nice);
  });
});

describe('planRange', () => {
  it('derives the step from maxDataPoints and aligns start and end down to it', () => {
    const plan = planRange({ timeRange: { from: NOW - DAY, to: NOW }, intervalMs: 15_000, maxDataPoints: 1440 });
    expect(plan.stepMs).toBe(60_000);
    expect(plan.startMs % plan.stepMs).toBe(0);
    expect(plan.endMs % plan.stepMs).toBe(0);
    expect(plan.endMs).toBeLessThanOrEqual(NOW);
    expect(NOW - plan.endMs).toBeLessThan(plan.stepMs);
    expect(plan.rangeMs).toBe(DAY);
  });

  it('never goes below the interval Grafana computed for the panel', () => {
    const plan = planRange({ timeRange: { from: NOW - HOUR, to: NOW }, intervalMs: 30_000, maxDataPoints: 10_000 });
    expect(plan.stepMs).toBe(30_000);
  });

  it('falls back to the default scrape interval and resolution when the query carries neither', () => {
    const plan = planRange({ timeRange: { from: NOW - HOUR, to: NOW }, intervalMs: 0, maxDataPoints: 0 });
    expect(plan.stepMs).toBe(DEFAULT_SCRAPE_INTERVAL_MS);
  });

  it('raises the step so that no series exceeds the 11,000 point limit', () => {
    // Alert rules send intervalMs=1000 and maxDataPoints=43200: a 1 s step over 7 days would be 604,801 points.
    const from = NOW - 7 * DAY;
    const plan = planRange({ timeRange: { from, to: NOW }, intervalMs: 1000, maxDataPoints: 43_200 });
    expect(pointsPerSeries(from, NOW, plan.stepMs)).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    // …and by no more than one nice notch: 7 days / 11,000 ≈ 55 s → 60 s.
    expect(plan.stepMs).toBe(60_000);
  });

  it('keeps within the limit right at the boundary where Grafana rounding would overshoot', () => {
    // range/11000 = 7.4 s: Grafana's nearest rounding picks 5 s (17,760 points); we must pick 10 s.
    const from = NOW - 11_000 * 7_400;
    const plan = planRange({ timeRange: { from, to: NOW }, intervalMs: 1, maxDataPoints: 1_000_000 });
    expect(plan.stepMs).toBe(10_000);
    expect(pointsPerSeries(from, NOW, plan.stepMs)).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
  });

  it('honours an explicit step exactly', () => {
    const plan = planRange({
      timeRange: { from: NOW - DAY, to: NOW },
      intervalMs: 15_000,
      maxDataPoints: 100,
      stepOverrideMs: 70_000,
    });
    expect(plan.stepMs).toBe(70_000);
    expect(plan.startMs % 70_000).toBe(0);
  });

  it('refuses an explicit step that Prometheus would refuse, suggesting one that works', () => {
    const request = { timeRange: { from: NOW - DAY, to: NOW }, intervalMs: 0, maxDataPoints: 0, stepOverrideMs: 1000 };
    expect(() => planRange(request)).toThrow(BadRequestError);
    expect(() => planRange(request)).toThrow(/86401 points per series.*at most 11000.*at least 10s/);
  });

  it('computes $__rate_interval as max(step + scrape, 4 × scrape)', () => {
    const short = planRange({ timeRange: { from: NOW - HOUR, to: NOW }, intervalMs: 15_000, maxDataPoints: 240 });
    expect(short.rateIntervalMs).toBe(4 * DEFAULT_SCRAPE_INTERVAL_MS);
    const long = planRange({ timeRange: { from: NOW - 7 * DAY, to: NOW }, intervalMs: 15_000, maxDataPoints: 1000 });
    expect(long.rateIntervalMs).toBe(long.stepMs + DEFAULT_SCRAPE_INTERVAL_MS);
  });

  it('rejects an inverted time range and a non-positive step', () => {
    expect(() => planRange({ timeRange: { from: NOW, to: NOW - 1 }, intervalMs: 0, maxDataPoints: 0 })).toThrow(
      'Invalid time range'
    );
    expect(() =>
      planRange({ timeRange: { from: NOW - 1, to: NOW }, intervalMs: 0, maxDataPoints: 0, stepOverrideMs: 0 })
    ).toThrow('step must be at least 1ms');
  });
});
