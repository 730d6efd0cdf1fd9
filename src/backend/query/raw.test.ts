import type { DataQuery, QueryDataRequest } from 'backend/grafana/data';
import type { PluginContext } from 'backend/grafana/plugin-context';
import { PrometheusClient } from 'backend/prometheus/client';
import type { HttpTransport, TransportRequest } from 'backend/prometheus/http-transport';
import { FRAME_TYPE } from 'contract/frames';
import { buildQueryMux } from './index';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 30);
const HOUR = 3_600_000;

/** Answers every request with one canned Prometheus body and remembers the form that was sent. */
function fakePrometheus(status: number, body: unknown) {
  const sent: URLSearchParams[] = [];
  const transport: HttpTransport = {
    async send(request: TransportRequest) {
      sent.push(new URLSearchParams(request.body));
      return { status, contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) };
    },
    close() {},
  };
  const client = new PrometheusClient(
    {
      url: new URL('http://prometheus:9090'),
      auth: { method: 'none' },
      customHeaders: [],
      tls: { skipVerify: false },
      timeoutMs: 1000,
      maxSeries: 100,
    },
    transport
  );
  return { sent, mux: buildQueryMux(async () => client) };
}

const matrix = (result: unknown[], extra: object = {}) => ({
  status: 'success',
  data: { resultType: 'matrix', result },
  ...extra,
});

function request(...queries: Array<Partial<DataQuery>>): QueryDataRequest {
  return {
    pluginContext: { orgId: 1, grafanaConfig: {} } as PluginContext,
    headers: {},
    queries: queries.map((q, i) => ({
      refId: String.fromCharCode(65 + i),
      queryType: 'raw',
      maxDataPoints: 60,
      intervalMs: 15_000,
      timeRange: { from: NOW - HOUR, to: NOW },
      json: { expr: 'up' },
      ...q,
    })),
  };
}

const ctx = () => ({ signal: new AbortController().signal });

describe('raw query type', () => {
  it('runs the PromQL with an aligned step and macros replaced, one frame per series', async () => {
    const { sent, mux } = fakePrometheus(
      200,
      matrix(
        [
          {
            metric: { __name__: 'up', job: 'a' },
            values: [
              [NOW / 1000 - 60, '1'],
              [NOW / 1000, 'NaN'],
            ],
          },
          { metric: { __name__: 'up', job: 'b' }, values: [[NOW / 1000, '0']] },
        ],
        { warnings: ['be careful'] }
      )
    );
    const responses = await mux.queryData(
      request({ json: { expr: 'rate(x[$__rate_interval]) / $__interval_ms', legendFormat: '{{job}}' } }),
      ctx()
    );

    const form = Object.fromEntries(sent[0]);
    expect(form.query).toBe('rate(x[1m15s]) / 60000');
    expect(form.step).toBe('60');
    expect(Number(form.start) % 60).toBe(0);
    expect(Number(form.end)).toBe(Math.floor(NOW / 60_000) * 60);

    const response = responses.get('A')!;
    expect(response.error).toBeUndefined();
    expect(response.frames).toHaveLength(2);
    const [first] = response.frames;
    expect(first.refId).toBe('A');
    expect(first.meta).toMatchObject({
      type: FRAME_TYPE.timeseriesMulti,
      typeVersion: [0, 1],
      executedQueryString: 'Expr: rate(x[1m15s]) / 60000\nStep: 1m',
      notices: [{ severity: 'warning', text: 'be careful' }],
    });
    expect(first.fields[1]).toMatchObject({ labels: { __name__: 'up', job: 'a' }, config: { displayNameFromDS: 'a' } });
    expect(Array.from<unknown>(first.fields[1].values)).toEqual([1, null]);
  });

  it('answers NoData as a typed frame without fields', async () => {
    const { mux } = fakePrometheus(200, matrix([]));
    const response = (await mux.queryData(request({}), ctx())).get('A')!;
    expect(response.frames).toEqual([
      expect.objectContaining({ fields: [], meta: expect.objectContaining({ type: FRAME_TYPE.timeseriesMulti }) }),
    ]);
  });

  it('gives alert output the same numeric frames', async () => {
    const body = matrix([{ metric: { job: 'a' }, values: [[NOW / 1000, '1']] }]);
    const panel = (await fakePrometheus(200, body).mux.queryData(request({}), ctx())).get('A')!;
    const alert = (
      await fakePrometheus(200, body).mux.queryData(request({ json: { expr: 'up', output: 'alert' } }), ctx())
    ).get('A')!;
    expect(alert.frames).toEqual(panel.frames);
  });

  it('reports bad PromQL as a 400 for that refId only, explaining leftover dashboard variables', async () => {
    const { mux } = fakePrometheus(400, {
      status: 'error',
      errorType: 'bad_data',
      error: "parse error: unexpected character: '$'",
    });
    const responses = await mux.queryData(request({ json: { expr: 'up{job="$job"}' } }), ctx());
    const response = responses.get('A')!;
    expect(response.status).toBe(400);
    expect(response.error).toContain("parse error: unexpected character: '$'");
    expect(response.error).toContain('still contains $job');
  });

  it('refuses a query without expression and an explicit step Prometheus would refuse', async () => {
    const { sent, mux } = fakePrometheus(200, matrix([]));
    const responses = await mux.queryData(
      request({ json: {} }, { json: { expr: 'up', step: '100ms' } }, { json: { expr: 'up' } }),
      ctx()
    );
    expect(responses.get('A')).toMatchObject({ status: 400, error: expect.stringContaining('no PromQL expression') });
    expect(responses.get('B')).toMatchObject({ status: 400, error: expect.stringContaining('at most 11000') });
    expect(responses.get('C')?.error).toBeUndefined();
    expect(sent).toHaveLength(1);
  });

  it('routes queries without a type to raw and refuses types that are not registered', async () => {
    const { mux } = fakePrometheus(200, matrix([]));
    const responses = await mux.queryData(request({ queryType: '' }, { queryType: 'drift' }), ctx());
    expect(responses.get('A')?.error).toBeUndefined();
    expect(responses.get('B')).toMatchObject({
      status: 400,
      error: expect.stringContaining('unknown query type "drift"'),
    });
  });
});
