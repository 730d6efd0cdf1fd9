import type { DataQuery, DataResponse, QueryDataRequest } from 'backend/grafana/data';
import type { Frame } from 'backend/grafana/frame';
import { QueryTypeMux } from 'backend/grafana/query-type-mux';
import { FIELD, FRAME_TYPE } from 'contract/frames';
import { gaussian, mulberry32 } from 'ml/stats';

import { anomalyQueryHandler } from './anomaly';
import { AnomalyModelCache } from './anomaly/model-cache';
import { historyStartMs, trainingPlan } from './anomaly/schedule';
import { InlineScoring } from './anomaly/series-scoring';
import { anomalyRequest } from './anomaly/testing/anomaly-request';
import { type FakeSeries, fakePrometheus } from './history/testing/fake-prometheus';

const STEP = 30 * 60_000;
const DAY = 48 * STEP;
/** A multiple of the step, placed so that no series' refit boundary falls within two steps after it. */
const END = 1_768_483_800_000;
const SPIKE = END - 10 * STEP;

/** Daily seasonal series with noise, a pure function of time; `spikeAt` adds one outlier. */
function seasonal(labels: Record<string, string>, seed: number, spikeAt?: number): FakeSeries {
  return {
    labels,
    valueAt: (t) => {
      const i = t / STEP;
      const noise = gaussian(mulberry32(seed * 1_000_003 + i));
      return 100 + 20 * Math.sin((2 * Math.PI * i) / 48) + noise + (t === spikeAt ? 30 : 0);
    },
  };
}

const ANOMALY = { trainingWindow: '4d', seasonality: ['1d'] };

function request(overrides: Partial<DataQuery> = {}, json: object = {}): QueryDataRequest {
  return anomalyRequest({
    timeRange: { from: END - DAY + STEP, to: END },
    json: { expr: 'metric', step: '30m', anomaly: ANOMALY, ...json },
    ...overrides,
  });
}

async function run(
  series: FakeSeries[],
  options: {
    cache?: AnomalyModelCache;
    maxSeries?: number;
    req?: QueryDataRequest;
    signal?: AbortSignal;
    now?: number;
  } = {}
) {
  const prometheus = fakePrometheus(series, options.maxSeries);
  const mux = new QueryTypeMux().handle(
    'anomaly',
    anomalyQueryHandler(async () => prometheus.client, {
      scoring: new InlineScoring(options.cache ?? new AnomalyModelCache()),
      now: () => options.now ?? END + DAY,
    })
  );
  const signal = options.signal ?? new AbortController().signal;
  const response = (await mux.queryData(options.req ?? request(), { signal })).get('A') as DataResponse;
  return { response, calls: prometheus.calls };
}

const field = (frame: Frame, name: string) => Array.from(frame.fields.find((f) => f.name === name)!.values as number[]);

describe('anomaly query type', () => {
  const series = [seasonal({ instance: 'a' }, 1, SPIKE), seasonal({ instance: 'b' }, 2)];

  it('fetches the history once, scores the panel range and answers frames per series plus annotations', async () => {
    const { response, calls } = await run(series);
    expect(response.error).toBeUndefined();
    const history = historyStartMs(END - DAY + STEP, trainingPlan(4 * DAY, STEP));
    expect(calls.map((c) => [c.startMs, c.endMs, c.stepMs])).toEqual([
      [END, END, STEP],
      [END - DAY + STEP, END, STEP],
      [history, END - DAY, STEP],
    ]);
    const [a, b, annotations] = response.frames;
    expect(response.frames).toHaveLength(3);
    expect(a.fields.map((f) => f.name)).toEqual([
      FIELD.time,
      FIELD.value,
      FIELD.expected,
      FIELD.lower,
      FIELD.upper,
      FIELD.anomalyScore,
    ]);
    expect(a.meta?.executedQueryString).toBe('Expr: metric\nStep: 30m\nTraining: 4d, refit every 1d\nSeasonality: 1d');
    const times = field(a, FIELD.time);
    expect(times).toHaveLength(48);
    const score = field(a, FIELD.anomalyScore);
    expect(score[times.indexOf(SPIKE)]).toBeGreaterThanOrEqual(86);
    expect(field(b, FIELD.anomalyScore).every((s) => s <= 60)).toBe(true);
    expect(annotations.meta?.dataTopic).toBe('annotations');
    expect(field(annotations, 'time')).toEqual([SPIKE]);
    expect(field(annotations, 'tags')[0]).toContain('severity:critical');
  });

  it('on refresh scores only the new points from cached models, exactly as a cold run would', async () => {
    const cache = new AnomalyModelCache();
    await run(series, { cache });
    const moved = request({ timeRange: { from: END - DAY + 3 * STEP, to: END + 2 * STEP } });
    const warm = await run(series, { cache, req: moved });
    expect(warm.calls).toHaveLength(2); // the series count and the panel range: no history
    const cold = await run(series, { req: moved });
    expect(cold.calls).toHaveLength(3);
    expect(warm.response.frames).toEqual(cold.response.frames);
    expect(cache.size).toBe(2);
  });

  it('on refresh asks Prometheus only for the unsettled points, unless incremental querying is off', async () => {
    // The series count (one point), then the panel: only its unsettled points, or all of it.
    const cases: Array<[Record<string, unknown>, number[]]> = [
      [{ incrementalQuerying: true }, [END, END]],
      [{ incrementalQuerying: true, incrementalQueryOverlapWindow: '1h' }, [END - STEP, END]],
      [{ incrementalQuerying: false }, [END - DAY + STEP, END]],
    ];
    for (const [jsonData, panel] of cases) {
      const prometheus = fakePrometheus(series);
      const handler = anomalyQueryHandler(async () => prometheus.client, {
        scoring: new InlineScoring(new AnomalyModelCache()),
        // The panel ends 5 minutes before now: its last 30-minute point is within the 10-minute overlap, its last
        // two within an hour's.
        now: () => END + 5 * 60_000,
      });
      const mux = new QueryTypeMux().handle('anomaly', handler);
      const req = request();
      req.pluginContext.dataSourceInstanceSettings!.jsonData = jsonData;
      const first = (await mux.queryData(req, { signal: new AbortController().signal })).get('A') as DataResponse;
      prometheus.calls.length = 0;
      const again = (await mux.queryData(req, { signal: new AbortController().signal })).get('A') as DataResponse;
      const ranges = prometheus.calls.map((c) => [c.startMs, c.endMs]);
      expect(ranges).toEqual([[END, END], panel]);
      expect(again.frames).toEqual(first.frames);
    }
  });

  it('fetches the history again when a refit comes due, and still answers what a cold run does', async () => {
    const cache = new AnomalyModelCache();
    await run(series, { cache });
    const nextDay = request({ timeRange: { from: END + STEP, to: END + DAY } });
    const refreshed = await run(series, { cache, req: nextDay });
    expect(refreshed.calls).toHaveLength(3);
    expect(refreshed.response.frames).toEqual((await run(series, { req: nextDay })).response.frames);
  });

  it('answers alert output as time and anomaly_score only, with the series labels', async () => {
    const { response } = await run(series, { req: request({}, { output: 'alert' }) });
    expect(response.frames).toHaveLength(2);
    for (const frame of response.frames) {
      expect(frame.meta).toMatchObject({ type: FRAME_TYPE.timeseriesMulti, typeVersion: [0, 1] });
      expect(frame.fields.map((f) => f.name)).toEqual([FIELD.time, FIELD.anomalyScore]);
    }
    expect(response.frames.map((f) => f.fields[1].labels)).toEqual([{ instance: 'a' }, { instance: 'b' }]);
  });

  it('says when series are still learning and leaves their first points unscored', async () => {
    const born = END - 20 * STEP;
    const young: FakeSeries = { labels: { instance: 'new' }, valueAt: (t) => (t < born ? undefined : 5 + (t % 7)) };
    const { response } = await run([young, series[1]]);
    const [frame] = response.frames;
    expect(field(frame, FIELD.time)[0]).toBe(born);
    expect(field(frame, FIELD.anomalyScore).slice(0, 5).every(Number.isNaN)).toBe(true);
    expect(frame.meta?.notices).toEqual([
      expect.objectContaining({ severity: 'info', text: expect.stringContaining('1 of 2 series are still learning') }),
      expect.objectContaining({ severity: 'info', text: expect.stringContaining('less history than the 4d training') }),
    ]);
  });

  it('leaves out series without samples in the panel range and answers none with the no-data frame', async () => {
    const gone: FakeSeries = { labels: { instance: 'gone' }, valueAt: (t) => (t < END - 2 * DAY ? 1 : undefined) };
    const { response } = await run([gone]);
    expect(response.frames).toEqual([expect.objectContaining({ fields: [] })]);
  });

  it('refuses more series than maxSeries before fetching any range, naming the limit', async () => {
    const many = Array.from({ length: 10_000 }, (_, i): FakeSeries => ({ labels: { i: String(i) }, valueAt: () => 1 }));
    const { response, calls } = await run(many, { maxSeries: 2000 });
    expect(response).toMatchObject({ status: 400, error: expect.stringContaining('more than the limit of 2000') });
    expect(response.error).toContain('maxSeries');
    expect(calls).toHaveLength(1);
    expect(calls[0].startMs).toBe(calls[0].endMs);
  });

  it('refuses bad options with a 400 before calling Prometheus', async () => {
    const { response, calls } = await run(series, { req: request({}, { anomaly: { sensitivity: 3 } }) });
    expect(response).toMatchObject({ status: 400, error: expect.stringContaining('anomaly.sensitivity') });
    expect(calls).toEqual([]);
  });

  it('never derives a step below the scrape interval', async () => {
    const req = request(
      { intervalMs: 1000, maxDataPoints: 43_200, timeRange: { from: END - 600_000, to: END } },
      { step: undefined, anomaly: { trainingWindow: '1h' } }
    );
    const { response, calls } = await run([seasonal({ instance: 'a' }, 3)], { req });
    expect(response.error).toBeUndefined();
    expect(new Set(calls.map((c) => c.stepMs))).toEqual(new Set([15_000]));
  });

  it('stops between series when the request is cancelled', async () => {
    const controller = new AbortController();
    controller.abort(Object.assign(new Error('the request deadline was exceeded'), { name: 'TimeoutError' }));
    const { response } = await run(series, { signal: controller.signal });
    expect(response).toMatchObject({ status: 504, error: expect.stringContaining('cancelled') });
  });
});
