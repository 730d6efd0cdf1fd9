/**
 * The worker pool with real worker threads, started from the worker bundle (testing/worker-code.ts) exactly
 * as the executable starts them; only Prometheus is a fake (history/testing/fake-prometheus.ts).
 */
import type { Worker } from 'node:worker_threads';

import type { DataResponse, QueryDataRequest } from 'backend/grafana/data';
import { QueryTypeMux } from 'backend/grafana/query-type-mux';
import { gaussian, mulberry32 } from 'ml/stats';

import { anomalyQueryHandler } from '../../anomaly';
import { type FakeSeries, fakePrometheus } from '../../history/testing/fake-prometheus';
import { gridBetween } from '../../history/grid';
import { trainingPlan } from '../schedule';
import type { ScoringContext, SeriesJob } from '../series-job';
import { InlineScoring, type SeriesScoring } from '../series-scoring';
import { anomalyRequest } from '../testing/anomaly-request';
import { AnomalyWorkerPool } from './pool';
import { testWorkerCode } from './testing/worker-code';

const MINUTE = 60_000;
const END = 1_768_483_800_000;

/** A seeded series with a daily cycle and noise, a pure function of time; `spikeAt` adds one outlier. */
function seasonal(labels: Record<string, string>, seed: number, stepMs: number, spikeAt?: number): FakeSeries {
  return {
    labels,
    valueAt: (t) => {
      const i = t / stepMs;
      const noise = gaussian(mulberry32(seed * 1_000_003 + i));
      return 100 + 20 * Math.sin((2 * Math.PI * t) / (24 * 60 * MINUTE)) + noise + (t === spikeAt ? 30 : 0);
    },
  };
}

function request(range: { from: number; to: number }, step: string, trainingWindow: string): QueryDataRequest {
  return anomalyRequest({
    maxDataPoints: 100_000,
    intervalMs: MINUTE,
    timeRange: range,
    json: { expr: 'metric', step, anomaly: { trainingWindow, seasonality: ['1d'] } },
  });
}

async function run(scoring: SeriesScoring, series: FakeSeries[], req: QueryDataRequest, signal?: AbortSignal) {
  const prometheus = fakePrometheus(series);
  const mux = new QueryTypeMux().handle(
    'anomaly',
    anomalyQueryHandler(async () => prometheus.client, { scoring, now: () => END + 2 * 24 * 60 * MINUTE })
  );
  const response = (await mux.queryData(req, { signal: signal ?? new AbortController().signal })).get('A');
  return { response: response as DataResponse, calls: prometheus.calls };
}

const pools: AnomalyWorkerPool[] = [];
function pool(size: number, onWorkerStarted?: (worker: Worker) => void): AnomalyWorkerPool {
  const created = new AnomalyWorkerPool({ size, workerCode: testWorkerCode(), onWorkerStarted });
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/**
 * Frames as plain values: arrays that come back from a worker are Node's typed arrays, not those of jest's
 * sandbox, and toEqual tells the two apart even when every value is the same.
 */
function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** Waits (a turn of the event loop at a time) until `done`, for at most `ms`. */
async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Cold jobs straight to the pool: a week of one-minute history each, long enough to be caught running. */
function coldJobs(extraOptions: object = {}) {
  const step = MINUTE;
  const panel = gridBetween(END - 60 * step, END, step);
  const history = gridBetween(panel.startMs - 7 * 1440 * step, panel.startMs - step, step);
  const context: ScoringContext = {
    panel,
    history,
    training: trainingPlan(7 * 1440 * step, step),
    options: { seasonal: { periods: [1440] }, ...extraOptions },
    settledEndMs: END,
  };
  const valuesOf = (grid: { startMs: number; length: number }, s: FakeSeries) =>
    Float64Array.from({ length: grid.length }, (_, i) => s.valueAt(grid.startMs + i * step) ?? NaN);
  const job = (i: number): SeriesJob => {
    const s = seasonal({ instance: `c${i}` }, i, step);
    return {
      key: `k${i}`,
      seriesKey: `c${i}`,
      panelValues: valuesOf(panel, s),
      history: { values: valuesOf(history, s) },
    };
  };
  return { context, job, panel };
}

describe('anomaly worker pool', () => {
  const STEP = 30 * MINUTE;
  const DAY = 48 * STEP;
  const series = Array.from({ length: 6 }, (_, i) => seasonal({ instance: `i${i}` }, i + 1, STEP, END - 10 * STEP));
  const first = request({ from: END - DAY + STEP, to: END }, '30m', '4d');
  const refresh = request({ from: END - DAY + 3 * STEP, to: END + 2 * STEP }, '30m', '4d');

  it('answers exactly the frames of inline scoring, cold and on refresh', async () => {
    const workers = pool(3);
    const inline = new InlineScoring();
    const pooled = await run(workers, series, first);
    expect(pooled.response.error).toBeUndefined();
    expect(pooled.response.frames.length).toBeGreaterThan(series.length); // a frame per series and annotations
    expect(plain(pooled.response.frames)).toEqual(plain((await run(inline, series, first)).response.frames));
    const pooledRefresh = await run(workers, series, refresh);
    expect(plain(pooledRefresh.response.frames)).toEqual(plain((await run(inline, series, refresh)).response.frames));
    expect(workers.stats()).toMatchObject({ queued: 0, running: 0, crashes: 0 });
    expect(workers.stats().workers).toBeGreaterThan(1); // the series were spread by their keys' hash
  });

  it('routes each series to the worker that holds its warm model, so a refresh needs no history', async () => {
    const workers = pool(3);
    expect((await run(workers, series, first)).calls).toHaveLength(3); // series count, panel, history
    const warm = await run(workers, series, refresh);
    expect(warm.response.error).toBeUndefined();
    expect(warm.calls).toHaveLength(2); // series count and panel: every series found its model
    // One warm job per series, nothing sent twice: 6 warm checks + 6 cold runs before, 6 warm jobs now.
    expect(workers.stats().dispatched).toBe(3 * series.length);
  });

  it('never sends the jobs of a cancelled query; the worker goes on with the next query', async () => {
    const workers = pool(1);
    const { context, job, panel } = coldJobs();
    const cancel = new AbortController();
    const jobs = Array.from({ length: 5 }, (_, i) => workers.score(context, job(i), cancel.signal));
    await until(() => workers.stats().running === 1);
    const reason = new Error('cancelled by the test');
    cancel.abort(reason);
    for (const pending of jobs) {
      await expect(pending).rejects.toBe(reason);
    }
    expect(workers.stats()).toMatchObject({ dispatched: 1, queued: 0 });
    const next = await workers.score(context, job(9), new AbortController().signal);
    expect('scores' in next && next.scores.points.length).toBe(panel.length);
    expect(workers.stats()).toMatchObject({ dispatched: 2, crashes: 0 });
  });

  it('scores a query whose options cannot be sent to a thread on the main thread, exactly as inline', async () => {
    const workers = pool(2);
    // A live runtime object (as a TensorFlow.js backend would be): functions cannot be posted to a worker.
    const { context, job } = coldJobs({ runtime: { backend: () => 'wasm' } });
    const signal = new AbortController().signal;
    const pooled = await workers.score(context, job(1), signal);
    const inline = await new InlineScoring().score(context, job(1), signal);
    expect(pooled).toEqual(inline);
    expect(workers.stats()).toMatchObject({ workers: 0, dispatched: 0 });
  });

  it('turns a worker that dies mid-query into an error for that refId, and replaces the worker', async () => {
    const started: Worker[] = [];
    {
      const workers = pool(1, (worker) => started.push(worker));
      // A week of one-minute history: a cold run long enough to be stopped in the middle.
      const long = [seasonal({ instance: 'long' }, 7, MINUTE)];
      const req = request({ from: END - 60 * MINUTE, to: END }, '1m', '7d');
      const query = run(workers, long, req);
      await until(() => workers.stats().running === 1);
      expect(started).toHaveLength(1);
      await started[0].terminate();
      const { response } = await query;
      expect(response).toMatchObject({ status: 500, error: expect.stringContaining('scoring worker stopped') });
      const again = await run(workers, long, req);
      expect(again.response.error).toBeUndefined();
      expect(started).toHaveLength(2);
      expect(workers.stats()).toMatchObject({ workers: 1, crashes: 1 });
    }
  });
});
