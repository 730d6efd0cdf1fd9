/**
 * End-to-end test of the runtime: the fixture plugin is bundled into one CJS file (as the shipped
 * executable is), started with the Node runtime we ship and Grafana's go-plugin environment, and driven
 * over gRPC like Grafana drives it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { status, type ServiceError } from '@grpc/grpc-js';
import { tableFromIPC } from 'apache-arrow';

import type {
  PbCallResourceResponse,
  PbCheckHealthResponse,
  PbCollectMetricsResponse,
  PbHealthCheckResponse,
  PbQueryDataResponse,
} from './proto/messages';
import { SERVICE, TestGrpcClient } from './testing/grpc-client';
import { GRAFANA_PLUGIN_ENV, PluginProcess } from './testing/plugin-process';

jest.setTimeout(15_000);

const ROOT = resolve(__dirname, '../../..');
const HANDSHAKE = /^1\|2\|tcp\|127\.0\.0\.1:(\d+)\|grpc$/;
const HCLOG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

let workDir: string;
let bundle: string;
let nodePath: string;

/**
 * esbuild runs in a child process: inside jest's VM context its JS API trips over typed arrays from
 * another realm.
 */
function bundleFixture(outfile: string): void {
  const script = `require('esbuild').buildSync({
    entryPoints: [${JSON.stringify(join(__dirname, 'testing/fixture-plugin.ts'))}],
    outfile: ${JSON.stringify(outfile)},
    bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'error',
  })`;
  execFileSync(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

function start(env: NodeJS.ProcessEnv = GRAFANA_PLUGIN_ENV): PluginProcess {
  // Only what Grafana would pass (plus PATH): the test runner's env must not leak in.
  return new PluginProcess(nodePath, bundle, { PATH: process.env.PATH, ...env });
}

function grpcError(promise: Promise<unknown>): Promise<ServiceError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: ServiceError) => err
  );
}

const pluginContext = {
  orgId: 3,
  pluginId: 'traceo-ml-datasource',
  dataSourceInstanceSettings: { uid: 'traceo-ml', lastUpdatedMS: 1_700_000_000_000, jsonData: Buffer.from('{}') },
};

function dataQuery(refId: string, queryType: string, json: string = JSON.stringify({ refId })) {
  return {
    refId,
    queryType,
    maxDataPoints: 100,
    intervalMS: 60_000,
    timeRange: { fromEpochMS: 1_700_000_000_000, toEpochMS: 1_700_000_060_000 },
    json: Buffer.from(json),
  };
}

beforeAll(() => {
  nodePath = execFileSync(process.execPath, [join(ROOT, 'scripts/node-runtime.mjs'), 'x64'], { cwd: ROOT })
    .toString()
    .trim();
  workDir = mkdtempSync(join(tmpdir(), 'traceo-runtime-e2e-'));
  bundle = join(workDir, 'plugin.cjs');
  bundleFixture(bundle);
}, 60_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('a plugin served by the runtime', () => {
  let plugin: PluginProcess;
  let client: TestGrpcClient;
  let handshake: string;

  beforeAll(async () => {
    plugin = start();
    handshake = await plugin.handshake();
    client = new TestGrpcClient(`127.0.0.1:${HANDSHAKE.exec(handshake)![1]}`);
  });

  afterAll(async () => {
    client.close();
    if (plugin.alive) {
      plugin.kill('SIGKILL');
      await plugin.exited;
    }
  });

  it('prints the go-plugin handshake line for gRPC on loopback', () => {
    expect(handshake).toMatch(HANDSHAKE);
    expect(plugin.stdout).toBe(`${handshake}\n`);
  });

  it('answers gRPC health checks for the server and for "plugin"', async () => {
    const check = (service: string) => client.unary<PbHealthCheckResponse>(SERVICE.health, 'Check', { service });
    await expect(check('')).resolves.toEqual({ status: 'SERVING' });
    await expect(check('plugin')).resolves.toEqual({ status: 'SERVING' });
    await expect(check('pluginv2.Data')).resolves.toEqual({ status: 'SERVING' });
    expect((await grpcError(check('nope'))).code).toBe(status.NOT_FOUND);
  });

  it('answers every refId of a QueryData request on its own, failures included', async () => {
    const res = await client.unary<PbQueryDataResponse>(SERVICE.data, 'QueryData', {
      pluginContext,
      queries: [
        dataQuery('A', 'series'),
        dataQuery('B', 'badRequest'),
        dataQuery('C', 'downstream'),
        dataQuery('D', 'series', '{"expr": '),
        dataQuery('E', 'unknown'),
      ],
    });
    expect(Object.keys(res.responses).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);

    const a = res.responses.A;
    expect(a).toMatchObject({ status: 200, error: '', errorSource: '' });
    expect(a.frames).toHaveLength(1);
    const table = tableFromIPC(a.frames[0]);
    expect(table.schema.metadata.get('refId')).toBe('A');
    expect(table.schema.fields.map((f) => String(f.type))).toEqual(['Timestamp<NANOSECOND>', 'Float64']);
    const values = table.getChild('value')!;
    expect([values.get(0), values.get(1)]).toEqual([1, null]);

    expect(res.responses.B).toMatchObject({
      frames: [],
      status: 400,
      error: 'expr is required',
      errorSource: 'plugin',
    });
    expect(res.responses.C).toMatchObject({ status: 503, errorSource: 'downstream' });
    expect(res.responses.D).toMatchObject({ status: 400, errorSource: 'plugin' });
    expect(res.responses.D.error).toMatch(/^invalid query JSON: /);
    expect(res.responses.E.error).toMatch(/unknown query type "unknown"; valid query types are: badRequest, /);
  });

  it('turns console output and stray stdout writes into log lines on stderr', async () => {
    const res = await client.unary<PbQueryDataResponse>(SERVICE.data, 'QueryData', {
      queries: [dataQuery('A', 'noisy')],
    });
    expect(res.responses.A.status).toBe(200);
    await expect(plugin.waitForLog('console.log from a handler')).resolves.toMatchObject({ '@level': 'info' });
    await expect(plugin.waitForLog('raw stdout write')).resolves.toMatchObject({ stream: 'stdout' });
    expect(plugin.stdout).toBe(`${handshake}\n`);
  });

  it('answers CheckHealth with a JSON-object jsonDetails', async () => {
    const res = await client.unary<PbCheckHealthResponse>(SERVICE.diagnostics, 'CheckHealth', { pluginContext });
    expect(res.status).toBe('OK');
    expect(res.message).toBe('healthy for org 3');
    expect(JSON.parse(Buffer.from(res.jsonDetails).toString())).toEqual({ uid: 'traceo-ml' });
  });

  it('answers CallResource with one message carrying code, headers and body', async () => {
    const messages = await client.serverStream<PbCallResourceResponse>(SERVICE.resource, 'CallResource', {
      pluginContext,
      path: '/echo',
      method: 'post',
      body: Buffer.from('ping'),
    });
    expect(messages).toHaveLength(1);
    expect(messages[0].code).toBe(201);
    expect(messages[0].headers['X-Method'].values).toEqual(['POST']);
    expect(Buffer.from(messages[0].body).toString()).toBe('ping');
  });

  it('answers a throwing resource handler with a 500 JSON message', async () => {
    const [message] = await client.serverStream<PbCallResourceResponse>(SERVICE.resource, 'CallResource', {
      path: 'crash',
      method: 'GET',
    });
    expect(message.code).toBe(500);
    expect(message.headers['Content-Type'].values).toEqual(['application/json']);
    expect(JSON.parse(Buffer.from(message.body).toString())).toEqual({ message: 'resource handler bug' });
  });

  it('logs an exception thrown outside any request and keeps serving', async () => {
    const [message] = await client.serverStream<PbCallResourceResponse>(SERVICE.resource, 'CallResource', {
      path: 'uncaught',
      method: 'GET',
    });
    expect(message.code).toBe(202);
    const entry = await plugin.waitForLog('Uncaught exception');
    expect(entry).toMatchObject({ '@level': 'error', error: 'escaped the handler' });
    await expect(client.unary(SERVICE.health, 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
  });

  it('refuses a request over 16 MiB with RESOURCE_EXHAUSTED and stays up', async () => {
    const tooBig = client.serverStream(SERVICE.resource, 'CallResource', {
      path: 'echo',
      method: 'POST',
      body: Buffer.alloc(17 * 1024 * 1024, 1),
    });
    expect((await grpcError(tooBig)).code).toBe(status.RESOURCE_EXHAUSTED);
    expect(plugin.alive).toBe(true);
    await expect(client.unary(SERVICE.health, 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
  });

  it('aborts the handler signal when Grafana cancels the call', async () => {
    const call = client.start(SERVICE.data, 'QueryData', { queries: [dataQuery('slow', 'wait')] });
    setTimeout(() => call.cancel(), 100);
    expect((await grpcError(call.response)).code).toBe(status.CANCELLED);
    await expect(plugin.waitForLog('query aborted', 5_000, { refId: 'slow' })).resolves.toMatchObject({
      reason: 'AbortError',
    });
  });

  it('aborts the handler signal when the call deadline passes', async () => {
    const call = client.start(
      SERVICE.data,
      'QueryData',
      { queries: [dataQuery('late', 'wait')] },
      { deadline: Date.now() + 300 }
    );
    expect((await grpcError(call.response)).code).toBe(status.DEADLINE_EXCEEDED);
    await expect(plugin.waitForLog('query aborted', 5_000, { refId: 'late' })).resolves.toMatchObject({
      reason: 'TimeoutError',
    });
  });

  it('exposes request and Node process metrics through CollectMetrics', async () => {
    const res = await client.unary<PbCollectMetricsResponse>(SERVICE.diagnostics, 'CollectMetrics', {});
    const text = Buffer.from(res.metrics.prometheus).toString();
    expect(text).toMatch(/^traceo_plugin_requests_total\{endpoint="queryData",status="error"\} \d+$/m);
    expect(text).toMatch(/^traceo_plugin_requests_total\{endpoint="checkHealth",status="OK"\} 1$/m);
    expect(text).toMatch(/^traceo_plugin_request_duration_seconds_count\{endpoint="callResource",status="201"\} 1$/m);
    expect(text).toContain('traceo_process_resident_memory_bytes');
    expect(text).toContain('traceo_nodejs_eventloop_lag_seconds');
  });

  it('ignores SIGINT', async () => {
    plugin.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    expect(plugin.alive).toBe(true);
    await expect(client.unary(SERVICE.health, 'Check', { service: 'plugin' })).resolves.toEqual({ status: 'SERVING' });
  });

  it('exits promptly after answering Shutdown, running the shutdown hook', async () => {
    await expect(client.unary(SERVICE.controller, 'Shutdown', {})).resolves.toEqual({});
    const started = Date.now();
    const exit = await Promise.race([
      plugin.exited,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 1000)),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(plugin.logEntries().some((e) => e['@message'] === 'shutdown hook ran')).toBe(true);
  });

  it('never wrote anything but the handshake to stdout, and only hclog JSON lines to stderr', () => {
    expect(plugin.stdout).toBe(`${handshake}\n`);
    const entries = plugin.logEntries();
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      expect(['trace', 'debug', 'info', 'warn', 'error']).toContain(entry['@level']);
      expect(typeof entry['@message']).toBe('string');
      expect(entry['@timestamp']).toMatch(HCLOG_TIMESTAMP);
    }
  });
});

describe('process lifecycle', () => {
  it('refuses to start without the magic cookie, explaining itself on stderr', async () => {
    const plugin = start({ PLUGIN_PROTOCOL_VERSIONS: '2' });
    await expect(plugin.exited).resolves.toEqual({ code: 1, signal: null });
    expect(plugin.stdout).toBe('');
    expect(plugin.stderr).toContain('Grafana backend plugin');
  });

  it('refuses to start when protocol 2 is not offered', async () => {
    const plugin = start({ ...GRAFANA_PLUGIN_ENV, PLUGIN_PROTOCOL_VERSIONS: '1' });
    await expect(plugin.exited).resolves.toEqual({ code: 1, signal: null });
    expect(plugin.stdout).toBe('');
  });

  it('stops gracefully on SIGTERM', async () => {
    const plugin = start();
    await plugin.handshake();
    plugin.kill('SIGTERM');
    await expect(plugin.exited).resolves.toEqual({ code: 0, signal: null });
    expect(plugin.logEntries().map((e) => e['@message'])).toEqual(
      expect.arrayContaining(['Received SIGTERM, stopping', 'shutdown hook ran'])
    );
  });
});
