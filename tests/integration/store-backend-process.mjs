/**
 * The real backend (src/backend/main.ts, bundled like the executable) started as Grafana starts it, and a
 * CallResource client over gRPC standing in for Grafana: what the crash and failure tests drive, so that what
 * they kill is the backend itself, not a test double.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadBackend } from './backend-bundle.mjs';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const { TestGrpcClient, SERVICE } = await loadBackend(
  'grpc-test-client',
  `export { TestGrpcClient, SERVICE } from 'backend/grafana/testing/grpc-client';`
);

let bundled;

/** Bundles the backend entry point once per test process (without loading it here). */
export async function backendBundle() {
  if (!bundled) {
    const outDir = join(root, '.cache', 'integration');
    mkdirSync(outDir, { recursive: true });
    bundled = join(outDir, 'traceo-backend.cjs');
    await require('esbuild').build({
      entryPoints: [join(root, 'src', 'backend', 'main.ts')],
      outfile: bundled,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'cjs',
      tsconfig: join(root, 'tsconfig.json'),
      // The executable's own build (scripts/build-backend.mjs) reports bundling warnings; tests need errors only.
      logLevel: 'error',
    });
  }
  return bundled;
}

/**
 * Starts the backend. `wrap(node, script)` may return another command line (e.g. to run it in a mount
 * namespace); `uid`/`gid` run it as another user.
 */
export async function startBackend({ env = {}, wrap, uid, gid } = {}) {
  const script = await backendBundle();
  const [command, ...args] = wrap ? wrap(process.execPath, script) : [process.execPath, script];
  const child = spawn(command, args, {
    env: {
      PATH: process.env.PATH,
      grafana_plugin_type: 'datasource',
      PLUGIN_PROTOCOL_VERSIONS: '2',
      PLUGIN_MIN_PORT: '10000',
      PLUGIN_MAX_PORT: '25000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid === undefined ? {} : { uid, gid }),
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const line = await new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`no handshake within 20 s; stderr:\n${stderr}`)), 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) {
        clearTimeout(timer);
        done(out.slice(0, out.indexOf('\n')));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`backend exited (${signal ?? code}) before its handshake; stderr:\n${stderr}`));
    });
  });
  const address = line.split('|')[3];
  const client = new TestGrpcClient(address);
  return {
    pid: child.pid,
    client,
    exited,
    stderr: () => stderr,
    kill: (signal) => child.kill(signal),
    async stop() {
      client.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/**
 * One CallResource as Grafana sends it. `instance` holds the data source's jsonData and secure values;
 * `user` is a role name (login = its lowercase) or null for Grafana itself.
 */
export async function callResource(
  backend,
  instance,
  { method = 'GET', path, body, user = 'Editor', login, headers = {} }
) {
  const payload =
    body === undefined ? Buffer.alloc(0) : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const [message] = await backend.client.serverStream(SERVICE.resource, 'CallResource', {
    pluginContext: {
      orgId: 1,
      pluginId: 'traceo-ml-datasource',
      user: user === null ? null : { login: login ?? user.toLowerCase(), name: user, email: '', role: user },
      dataSourceInstanceSettings: {
        uid: instance.uid,
        name: instance.name,
        jsonData: Buffer.from(JSON.stringify(instance.jsonData)),
        decryptedSecureJsonData: instance.decryptedSecureJsonData,
        lastUpdatedMS: instance.lastUpdatedMs,
      },
    },
    path,
    method,
    url: path,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { values: [v] }])),
    body: payload,
  });
  const text = Buffer.from(message.body).toString('utf8');
  let json;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: message.code, json, text };
}
