import { gaussian, mulberry32 } from 'ml/stats';

import { type Grid, gridBetween } from '../history/grid';
import { AnomalyModelCache } from './model-cache';
import { anchorOf, historyStartMs, scheduleFor, trainingPlan } from './schedule';
import { scoreCold, scoreWarm } from './score-series';

const STEP = 30 * 60_000;
const DAY = 48;
const plan = trainingPlan(4 * DAY * STEP, STEP);
const schedule = scheduleFor(plan, '{"instance":"a"}');
const T0 = 1_700_006_400_000;
/** "Now" far after every panel: all points settled. */
const ALL_SETTLED = Infinity;

/** The "Prometheus" of these tests: a seasonal series with noise, a pure function of the grid time. */
function valueAt(timeMs: number): number {
  const i = (timeMs - T0) / STEP;
  const rng = mulberry32(i + 1);
  return 100 + 20 * Math.sin((2 * Math.PI * i) / DAY) + gaussian(rng);
}

function valuesOn(grid: Grid): Float64Array {
  return Float64Array.from({ length: grid.length }, (_, i) => valueAt(grid.startMs + i * grid.stepMs));
}

/** A panel of `points` steps ending `endStep` steps after T0, and the history grid a cold run needs. */
function query(endStep: number, points = DAY) {
  const panel = gridBetween(T0 + (endStep - points + 1) * STEP, T0 + endStep * STEP, STEP);
  const history = gridBetween(historyStartMs(panel.startMs, plan), panel.startMs - STEP, STEP);
  const joined = new Float64Array(history.length + panel.length);
  joined.set(valuesOn(history));
  joined.set(valuesOn(panel), history.length);
  return { panel, history, joined };
}

function coldRun(endStep: number, points = DAY, settledEndMs = ALL_SETTLED) {
  const { panel, history, joined } = query(endStep, points);
  return { panel, ...scoreCold(joined, history, panel, schedule, {}, settledEndMs) };
}

describe('scoreWarm', () => {
  // A panel end far enough from its anchor that the next query, a few steps later, keeps it.
  const end = 20 * DAY;
  const first = coldRun(end);
  const anchor = anchorOf(first.panel.startMs, schedule);

  it('continues the cached model over a moved panel to exactly the cold run of that panel', () => {
    const cache = new AnomalyModelCache();
    cache.offer('k', coldRun(end).model!);
    const moved = query(end + 5);
    expect(anchorOf(moved.panel.startMs, schedule)).toBe(anchor);
    const warm = scoreWarm(cache.get('k'), valuesOn(moved.panel), moved.panel, schedule, ALL_SETTLED);
    const cold = coldRun(end + 5).points;
    expect(warm).toBeDefined();
    expect(Array.from(warm!.score)).toEqual(Array.from(cold.score));
    expect(Array.from(warm!.evidence)).toEqual(Array.from(cold.evidence));
    expect(cache.get('k')!.state.lastMs).toBe(moved.panel.startMs + (moved.panel.length - 1) * STEP);
  });

  it('serves an earlier panel from the cached scores without moving the model', () => {
    const { model } = coldRun(end);
    const earlier = query(end - 3, DAY - 10);
    const served = scoreWarm(model, valuesOn(earlier.panel), earlier.panel, schedule, ALL_SETTLED);
    expect(Array.from(served!.score)).toEqual(Array.from(coldRun(end - 3, DAY - 10).points.score));
    expect(model!.state.lastMs).toBe(T0 + end * STEP);
  });

  it('gives up where only a cold run is right: other anchor, a gap, a refit due, no model', () => {
    const { model } = coldRun(end);
    const laterAnchor = query(end + plan.refitEveryMs / STEP);
    expect(scoreWarm(model, valuesOn(laterAnchor.panel), laterAnchor.panel, schedule, ALL_SETTLED)).toBeUndefined();
    const gap: Grid = { startMs: first.panel.startMs + DAY * STEP + 2 * STEP, stepMs: STEP, length: 3 };
    expect(scoreWarm(model, valuesOn(gap), gap, schedule, ALL_SETTLED)).toBeUndefined();
    const dueAt = (model!.state.nextFitMs - first.panel.startMs) / STEP;
    const pastRefit = gridBetween(first.panel.startMs, first.panel.startMs + dueAt * STEP, STEP);
    expect(scoreWarm(model, valuesOn(pastRefit), pastRefit, schedule, ALL_SETTLED)).toBeUndefined();
    expect(scoreWarm(undefined, valuesOn(first.panel), first.panel, schedule, ALL_SETTLED)).toBeUndefined();
  });
});

describe('provisional points', () => {
  const end = 20 * DAY;
  /** "Now" such that the last three points of the panel ending at `end` are still provisional. */
  const settledEnd = T0 + (end - 3) * STEP;

  it('are scored like settled ones, but the cached model stops before them', () => {
    const provisional = coldRun(end, DAY, settledEnd);
    expect(Array.from(provisional.points.score)).toEqual(Array.from(coldRun(end).points.score));
    expect(provisional.model!.state.lastMs).toBe(settledEnd);
    expect(provisional.model!.points.length).toBe(DAY - 3);
  });

  it('are scored again with the values they finally get, exactly as a cold run sees them', () => {
    const { panel, history, joined } = query(end);
    // When first asked, the last point had no sample yet; the next refresh sees it.
    const early = joined.slice();
    early[early.length - 1] = NaN;
    const { model } = scoreCold(early, history, panel, schedule, {}, settledEnd);
    const later = scoreWarm(model, valuesOn(panel), panel, schedule, settledEnd + STEP);
    expect(Array.from(later!.score)).toEqual(Array.from(coldRun(end).points.score));
    expect(Number.isNaN(later!.score[DAY - 1])).toBe(false);
    expect(model!.state.lastMs).toBe(settledEnd + STEP);
  });
});

describe('AnomalyModelCache', () => {
  it('keeps the model that has seen the later points when two queries race', () => {
    const cache = new AnomalyModelCache();
    const newer = coldRun(20 * DAY).model!;
    const older = coldRun(20 * DAY - 2).model!;
    cache.offer('k', newer);
    cache.offer('k', older);
    expect(cache.get('k')).toBe(newer);
  });

  it('measures each model, so that the byte budget bounds the cache', () => {
    const { model } = coldRun(20 * DAY);
    expect(model!.modelBytes).toBeGreaterThan(10_000);
    const cache = new AnomalyModelCache({ maxBytes: 2.5 * (model!.modelBytes + model!.points.bytes), maxEntries: 100 });
    cache.offer('a', model!);
    cache.offer('b', coldRun(20 * DAY).model!);
    cache.offer('c', coldRun(20 * DAY).model!);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
  });

  it('keys models by data source, its settings version, expression, step, options and series', () => {
    const parts = {
      dataSourceUid: 'ds',
      dataSourceVersion: 1,
      expr: 'up',
      stepMs: 60_000,
      optionsKey: '[]',
      seriesKey: '{}',
    };
    const keys = new Set([
      AnomalyModelCache.key(parts),
      AnomalyModelCache.key({ ...parts, dataSourceUid: 'other' }),
      AnomalyModelCache.key({ ...parts, dataSourceVersion: 2 }),
      AnomalyModelCache.key({ ...parts, expr: 'down' }),
      AnomalyModelCache.key({ ...parts, stepMs: 30_000 }),
      AnomalyModelCache.key({ ...parts, optionsKey: '[1]' }),
      AnomalyModelCache.key({ ...parts, seriesKey: '{"a":"b"}' }),
    ]);
    expect(keys.size).toBe(7);
  });
});
