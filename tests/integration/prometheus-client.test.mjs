/**
 * The Prometheus client, the `raw` query type and CheckHealth against a real Prometheus holding the fixture's
 * backfilled history (scripts/prometheus), plus the failure modes a real network produces: closed ports,
 * servers that never answer, TLS with a self-signed certificate.
 *
 *   node --test tests/integration/            (with the Node 24 runtime: node scripts/node-runtime.mjs x64)
 *
 * Uses the Prometheus at $PROM_URL when set (with PROM_DATA_END from the same fixture), otherwise starts a
 * fixture of its own and stops it afterwards.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { startPrometheusFixture, stopPrometheusFixture } from '../../scripts/prometheus/fixture.mjs';
import { fixtureTimestamps, fixtureValue } from '../../scripts/prometheus/openmetrics.mjs';
import { loadBackend } from './backend-bundle.mjs';

const backend = await loadBackend(
  'prometheus-client',
  `
  export { createPrometheusClient } from 'backend/prometheus/from-settings';
  export { queryRangeInParts, splitRange } from 'backend/prometheus/split-range';
  export { parseTraceoSettings } from 'backend/settings/parse-settings';
  export { buildQueryMux } from 'backend/query';
  export { checkHealthHandler } from 'backend/health';
  `
);

let fixture;
let ownFixtureDir;
const openClients = [];

before(async () => {
  if (process.env.PROM_URL) {
    assert.ok(process.env.PROM_DATA_END, 'PROM_URL is set: PROM_DATA_END from the same fixture is needed too');
    fixture = { url: process.env.PROM_URL, end: Number(process.env.PROM_DATA_END) };
  } else {
    ownFixtureDir = mkdtempSync(join(tmpdir(), 'traceo-prom-it-'));
    fixture = await startPrometheusFixture({ dir: ownFixtureDir, fresh: true });
  }
});

after(async () => {
  openClients.splice(0).forEach((client) => client.close());
  if (ownFixtureDir) {
    await stopPrometheusFixture({ dir: ownFixtureDir });
  }
});

/** DataSourceInstanceSettings as Grafana would send them. */
function instanceSettings(jsonData = {}, secure = {}) {
  return {
    uid: 'traceo-ml',
    name: 'Traceo ML',
    url: '',
    user: '',
    database: '',
    basicAuthEnabled: false,
    basicAuthUser: '',
    jsonData: { prometheusUrl: fixture.url, ...jsonData },
    decryptedSecureJsonData: secure,
    lastUpdatedMs: 1,
    apiVersion: '',
  };
}

function clientWith(jsonData, secure) {
  const client = backend.createPrometheusClient(backend.parseTraceoSettings(instanceSettings(jsonData, secure)));
  openClients.push(client);
  return client;
}

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected a rejection');
}

const signal = () => new AbortController().signal;
const window = () => ({ end: fixture.end });

describe('range queries against the backfilled history', () => {
  it('returns exactly the samples that were backfilled', async () => {
    const labels = { instance: 'host-2', job: 'node' };
    const startS = fixture.end - 2 * 3600;
    const { series } = await clientWith().queryRange(
      `traceo_test_cpu{instance="host-2"}`,
      startS * 1000,
      fixture.end * 1000,
      60
    );
    assert.equal(series.length, 1);
    assert.deepEqual(series[0].labels, { __name__: 'traceo_test_cpu', ...labels });
    const expectedTimes = fixtureTimestamps(window()).filter((t) => t >= startS);
    assert.deepEqual(
      Array.from(series[0].timestamps),
      expectedTimes.map((t) => t * 1000)
    );
    assert.deepEqual(
      Array.from(series[0].values),
      expectedTimes.map((t) => fixtureValue('traceo_test_cpu', labels, t, window()))
    );
  });

  it('reads 100 series × 1,440 points for the benchmark metric', async () => {
    const { series } = await clientWith().queryRange(
      'traceo_test_bench',
      (fixture.end - 86_400 + 60) * 1000,
      fixture.end * 1000,
      60
    );
    assert.equal(series.length, 100);
    assert.ok(series.every((s) => s.timestamps.length === 1440));
  });

  it('answers a range split into parts exactly as one query, across part boundaries', async () => {
    const client = clientWith();
    const [startMs, endMs, stepMs] = [(fixture.end - 86_400 + 60) * 1000, fixture.end * 1000, 60_000];
    assert.equal(backend.splitRange(startMs, endMs, stepMs).length, 4, 'the day at 60 s should be split');
    // rate() looks back across each boundary, and the series-less gaps of traceo_test_special test the merge.
    for (const expr of ['rate(traceo_test_requests_total[5m])', 'traceo_test_bench', 'traceo_test_special']) {
      const whole = await client.queryRange(expr, startMs, endMs, stepMs / 1000);
      const parts = await backend.queryRangeInParts(
        (from, to) => client.queryRange(expr, from, to, stepMs / 1000),
        startMs,
        endMs,
        stepMs
      );
      assert.ok(whole.series.length > 0, `${expr} matched nothing`);
      assert.deepEqual(
        parts.series.map((s) => [s.labels, Array.from(s.timestamps), Array.from(s.values)]),
        whole.series.map((s) => [s.labels, Array.from(s.timestamps), Array.from(s.values)]),
        expr
      );
    }
  });

  it('keeps NaN and ±Inf samples as such', async () => {
    const startS = fixture.end - 1800;
    const { series } = await clientWith().queryRange('traceo_test_special', startS * 1000, fixture.end * 1000, 60);
    const expected = fixtureTimestamps(window())
      .filter((t) => t >= startS)
      .map((t) => fixtureValue('traceo_test_special', { instance: 'host-1' }, t, window()));
    assert.ok(expected.some(Number.isNaN) && expected.includes(Infinity) && expected.includes(-Infinity));
    assert.deepEqual(Array.from(series[0].values), expected); // deepEqual treats NaN as equal to NaN
  });

  it('answers 400 with Prometheus own message for bad PromQL', async () => {
    const err = await rejection(clientWith().queryRange('sum(rate(x[5m])', 0, 60_000, 15));
    assert.equal(err.status, 400);
    assert.equal(err.errorType, 'bad_data');
    assert.match(err.message, /^Prometheus rejected the query: .*parse error/);
  });

  it('answers 400 when a query would exceed 11,000 points per series', async () => {
    const err = await rejection(
      clientWith().queryRange('traceo_test_spike', (fixture.end - 86_400) * 1000, fixture.end * 1000, 1)
    );
    assert.equal(err.status, 400);
    assert.match(err.message, /exceeded maximum resolution of 11,000 points/);
  });

  it('refuses more series than jsonData.maxSeries', async () => {
    const err = await rejection(
      clientWith({ maxSeries: 50 }).queryRange('traceo_test_bench', (fixture.end - 600) * 1000, fixture.end * 1000, 60)
    );
    assert.equal(err.status, 400);
    assert.match(err.message, /returned 100 series, more than the limit of 50 \(jsonData\.maxSeries\)/);
  });
});

describe('raw query type end to end', () => {
  const pluginContext = () => ({
    orgId: 1,
    pluginId: 'traceo-ml-datasource',
    grafanaConfig: {},
    pluginVersion: '',
    userAgent: '',
    dataSourceInstanceSettings: instanceSettings(),
  });
  const mux = () => backend.buildQueryMux(async () => clientWith()).queryData;
  const query = (refId, json, hours = 1) => ({
    refId,
    queryType: 'raw',
    maxDataPoints: 1000,
    intervalMs: 15_000,
    timeRange: { from: (fixture.end - hours * 3600) * 1000, to: fixture.end * 1000 },
    json,
  });

  it('turns rate() over $__rate_interval into one labelled frame per series', async () => {
    const responses = await mux()(
      {
        pluginContext: pluginContext(),
        headers: {},
        queries: [
          query('A', { expr: 'rate(traceo_test_requests_total[$__rate_interval])', legendFormat: '{{instance}}' }),
        ],
      },
      { signal: signal() }
    );
    const { frames, error } = responses.get('A');
    assert.equal(error, undefined);
    assert.equal(frames.length, 3);
    assert.match(frames[0].meta.executedQueryString, /^Expr: rate\(traceo_test_requests_total\[1m\]\)\nStep: 15s$/);
    const perSecond = { 'host-1': 100 / 60, 'host-2': 110 / 60, 'host-3': 120 / 60 };
    for (const frame of frames) {
      const value = frame.fields[1];
      assert.equal(value.name, 'value');
      assert.equal(value.config.displayNameFromDS, value.labels.instance);
      for (const v of value.values) {
        assert.ok(Math.abs(v - perSecond[value.labels.instance]) < 1e-9, `rate ${v} for ${value.labels.instance}`);
      }
    }
  });

  it('emits null for NaN samples, keeps infinities, and leaves the gap without points', async () => {
    const responses = await mux()(
      {
        pluginContext: pluginContext(),
        headers: { FromAlert: 'true' },
        queries: [
          query('S', { expr: 'traceo_test_special', output: 'alert' }),
          query('G', { expr: 'traceo_test_gap' }, 24),
        ],
      },
      { signal: signal() }
    );
    const special = Array.from(responses.get('S').frames[0].fields[1].values);
    assert.ok(special.includes(null) && special.includes(Infinity) && special.includes(-Infinity));
    assert.ok(!special.some((v) => Number.isNaN(v)));

    const [time] = responses.get('G').frames[0].fields;
    const gapMiddleMs = (fixture.end - 11.5 * 3600) * 1000;
    assert.ok(
      !Array.from(time.values).some((t) => Math.abs(t - gapMiddleMs) < 20 * 60_000),
      'no points inside the gap'
    );
  });

  it('answers the dataplane NoData frame for a selector matching nothing', async () => {
    const responses = await mux()(
      { pluginContext: pluginContext(), headers: {}, queries: [query('N', { expr: 'traceo_test_absent' })] },
      { signal: signal() }
    );
    const { frames } = responses.get('N');
    assert.equal(frames.length, 1);
    assert.deepEqual(frames[0].fields, []);
    assert.equal(frames[0].meta.type, 'timeseries-multi');
  });
});

describe('failures a real network produces', () => {
  it('answers 502 naming the URL when nothing listens there', async () => {
    const port = await closedPort();
    const err = await rejection(
      clientWith({ prometheusUrl: `http://127.0.0.1:${port}` }).queryRange('up', 0, 60_000, 15)
    );
    assert.equal(err.status, 502);
    assert.equal(err.errorSource, 'downstream');
    assert.match(err.message, new RegExp(`Connection refused by http://127\\.0\\.0\\.1:${port}/api/v1/query_range`));
  });

  it('answers 504 when Prometheus accepts the connection but never answers', async () => {
    const silent = net.createServer(() => {}); // accepts, reads nothing, says nothing
    await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${silent.address().port}`;
      const started = Date.now();
      const err = await rejection(
        clientWith({ prometheusUrl: url, timeoutSeconds: 0.3 }).queryRange('up', 0, 60_000, 15)
      );
      assert.equal(err.status, 504);
      assert.match(err.message, /did not answer within 0\.3 s/);
      assert.ok(Date.now() - started < 5000);
    } finally {
      silent.close();
    }
  });
});

describe('CheckHealth', () => {
  const health = (jsonData, secure) =>
    backend.checkHealthHandler(async () => clientWith(jsonData, secure))(
      { pluginContext: {}, headers: {} },
      { signal: signal() }
    );

  it('reports the version of the real Prometheus', async () => {
    const result = await health();
    assert.equal(result.status, 'OK');
    assert.match(result.message, new RegExp(`^Prometheus \\d+\\.\\d+\\.\\d+\\S* reachable at ${fixture.url}$`));
  });

  describe('over TLS with a self-signed certificate', () => {
    let server;
    let url;
    let certDir;
    let cert;

    before(async () => {
      certDir = mkdtempSync(join(tmpdir(), 'traceo-tls-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(certDir, 'key.pem'),
          '-out',
          join(certDir, 'cert.pem'),
        ],
        { stdio: 'ignore' }
      );
      cert = readFileSync(join(certDir, 'cert.pem'), 'utf8');
      server = https.createServer({ key: readFileSync(join(certDir, 'key.pem')), cert }, (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: 'success', data: { version: '9.9.9-tls' } }));
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `https://127.0.0.1:${server.address().port}`;
    });

    after(() => {
      server.closeAllConnections();
      server.close();
      rmSync(certDir, { recursive: true, force: true });
    });

    it('explains the TLS failure and both fixes', async () => {
      const result = await health({ prometheusUrl: url });
      assert.equal(result.status, 'ERROR');
      assert.match(
        result.message,
        /TLS handshake with .* failed \(DEPTH_ZERO_SELF_SIGNED_CERT\).*CA certificate.*tlsSkipVerify/
      );
    });

    it('trusts the server with its CA certificate configured', async () => {
      const result = await health({ prometheusUrl: url, tlsWithCACert: true }, { tlsCACert: cert });
      assert.equal(result.status, 'OK', result.message);
      assert.match(result.message, /Prometheus 9\.9\.9-tls/);
    });

    it('accepts the server with tlsSkipVerify', async () => {
      const result = await health({ prometheusUrl: url, tlsSkipVerify: true });
      assert.equal(result.status, 'OK', result.message);
    });
  });
});

async function closedPort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
