/**
 * The built executable (npm run build:backend) started the way Grafana starts it, answering CheckHealth and a
 * `raw` QueryData over gRPC against the Prometheus fixture: proves the single-file bundle carries everything
 * the handlers need. The Go conformance suite checks the protocol in depth; this is the fast smoke test.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { GO_PLUGIN_ENV } from '../../scripts/lib/backend-process.mjs';
import { startPrometheusFixture, stopPrometheusFixture } from '../../scripts/prometheus/fixture.mjs';
import { loadBackend } from './backend-bundle.mjs';

const require = createRequire(import.meta.url);
const { tableFromIPC } = require('apache-arrow');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
const executable = join(root, 'dist', 'datasource', `gpx_traceo-ml-datasource_linux_${arch}`);

const { TestGrpcClient, SERVICE } = await loadBackend(
  'grpc-test-client',
  `export { TestGrpcClient, SERVICE } from 'backend/grafana/testing/grpc-client';`
);

let fixture;
let ownFixtureDir;
let plugin;
let client;

before(async () => {
  assert.ok(existsSync(executable), `${executable} is missing: run npm run build:backend first`);
  if (process.env.PROM_URL) {
    fixture = { url: process.env.PROM_URL, end: Number(process.env.PROM_DATA_END) };
  } else {
    ownFixtureDir = mkdtempSync(join(tmpdir(), 'traceo-prom-exe-'));
    fixture = await startPrometheusFixture({ dir: ownFixtureDir, fresh: true });
  }
  plugin = spawn(executable, [], {
    env: GO_PLUGIN_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await firstLine(plugin.stdout);
  const [core, app, network, address, protocol] = line.split('|');
  assert.deepEqual([core, app, network, protocol], ['1', '2', 'tcp', 'grpc']);
  client = new TestGrpcClient(address);
});

after(async () => {
  client?.close();
  plugin?.kill('SIGKILL');
  if (ownFixtureDir) {
    await stopPrometheusFixture({ dir: ownFixtureDir });
  }
});

function pluginContext(jsonData) {
  return {
    orgId: 1,
    pluginId: 'traceo-ml-datasource',
    dataSourceInstanceSettings: {
      uid: 'traceo-ml',
      name: 'Traceo ML',
      jsonData: Buffer.from(JSON.stringify(jsonData)),
      decryptedSecureJsonData: {},
      lastUpdatedMS: 1,
    },
  };
}

describe('backend executable', () => {
  it('answers CheckHealth with the Prometheus version', async () => {
    const result = await client.unary(SERVICE.diagnostics, 'CheckHealth', {
      pluginContext: pluginContext({ prometheusUrl: fixture.url }),
    });
    assert.equal(result.status, 'OK', result.message);
    assert.match(result.message, /^Prometheus \S+ reachable at http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a raw query with Arrow frames carrying the series and their labels', async () => {
    const query = (refId, expr) => ({
      refId,
      queryType: 'raw',
      maxDataPoints: 100,
      intervalMS: 60_000,
      timeRange: { fromEpochMS: (fixture.end - 3600) * 1000, toEpochMS: fixture.end * 1000 },
      json: Buffer.from(JSON.stringify({ refId, expr, legendFormat: '{{instance}}' })),
    });
    const response = await client.unary(SERVICE.data, 'QueryData', {
      pluginContext: pluginContext({ prometheusUrl: fixture.url }),
      queries: [query('A', 'traceo_test_cpu'), query('B', 'sum(')],
    });

    const a = response.responses.A;
    assert.equal(a.error, '');
    assert.equal(a.frames.length, 3);
    const table = tableFromIPC(a.frames[0]);
    assert.deepEqual(
      table.schema.fields.map((f) => f.name),
      ['time', 'value']
    );
    const meta = JSON.parse(table.schema.metadata.get('meta'));
    assert.equal(meta.type, 'timeseries-multi');
    assert.deepEqual(meta.typeVersion, [0, 1]);
    assert.equal(JSON.parse(table.schema.fields[1].metadata.get('labels')).__name__, 'traceo_test_cpu');
    assert.equal(table.numRows, 61); // one hour at 1m, both ends included

    const b = response.responses.B;
    assert.equal(b.status, 400);
    assert.match(b.error, /Prometheus rejected the query: .*parse error/);
  });

  it('scores anomaly series in a worker thread it starts on first use (a SEA asset, not the main thread)', async () => {
    assert.deepEqual(scoringThreads(plugin.pid), [], 'no scoring worker before the first anomaly query');
    const json = {
      refId: 'A',
      queryType: 'anomaly',
      expr: 'traceo_test_anomaly',
      step: '1m',
      anomaly: { trainingWindow: '6h' },
    };
    const response = await client.unary(SERVICE.data, 'QueryData', {
      pluginContext: pluginContext({ prometheusUrl: fixture.url }),
      queries: [
        {
          refId: 'A',
          queryType: 'anomaly',
          maxDataPoints: 1000,
          intervalMS: 60_000,
          timeRange: { fromEpochMS: (fixture.end - 3600) * 1000, toEpochMS: fixture.end * 1000 },
          json: Buffer.from(JSON.stringify(json)),
        },
      ],
    });
    const a = response.responses.A;
    assert.equal(a.error, '');
    const table = tableFromIPC(a.frames[0]);
    assert.ok(table.schema.fields.some((f) => f.name === 'anomaly_score'));
    assert.equal(table.numRows, 61);
    // Node names a worker's OS thread after the worker (cut to 15 characters by Linux).
    assert.deepEqual(scoringThreads(plugin.pid), ['anomaly-scoring']);
  });
});

describe('backend executable whose Grafana dies', () => {
  it('stops by itself instead of living on as an orphan', async () => {
    // A stand-in parent (a Node process, as Grafana would be) starts the plugin and prints its pid, then is killed
    // with SIGKILL, the way an OOM-killed Grafana goes: no Shutdown call, no SIGTERM for the plugin.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        // Like go-plugin, the parent reads the plugin's stderr for logs: once it is dead, every log line hits EPIPE.
        `const c = require('node:child_process').spawn(process.argv[1], [], { env: JSON.parse(process.argv[2]), stdio: ['ignore', 'pipe', 'pipe'] });
         c.stderr.resume();
         c.stdout.once('data', () => console.log(c.pid));
         setInterval(() => {}, 1000);`,
        executable,
        JSON.stringify(GO_PLUGIN_ENV),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    );
    const pid = Number(await firstLine(parent.stdout));
    assert.ok(pid > 0 && isRunning(pid), 'the plugin started under the stand-in parent');
    parent.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (isRunning(pid) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const orphaned = isRunning(pid);
    if (orphaned) {
      process.kill(pid, 'SIGKILL');
    }
    assert.equal(orphaned, false, 'the plugin outlived its parent by more than 10 s');
  });
});

/** Alive and not a zombie (an exited orphan waits for init to reap it). */
function isRunning(pid) {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The plugin's threads that run anomaly scoring workers (workers/pool.ts names them anomaly-scoring-<n>). */
function scoringThreads(pid) {
  return readdirSync(`/proc/${pid}/task`)
    .map((tid) => readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim())
    .filter((name) => name.startsWith('anomaly-scoring'));
}

function firstLine(stream) {
  return new Promise((resolvePromise, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no handshake within 10 s; stdout: ${text}`)), 10_000);
    stream.setEncoding('utf8').on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolvePromise(text.slice(0, text.indexOf('\n')).trim());
      }
    });
  });
}
