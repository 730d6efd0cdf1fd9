/**
 * The `autoencoder` detector through the anomaly handler: real TensorFlow.js (wasm from the npm package), a fake
 * Prometheus (history/testing/fake-prometheus.ts), and for the load failure an injected loader that rejects — tfjs
 * itself cannot be made to fail on demand.
 */
import type { DataResponse, QueryDataRequest } from 'backend/grafana/data';
import { QueryTypeMux } from 'backend/grafana/query-type-mux';
import { MAX_AUTOENCODER_SERIES } from 'contract/query';
import { AnomalyEnsemble } from 'ml/ensemble/anomaly-ensemble';
import { gaussian, mulberry32 } from 'ml/stats';
import type { TensorflowRuntime } from 'ml/tf/tf-backend';

import { anomalyQueryHandler, type AnomalyHandlerDependencies } from './anomaly';
import { approximateBytes } from './anomaly/approximate-bytes';
import { anomalyRequest } from './anomaly/testing/anomaly-request';
import { type FakeSeries, fakePrometheus } from './history/testing/fake-prometheus';
import { loadTensorflowRuntime } from './tensorflow-runtime';

// Every fit trains a network with tfjs (a few hundred ms each when the test workers share a busy machine).
jest.setTimeout(30_000);

const STEP = 30 * 60_000;
const DAY = 48 * STEP;
const END = 1_768_483_800_000;

/** Daily seasonal series with noise and a faster cycle the daily profile does not carry. */
function seasonal(labels: Record<string, string>, seed: number): FakeSeries {
  return {
    labels,
    valueAt: (t) => {
      const i = t / STEP;
      const noise = gaussian(mulberry32(seed * 1_000_003 + i));
      return 100 + 20 * Math.sin((2 * Math.PI * i) / 48) + 3 * Math.sin((2 * Math.PI * i) / 7) + noise;
    },
  };
}

function request(detectors: object, from = END - DAY + STEP, to = END): QueryDataRequest {
  return anomalyRequest({
    timeRange: { from, to },
    json: { expr: 'metric', step: '30m', anomaly: { trainingWindow: '4d', seasonality: ['1d'], detectors } },
  });
}

async function run(series: FakeSeries[], req: QueryDataRequest, dependencies: AnomalyHandlerDependencies = {}) {
  const prometheus = fakePrometheus(series);
  const handler = anomalyQueryHandler(async () => prometheus.client, { ...UNHURRIED, ...dependencies });
  const mux = new QueryTypeMux().handle('anomaly', handler);
  const response = (await mux.queryData(req, { signal: new AbortController().signal })).get('A') as DataResponse;
  return { response, calls: prometheus.calls };
}

const series = [seasonal({ instance: 'a' }, 1), seasonal({ instance: 'b' }, 2)];
/**
 * Fits end at their step count, never at the clock: a busy test machine cutting one fit short but not another
 * would make a warm model and a cold run differ for a reason that is not the handler's.
 */
const UNHURRIED: AnomalyHandlerDependencies = { now: () => END + DAY, autoencoderBudgetMs: Infinity };
const ON = { autoencoder: true };

describe('anomaly queries with the autoencoder', () => {
  it('answers, and a refresh from cached models gives exactly what a cold run does', async () => {
    const handler = anomalyQueryHandler(async () => fakePrometheus(series).client, UNHURRIED);
    const mux = new QueryTypeMux().handle('anomaly', handler);
    const ask = async (req: QueryDataRequest) =>
      (await mux.queryData(req, { signal: new AbortController().signal })).get('A') as DataResponse;
    const first = await ask(request(ON));
    expect(first.error).toBeUndefined();
    expect(first.frames[0].meta?.notices ?? []).toEqual([]);
    const moved = request(ON, END - DAY + 3 * STEP, END + 2 * STEP);
    const warm = await ask(moved);
    const cold = (await run(series, moved)).response;
    expect(warm.frames).toEqual(cold.frames);
    // The detector takes part: its scores are not those of the same query without it.
    const without = (await run(series, request({}))).response;
    expect(first.frames[0]).not.toEqual(without.frames[0]);
  });

  it('answers with the other detectors and a warning when TensorFlow.js cannot load', async () => {
    const failing = () => Promise.reject(new Error('no wasm today'));
    const { response } = await run(series, request(ON), { loadTensorflow: failing });
    expect(response.error).toBeUndefined();
    expect(response.frames[0].meta?.notices).toEqual([
      expect.objectContaining({ severity: 'warning', text: expect.stringContaining('no wasm today') }),
    ]);
    const without = (await run(series, request({}))).response;
    expect(response.frames.map((f) => f.fields)).toEqual(without.frames.map((f) => f.fields));
  });

  it('refuses more series than it may train for, naming the limit', async () => {
    const many = Array.from({ length: MAX_AUTOENCODER_SERIES + 1 }, (_, k) => seasonal({ instance: `i${k}` }, k));
    const { response } = await run(many, request(ON));
    expect(response.status).toBe(400);
    expect(response.error).toContain(`limited to ${MAX_AUTOENCODER_SERIES} series`);
  });

  it('keeps a cached model small: the process-wide tfjs is not counted as part of it', async () => {
    const runtime: TensorflowRuntime = await loadTensorflowRuntime();
    const values = Float64Array.from({ length: 4 * 48 }, (_, i) => seasonal({}, 3).valueAt(i * STEP)!);
    const ensemble = new AnomalyEnsemble({ detectors: ON, autoencoder: { runtime } }).fit(values, STEP / 1000);
    expect(approximateBytes(ensemble)).toBeLessThan(100_000);
  });
});
