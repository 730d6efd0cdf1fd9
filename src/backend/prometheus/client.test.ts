import net from 'node:net';
import zlib from 'node:zlib';
import { BadRequestError, DownstreamError } from 'backend/grafana/errors';
import { PrometheusClient, type PrometheusClientConfig } from './client';
import { PrometheusQueryError, PrometheusUnavailableError, TooMuchDataError } from './errors';
import { json, startTestServer, type TestServer } from './test-server';

let server: TestServer;
const clients: PrometheusClient[] = [];

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await server.close();
});

function client(overrides: Partial<PrometheusClientConfig> = {}): PrometheusClient {
  const c = new PrometheusClient({
    url: new URL(`${server.url}/prom/`),
    auth: { method: 'none' },
    customHeaders: [],
    tls: { skipVerify: false },
    timeoutMs: 2000,
    maxSeries: 10,
    ...overrides,
  });
  clients.push(c);
  return c;
}

const matrix = (result: unknown[], extra: Record<string, unknown> = {}) =>
  json(200, { status: 'success', data: { resultType: 'matrix', result }, ...extra });

describe('PrometheusClient.queryRange', () => {
  it('POSTs the form under the URL path prefix and parses the matrix', async () => {
    server.respond(
      matrix(
        [
          {
            metric: { __name__: 'up', job: 'a' },
            values: [
              [1700000000, '1'],
              [1700000060, '0'],
            ],
          },
        ],
        {
          warnings: ['PromQL info: metric might not be a counter'],
        }
      )
    );
    const result = await client().queryRange('up{job="a"}', 1700000000000, 1700000060500, 60);

    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/prom/api/v1/query_range');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(req.form)).toEqual({
      query: 'up{job="a"}',
      start: '1700000000',
      end: '1700000060.5',
      step: '60',
    });
    expect(result.series).toHaveLength(1);
    expect(Array.from(result.series[0].values)).toEqual([1, 0]);
    expect(result.warnings).toEqual(['PromQL info: metric might not be a counter']);
    expect(result.infos).toEqual([]);
  });

  it('sends basic auth and custom headers, a custom header replacing ours case-insensitively', async () => {
    server.respond(matrix([]));
    await client({
      auth: { method: 'basic', user: 'alice', password: 's3cret' },
      customHeaders: [
        { name: 'X-Scope-OrgID', value: 'tenant-1' },
        { name: 'user-agent', value: 'custom-agent' },
      ],
    }).queryRange('up', 0, 1000, 1);
    const { headers } = server.requests[0];
    expect(headers.authorization).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    expect(headers['x-scope-orgid']).toBe('tenant-1');
    expect(headers['user-agent']).toBe('custom-agent');
  });

  it('sends a bearer token', async () => {
    server.respond(matrix([]));
    await client({ auth: { method: 'bearer', token: 'tok' } }).queryRange('up', 0, 1000, 1);
    expect(server.requests[0].headers.authorization).toBe('Bearer tok');
  });

  it('does not ask for compression, yet decodes a gzip answer from a compressing proxy', async () => {
    const body = JSON.stringify({
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: {}, values: [[1, '2']] }] },
    });
    server.respond((req, res) => {
      expect(req.headers['accept-encoding']).toBeUndefined();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }).end(zlib.gzipSync(body));
    });
    const { series } = await client().queryRange('x', 0, 1000, 1);
    expect(series[0].values[0]).toBe(2);
  });

  it('turns bad PromQL into a 400 carrying Prometheus own message', async () => {
    const message = 'invalid parameter "query": 1:4: parse error: unexpected end of input';
    server.respond(json(400, { status: 'error', errorType: 'bad_data', error: message }));
    const err = await client()
      .queryRange('up{', 0, 1000, 1)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusQueryError);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({
      status: 400,
      errorSource: 'plugin',
      errorType: 'bad_data',
      prometheusMessage: message,
    });
    expect((err as Error).message).toContain(message);
  });

  it.each([
    [401, {}, 'unauthorized', /401 Unauthorized: check the credentials/],
    [403, {}, 'unauthorized', /403 Forbidden/],
    [404, {}, 'not-found', /No Prometheus API at http:\/\/127\.0\.0\.1:\d+\/prom\/api\/v1\/query_range/],
    [
      503,
      { status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' },
      'timeout',
      /timed out/,
    ],
    [
      422,
      { status: 'error', errorType: 'execution', error: 'many-to-many matching not allowed' },
      'server',
      /many-to-many/,
    ],
    [500, { status: 'error', errorType: 'internal', error: 'boom' }, 'server', /answered 500: boom/],
  ])('maps HTTP %d to a downstream error (%j)', async (status, body, failure, message) => {
    server.respond(json(status, body));
    const err = await client()
      .queryRange('up', 0, 1000, 1)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusUnavailableError);
    expect(err).toBeInstanceOf(DownstreamError);
    expect(err).toMatchObject({ failure, errorSource: 'downstream' });
    expect((err as Error).message).toMatch(message);
    expect((err as DownstreamError).status).toBe(status === 503 ? 504 : status);
  });

  it('reports a non-JSON error page with a snippet of it', async () => {
    server.respond((_req, res) =>
      res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>Bad   gateway</html>')
    );
    await expect(client().queryRange('up', 0, 1000, 1)).rejects.toThrow(/answered 502: <html>Bad gateway<\/html>/);
  });

  it('refuses more series than maxSeries naming the setting', async () => {
    server.respond(matrix(Array.from({ length: 11 }, (_, i) => ({ metric: { i: String(i) }, values: [] }))));
    const err = await client({ maxSeries: 10 })
      .queryRange('up', 0, 1000, 1)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooMuchDataError);
    expect((err as Error).message).toMatch(/returned 11 series, more than the limit of 10 \(jsonData\.maxSeries\)/);
  });

  it('refuses an enormous body naming the size limit', async () => {
    server.respond(matrix([{ metric: { pad: 'x'.repeat(5000) }, values: [] }]));
    const err = await client({ maxResponseBytes: 4096 })
      .queryRange('up', 0, 1000, 1)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooMuchDataError);
    expect((err as Error).message).toContain('larger than the 4 KiB limit');
  });

  it('times out with a 504 naming the URL and the setting', async () => {
    server.respond(() => undefined); // never answers
    const err = await client({ timeoutMs: 50 })
      .queryRange('up', 0, 1000, 1)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'timeout', status: 504 });
    expect((err as Error).message).toMatch(
      /127\.0\.0\.1:\d+\/prom\/api\/v1\/query_range did not answer within 0\.05 s/
    );
  });

  it('stops when the caller cancels', async () => {
    server.respond(() => undefined);
    const controller = new AbortController();
    const pending = client().queryRange('up', 0, 1000, 1, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ failure: 'cancelled' });
  });

  it('answers 502 naming the URL when nothing listens on the port', async () => {
    const port = await closedPort();
    const c = client({ url: new URL(`http://127.0.0.1:${port}`) });
    const err = await c.queryRange('up', 0, 1000, 1).catch((e: unknown) => e);
    expect(err).toMatchObject({ failure: 'refused', status: 502, errorSource: 'downstream' });
    expect((err as Error).message).toContain(`Connection refused by http://127.0.0.1:${port}/api/v1/query_range`);
  });

  it('never puts credentials in error messages', async () => {
    server.respond(json(401, {}));
    const err = await client({ auth: { method: 'basic', user: 'alice', password: 's3cret' } })
      .queryRange('up', 0, 1000, 1)
      .catch((e: unknown) => e);
    expect((err as Error).message).not.toMatch(/alice|s3cret/);
  });
});

describe('PrometheusClient other endpoints', () => {
  it('runs an instant query', async () => {
    server.respond(
      json(200, {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: { a: 'b' }, value: [1700000000, '3'] }] },
      })
    );
    const { samples } = await client().query('x', 1700000000000);
    expect(samples).toEqual([{ labels: { a: 'b' }, timestamp: 1700000000000, value: 3 }]);
    expect(Object.fromEntries(server.requests[0].form)).toEqual({ query: 'x', time: '1700000000' });
  });

  it('refuses scalar results of an instant query', async () => {
    server.respond(json(200, { status: 'success', data: { resultType: 'scalar', result: [1, '1'] } }));
    await expect(client().query('1', 0)).rejects.toThrow(/only instant vectors/);
  });

  it('lists series with repeated match[] parameters', async () => {
    server.respond(json(200, { status: 'success', data: [{ __name__: 'up', job: 'a' }] }));
    const labels = await client().series(['up', 'node_load1'], 0, 60_000);
    expect(labels).toEqual([{ __name__: 'up', job: 'a' }]);
    expect(server.requests[0].form.getAll('match[]')).toEqual(['up', 'node_load1']);
  });

  it('reads the build info with a GET', async () => {
    server.respond(json(200, { status: 'success', data: { version: '2.42.0', revision: 'abc', goVersion: 'go1.20' } }));
    await expect(client().buildInfo()).resolves.toEqual({ version: '2.42.0', revision: 'abc', goVersion: 'go1.20' });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/prom/api/v1/status/buildinfo' });
  });

  it('calls a 200 that is not JSON an unexpected response', async () => {
    server.respond((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>'));
    await expect(client().buildInfo()).rejects.toMatchObject({ failure: 'bad-response', status: 502 });
  });
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
