import type { CheckHealthRequest } from 'backend/grafana/diagnostics';
import type { PluginContext } from 'backend/grafana/plugin-context';
import { PrometheusClient } from 'backend/prometheus/client';
import { TransportError, type HttpTransport, type TransportRequest } from 'backend/prometheus/http-transport';
import { InvalidSettingsError, MissingPrometheusUrlError } from 'backend/settings/errors';
import { checkHealthHandler } from './health';

type Answer = { status: number; body: unknown } | TransportError;

/** A client whose transport answers each endpoint as scripted. */
function clientAnswering(answers: Record<string, Answer>) {
  const transport: HttpTransport = {
    async send(request: TransportRequest) {
      const endpoint = request.url.pathname.replace(/^.*\/api\/v1\//, '');
      const answer = answers[endpoint] ?? { status: 404, body: { status: 'error', error: 'not found' } };
      if (answer instanceof TransportError) {
        throw answer;
      }
      return { status: answer.status, contentType: 'application/json', body: Buffer.from(JSON.stringify(answer.body)) };
    },
    close() {},
  };
  return new PrometheusClient(
    {
      url: new URL('https://prom.example:9090/'),
      auth: { method: 'none' },
      customHeaders: [],
      tls: { skipVerify: false },
      timeoutMs: 5000,
      maxSeries: 10,
    },
    transport
  );
}

const request: CheckHealthRequest = { pluginContext: { orgId: 1 } as PluginContext, headers: {} };
const ctx = { signal: new AbortController().signal };
const check = (client: () => Promise<PrometheusClient>) => checkHealthHandler(client)(request, ctx);

describe('checkHealthHandler', () => {
  it('reports the Prometheus version and URL', async () => {
    const client = clientAnswering({
      'status/buildinfo': { status: 200, body: { status: 'success', data: { version: '2.42.0' } } },
    });
    await expect(check(async () => client)).resolves.toEqual({
      status: 'OK',
      message: 'Prometheus 2.42.0 reachable at https://prom.example:9090',
      jsonDetails: { url: 'https://prom.example:9090', version: '2.42.0' },
    });
  });

  it('accepts a Prometheus-compatible server without buildinfo when a query works', async () => {
    const client = clientAnswering({
      query: { status: 200, body: { status: 'success', data: { resultType: 'vector', result: [] } } },
    });
    const result = await check(async () => client);
    expect(result.status).toBe('OK');
    expect(result.message).toContain('version unknown');
  });

  it('says the URL is wrong when neither buildinfo nor query exist', async () => {
    const result = await check(async () => clientAnswering({}));
    expect(result).toMatchObject({
      status: 'ERROR',
      message: expect.stringContaining('No Prometheus API at https://prom.example:9090/api/v1/status/buildinfo'),
    });
  });

  it.each([
    [
      'no URL configured',
      () => Promise.reject(new MissingPrometheusUrlError()),
      /No Prometheus URL configured: set jsonData.prometheusUrl/,
    ],
    [
      'invalid settings',
      () => Promise.reject(new InvalidSettingsError(['jsonData.timeoutSeconds must be greater than 0'])),
      /jsonData.timeoutSeconds must be greater than 0/,
    ],
  ])('reports %s', async (_, provider, message) => {
    const result = await check(provider);
    expect(result.status).toBe('ERROR');
    expect(result.message).toMatch(message);
  });

  it.each([
    [
      'DNS failure',
      new TransportError('dns', 'getaddrinfo ENOTFOUND', 'ENOTFOUND'),
      /Cannot resolve the host.*check the Prometheus URL/,
    ],
    [
      'refused connection',
      new TransportError('refused', 'connect ECONNREFUSED', 'ECONNREFUSED'),
      /Connection refused by https:\/\/prom\.example:9090/,
    ],
    [
      'TLS failure',
      new TransportError('tls', 'self-signed', 'DEPTH_ZERO_SELF_SIGNED_CERT'),
      /DEPTH_ZERO_SELF_SIGNED_CERT.*CA certificate.*tlsSkipVerify/,
    ],
    ['timeout', new TransportError('timeout', 'slow'), /did not answer within 5 s.*timeoutSeconds/],
  ])('explains a %s', async (_, error, message) => {
    const result = await check(async () => clientAnswering({ 'status/buildinfo': error }));
    expect(result.status).toBe('ERROR');
    expect(result.message).toMatch(message);
  });

  it('asks to check credentials on 401 and 403', async () => {
    for (const status of [401, 403]) {
      const client = clientAnswering({ 'status/buildinfo': { status, body: {} } });
      const result = await check(async () => client);
      expect(result).toMatchObject({ status: 'ERROR', message: expect.stringContaining('check the credentials') });
    }
  });
});
