/**
 * An in-memory Prometheus for unit tests of the anomaly query type: it answers query_range from series
 * defined as functions of time, exactly on the requested grid, and records every request. The real server is
 * what the conformance suite and the integration tests use.
 */
import { PrometheusClient } from 'backend/prometheus/client';
import type { HttpTransport, TransportRequest } from 'backend/prometheus/http-transport';
import type { Labels } from 'backend/prometheus/samples';

export interface FakeSeries {
  labels: Labels;
  /** The sample at an evaluation time (epoch ms), or undefined for none. */
  valueAt: (timeMs: number) => number | undefined;
}

export interface RangeCall {
  query: string;
  startMs: number;
  endMs: number;
  stepMs: number;
}

export function fakePrometheus(series: FakeSeries[], maxSeries = 100) {
  const calls: RangeCall[] = [];
  const transport: HttpTransport = {
    async send(request: TransportRequest) {
      const form = new URLSearchParams(request.body);
      const call = {
        query: form.get('query') ?? '',
        startMs: Math.round(Number(form.get('start')) * 1000),
        endMs: Math.round(Number(form.get('end')) * 1000),
        stepMs: Math.round(Number(form.get('step')) * 1000),
      };
      calls.push(call);
      const result = series.map((s) => ({ metric: s.labels, values: samples(s, call) }));
      const body = { status: 'success', data: { resultType: 'matrix', result } };
      return { status: 200, contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) };
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
      maxSeries,
    },
    transport
  );
  return { client, calls };
}

function samples(s: FakeSeries, call: RangeCall): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  for (let t = call.startMs; t <= call.endMs; t += call.stepMs) {
    const v = s.valueAt(t);
    if (v !== undefined) {
      out.push([t / 1000, Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v)]);
    }
  }
  return out;
}
