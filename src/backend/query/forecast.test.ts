import type { DataQuery, QueryDataRequest } from 'backend/grafana/data';
import type { Field, Frame } from 'backend/grafana/frame';
import type { PluginContext } from 'backend/grafana/plugin-context';
import { MAX_POINTS_PER_SERIES } from 'backend/prometheus/step';
import { FIELD, FRAME_TYPE } from 'contract/frames';
import { type ForecastQueryOptions, MAX_LSTM_SERIES, type OutputMode } from 'contract/query';

import { forecastQueryHandler } from './forecast';
import { fakePrometheus, type FakeSeries } from './history/testing/fake-prometheus';
import { buildQueryMux } from './index';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The end of every panel range here: a whole day, so that steps up to a day align on it. */
const TO = Date.UTC(2026, 0, 15);

/** Disk usage growing 5% a day from 0.5 with a small daily wave: reaches 0.9 at TO + 8h (see crossingMs). */
const disk: FakeSeries = {
  labels: { __name__: 'disk_used_ratio', mount: '/data' },
  valueAt: (t) => diskRatio(t),
};
function diskRatio(t: number): number {
  return 0.8 + (0.3 * (t - TO)) / DAY + 0.004 * Math.sin((2 * Math.PI * t) / DAY);
}
/** A flat series with a little deterministic noise. */
const steady: FakeSeries = {
  labels: { __name__: 'disk_used_ratio', mount: '/var' },
  valueAt: (t) => 0.3 + 0.005 * Math.sin(t / 7_000_000),
};

function request(): QueryDataRequest {
  const pluginContext: PluginContext = {
    orgId: 1,
    pluginId: 'traceo-ml-datasource',
    grafanaConfig: {},
    pluginVersion: '1.0.0',
    userAgent: 'test',
  };
  return { pluginContext, headers: {}, queries: [] };
}

function query(
  forecast: ForecastQueryOptions,
  output: OutputMode = 'panel',
  range: { from: number; to: number } = { from: TO - 6 * HOUR, to: TO }
): DataQuery {
  return {
    refId: 'A',
    queryType: 'forecast',
    maxDataPoints: 1000,
    intervalMs: 15_000,
    timeRange: range,
    json: { refId: 'A', queryType: 'forecast', expr: 'disk_used_ratio', output, forecast },
  };
}

async function run(series: FakeSeries[], q: DataQuery, options: { now?: number; signal?: AbortSignal } = {}) {
  const prometheus = fakePrometheus(series);
  const handler = forecastQueryHandler(
    async () => prometheus.client,
    () => options.now ?? TO + MINUTE
  );
  const response = await handler(q, request(), { signal: options.signal ?? new AbortController().signal });
  return { frames: response.frames, requests: prometheus.calls };
}

function field(frame: Frame, name: string): Field {
  const found = frame.fields.find((f) => f.name === name);
  if (!found) {
    throw new Error(`no field ${name} in ${frame.fields.map((f) => f.name).join(', ')}`);
  }
  return found;
}

function numbers(f: Field): Array<number | null> {
  return Array.from(f.values as ArrayLike<number | null>, (v) => (v === null || Number.isNaN(v) ? null : v));
}

describe('forecast query handler, panel output', () => {
  it('returns history, then forecast and band beyond the range end, one frame per series', async () => {
    const { frames } = await run([disk, steady], query({ horizon: '12h', trainingWindow: '2d' }));
    expect(frames).toHaveLength(2);
    for (const frame of frames) {
      expect(frame.meta?.type).toBe(FRAME_TYPE.timeseriesMulti);
      expect(frame.meta?.typeVersion).toEqual([0, 1]);
      expect(frame.fields.map((f) => f.name)).toEqual([
        FIELD.time,
        FIELD.value,
        FIELD.forecast,
        FIELD.lower,
        FIELD.upper,
      ]);
      const times = Array.from(field(frame, FIELD.time).values as ArrayLike<number>);
      for (let i = 1; i < times.length; i++) {
        expect(times[i]).toBeGreaterThan(times[i - 1]);
      }
      expect(times[0]).toBeLessThanOrEqual(TO - 6 * HOUR);
      expect(times[times.length - 1]).toBeGreaterThanOrEqual(TO + 12 * HOUR);
      const value = numbers(field(frame, FIELD.value));
      const forecast = numbers(field(frame, FIELD.forecast));
      const lower = numbers(field(frame, FIELD.lower));
      const upper = numbers(field(frame, FIELD.upper));
      const history = times.filter((t) => t <= TO).length;
      times.forEach((t, i) => {
        if (i >= history) {
          expect(t).toBeGreaterThan(TO);
          expect(value[i]).toBeNull();
          expect(lower[i]!).toBeLessThanOrEqual(forecast[i]!);
          expect(forecast[i]!).toBeLessThanOrEqual(upper[i]!);
        } else if (i < history - 1) {
          expect([forecast[i], lower[i], upper[i]]).toEqual([null, null, null]);
        }
      });
      const future = times.length - history;
      expect(future).toBeGreaterThan(0);
      // The dashed line starts at the last observation.
      expect(forecast[history - 1]).toBe(value[history - 1]);
      for (const f of frame.fields.slice(1)) {
        expect(f.labels).toEqual(frames.indexOf(frame) === 0 ? disk.labels : steady.labels);
      }
      expect(field(frame, FIELD.upper).config?.custom?.fillBelowTo).toBe(
        field(frame, FIELD.lower).config?.displayNameFromDS
      );
    }
    expect(frames[0].meta?.executedQueryString).toContain('Horizon: 12h');
  });

  it('adds the crossing probability as a field and a notice when a threshold is set', async () => {
    const { frames } = await run([disk], query({ horizon: '24h', trainingWindow: '2d', threshold: 0.9 }));
    const probability = numbers(field(frames[0], FIELD.failureProbability)).filter((p): p is number => p !== null);
    expect(probability.length).toBeGreaterThan(0);
    for (let i = 1; i < probability.length; i++) {
      expect(probability[i]).toBeGreaterThanOrEqual(probability[i - 1]);
    }
    expect(probability[0]).toBeGreaterThanOrEqual(0);
    expect(probability[probability.length - 1]).toBeGreaterThan(0.9);
    expect(probability[probability.length - 1]).toBeLessThanOrEqual(1);
    const notices = frames[0].meta?.notices?.map((n) => n.text).join('\n');
    expect(notices).toMatch(/P\(above 0\.9 within 1d\) = \d+%, most likely in/);
    expect(field(frames[0], FIELD.forecast).config?.thresholds).toEqual({
      mode: 'absolute',
      steps: [
        { value: null, color: 'green' },
        { value: 0.9, color: 'red' },
      ],
    });
  });

  it('answers an empty result with the dataplane no-data frame', async () => {
    const { frames } = await run([], query({}));
    expect(frames).toHaveLength(1);
    expect(frames[0].fields).toEqual([]);
    expect(frames[0].meta?.type).toBe(FRAME_TYPE.timeseriesMulti);
  });

  it('ends history at now when the range reaches into the future, and forecasts a horizon past now', async () => {
    const now = TO - 3 * HOUR;
    const { frames, requests } = await run([disk], query({ horizon: '6h', trainingWindow: '1d' }), { now });
    expect(Math.max(...requests.map((r) => r.endMs))).toBeLessThanOrEqual(now);
    const times = Array.from(field(frames[0], FIELD.time).values as ArrayLike<number>);
    expect(times[times.length - 1]).toBeGreaterThanOrEqual(now + 6 * HOUR);
    const value = numbers(field(frames[0], FIELD.value));
    expect(times.filter((t, i) => t > now && value[i] !== null)).toEqual([]);
  });

  it('shows a long panel range at the panel step, within the point limit of every Prometheus request', async () => {
    const range = { from: TO - 30 * DAY, to: TO };
    const q = query({ horizon: '1d', trainingWindow: '1d' }, 'panel', range);
    (q.json as { step?: string }).step = '4m';
    const { frames, requests } = await run([steady], q);
    for (const r of requests) {
      expect(r.stepMs).toBe(4 * MINUTE);
      expect((r.endMs - r.startMs) / r.stepMs + 1).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    }
    const times = Array.from(field(frames[0], FIELD.time).values as ArrayLike<number>);
    const value = numbers(field(frames[0], FIELD.value));
    expect(times[0]).toBe(range.from);
    expect(value.filter((v) => v !== null)).toHaveLength(30 * 360 + 1);
  });
});

describe('forecast query handler, alert output', () => {
  it('returns failure_probability at the evaluation time, one labelled series per source series', async () => {
    const { frames } = await run(
      [disk, steady],
      query({ horizon: '24h', trainingWindow: '2d', threshold: 0.9 }, 'alert')
    );
    expect(frames).toHaveLength(2);
    const [growing, flat] = frames;
    for (const frame of frames) {
      expect(frame.fields.map((f) => f.name)).toEqual([FIELD.time, FIELD.failureProbability]);
      expect(Array.from(field(frame, FIELD.time).values as ArrayLike<number>)).toEqual([TO]);
    }
    expect(field(growing, FIELD.failureProbability).labels).toEqual(disk.labels);
    expect(numbers(field(growing, FIELD.failureProbability))[0]).toBeGreaterThan(0.9);
    expect(numbers(field(flat, FIELD.failureProbability))[0]).toBeLessThan(0.01);
  });

  it('estimates the time to threshold of a linear trend close to the truth, null when it never gets there', async () => {
    const { frames } = await run(
      [disk, steady],
      query({ horizon: '24h', trainingWindow: '2d', threshold: 0.9, alertValue: 'time_to_threshold_seconds' }, 'alert')
    );
    expect(frames[0].fields.map((f) => f.name)).toEqual([FIELD.time, FIELD.timeToThreshold]);
    const truth = (crossingMs(diskRatio, 0.9, TO) - TO) / 1000;
    const estimate = numbers(field(frames[0], FIELD.timeToThreshold))[0]!;
    expect(Math.abs(estimate - truth)).toBeLessThan(0.2 * truth);
    expect(numbers(field(frames[1], FIELD.timeToThreshold))[0]).toBeNull();
  });

  it('says p = 1 and time 0 for a threshold already crossed, and questions the direction when all history is across', async () => {
    const crossed = await run(
      [disk],
      query({ horizon: '6h', trainingWindow: '1d', threshold: 0.7, alertValue: 'time_to_threshold_seconds' }, 'alert')
    );
    expect(numbers(field(crossed.frames[0], FIELD.timeToThreshold))[0]).toBe(0);
    const probability = await run([disk], query({ horizon: '6h', trainingWindow: '1d', threshold: 0.7 }, 'alert'));
    expect(numbers(field(probability.frames[0], FIELD.failureProbability))[0]).toBe(1);

    const wrongWay = await run(
      [steady],
      query({ horizon: '6h', trainingWindow: '1d', threshold: 0.5, direction: 'below' }, 'alert')
    );
    expect(numbers(field(wrongWay.frames[0], FIELD.failureProbability))[0]).toBe(1);
    expect(wrongWay.frames[0].meta?.notices?.map((n) => n.text).join('\n')).toMatch(
      /is the direction the right way round/
    );
  });

  it('returns the forecast curve when no threshold is set', async () => {
    const { frames } = await run([disk], query({ horizon: '6h', trainingWindow: '1d' }, 'alert'));
    expect(frames[0].fields.map((f) => f.name)).toEqual([FIELD.time, FIELD.forecast]);
    const times = Array.from(field(frames[0], FIELD.time).values as ArrayLike<number>);
    expect(times[0]).toBeGreaterThan(TO - HOUR);
    expect(times[times.length - 1]).toBeGreaterThanOrEqual(TO + 6 * HOUR);
  });

  it('gives null, not NaN, to a series without enough history', async () => {
    const young: FakeSeries = { labels: { mount: '/new' }, valueAt: (t) => (t >= TO - MINUTE ? 0.5 : undefined) };
    const { frames } = await run([young], query({ horizon: '1h', trainingWindow: '1d', threshold: 0.9 }, 'alert'));
    expect(numbers(field(frames[0], FIELD.failureProbability))).toEqual([null]);
  });
});

describe('forecast query handler, limits and errors', () => {
  it('refuses more series than maxSeries with a 400 naming the limit', async () => {
    const many = Array.from({ length: 4 }, (_, i): FakeSeries => ({ labels: { i: String(i) }, valueAt: () => 1 }));
    const prometheus = fakePrometheus(many, 3);
    const mux = buildQueryMux(async () => prometheus.client);
    const responses = await mux.queryData(
      { ...request(), queries: [query({})] },
      { signal: new AbortController().signal }
    );
    expect(responses.get('A')).toMatchObject({ status: 400, error: expect.stringContaining('limit of 3') });
    // Refused on the one-point probe, before the history was fetched.
    expect(prometheus.calls).toHaveLength(1);
    expect(prometheus.calls[0].startMs).toBe(prometheus.calls[0].endMs);
  });

  it('answers invalid options with a 400 through the mux', async () => {
    const mux = buildQueryMux(async () => fakePrometheus([]).client);
    const responses = await mux.queryData(
      { ...request(), queries: [query({ horizon: '30d', trainingWindow: '7d' })] },
      { signal: new AbortController().signal }
    );
    expect(responses.get('A')).toMatchObject({ status: 400, error: expect.stringContaining('training window') });
  });

  it('stops between series when the request is cancelled', async () => {
    const controller = new AbortController();
    const series = Array.from({ length: 5 }, (_, i): FakeSeries => ({
      labels: { i: String(i) },
      valueAt: disk.valueAt,
    }));
    const pending = run(series, query({ horizon: '6h', trainingWindow: '1d' }), { signal: controller.signal });
    controller.abort(new Error('cancelled by Grafana'));
    await expect(pending).rejects.toThrow('cancelled by Grafana');
  });
});

describe('forecast query handler, the opt-in LSTM', () => {
  it('forecasts with the LSTM alone when the query names it, with an ordered band beyond the range end', async () => {
    const { frames } = await run([disk], query({ horizon: '6h', trainingWindow: '2d', models: ['lstm'] }));
    expect(frames).toHaveLength(1);
    const [frame] = frames;
    expect(frame.meta?.executedQueryString).toContain('Models: lstm');
    // The wasm binaries are found in the npm package here: no fallback notice.
    expect(frame.meta?.notices ?? []).not.toContainEqual(
      expect.objectContaining({ text: expect.stringContaining('cpu') })
    );
    const times = Array.from(field(frame, FIELD.time).values as ArrayLike<number>);
    const forecast = numbers(field(frame, FIELD.forecast));
    const lower = numbers(field(frame, FIELD.lower));
    const upper = numbers(field(frame, FIELD.upper));
    const future = times.map((t, i) => [t, i] as const).filter(([t]) => t > TO);
    expect(future.length).toBeGreaterThan(0);
    expect(times[times.length - 1]).toBeGreaterThanOrEqual(TO + 6 * HOUR);
    for (const [, i] of future) {
      expect(lower[i]!).toBeLessThanOrEqual(forecast[i]!);
      expect(forecast[i]!).toBeLessThanOrEqual(upper[i]!);
    }
    // The series rises 30% a day: the LSTM's forecast 6 h out must follow it, not stay at the last value.
    const last = future[future.length - 1][1];
    expect(forecast[last]!).toBeGreaterThan(diskRatio(TO) + 0.02);
  });

  it('keeps auto to the core families', async () => {
    const { frames } = await run([steady], query({ horizon: '6h', trainingWindow: '1d' }));
    expect(frames[0].meta?.executedQueryString).toContain('Models: auto');
  });

  it(`refuses more than ${MAX_LSTM_SERIES} series with the LSTM with a 400 naming the limit`, async () => {
    const many = Array.from({ length: MAX_LSTM_SERIES + 1 }, (_, i): FakeSeries => ({
      labels: { i: String(i) },
      valueAt: () => 1,
    }));
    const prometheus = fakePrometheus(many, 1000);
    const mux = buildQueryMux(async () => prometheus.client);
    const responses = await mux.queryData(
      { ...request(), queries: [query({ models: ['theta', 'lstm'] })] },
      { signal: new AbortController().signal }
    );
    expect(responses.get('A')).toMatchObject({
      status: 400,
      error: expect.stringContaining(`limited to ${MAX_LSTM_SERIES} series`),
    });
    expect(prometheus.calls).toHaveLength(1);
  });
});

/** First time after `fromMs` (to the second) where `f` reaches `threshold`. */
function crossingMs(f: (t: number) => number, threshold: number, fromMs: number): number {
  let t = fromMs;
  while (f(t) < threshold) {
    t += 1000;
  }
  return t;
}
