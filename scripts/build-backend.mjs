#!/usr/bin/env node
/**
 * Builds the data source's backend executables: Grafana runs `dist/datasource/gpx_traceo-ml-datasource_linux_<arch>`
 * and talks to it over the plugin protocol.
 *
 *   node scripts/build-backend.mjs [--arch x64|arm64] [--sourcemap] [--no-verify]
 *
 * 1. esbuild bundles src/backend/main.ts and every dependency into one CommonJS file (a single-executable
 *    application can only `require` Node's built-in modules).
 *    The anomaly scoring worker (src/backend/query/anomaly/workers/worker-main.ts) is bundled on its own the same
 *    way: a SEA can neither `require` a file of its bundle nor start a Worker from a path inside it, so the
 *    worker's bundle travels as a SEA asset (`anomaly-worker.cjs`, the name in workers/worker-code.ts) and the
 *    pool starts workers from its text (`new Worker(code, { eval: true })`). A second bundle rather than the
 *    main one restarted with a workerData flag: the worker loads only the ML code, not gRPC, stores and handlers.
 * 2. Node (the x64 runtime we ship) turns it into a SEA blob, assets included. Without code cache or snapshot the
 *    blob is plain JavaScript, so the same blob serves every architecture.
 * 3. For each architecture, the official Node runtime (scripts/node-runtime.mjs) is copied to the gpx_ name
 *    and the blob injected with postject. The executable IS the Node process: Grafana's SIGKILL reaches it
 *    directly, with no wrapper script to orphan it.
 * 4. The wasm binaries of TensorFlow.js' wasm backend are copied next to the executables: the opt-in networks
 *    (LSTM forecaster, anomaly autoencoder) load them from the executable's directory
 *    (src/backend/query/tensorflow-runtime.ts).
 * 5. Checks: each file is an ELF for its architecture, and the amd64 one prints go-plugin's handshake line
 *    when started the way Grafana starts it (when the build machine is x64).
 *
 * Only the gpx_* and tfjs-backend-wasm*.wasm files in dist/datasource are touched, so the frontend build may already be there.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ARCHES, NODE_RUNTIME_VERSION, nodeRuntimePath } from './node-runtime.mjs';
import { BACKEND_BUNDLE_OPTIONS, GO_PLUGIN_ENV } from './lib/backend-process.mjs';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const { inject } = require('postject');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXECUTABLE = 'gpx_traceo-ml-datasource';
const OUT_DIR = join(root, 'dist', 'datasource');
const WORK_DIR = join(root, '.cache', 'backend-build');
/** Grafana names binaries after Go's GOARCH, Node after its own arch names. */
const GOARCH = { x64: 'amd64', arm64: 'arm64' };
/** ELF e_machine values: what `file` reports as x86-64 / ARM aarch64. */
const ELF_MACHINE = { x64: 0x3e, arm64: 0xb7 };
/** The fuse Node's SEA support looks for (documented in Node's single-executable-applications guide). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const HANDSHAKE = /^1\|2\|(tcp|unix)\|\S+\|grpc$/;
/** The wasm backend's binaries (plain, SIMD, threaded SIMD): it picks one by what the runtime supports. */
const TFJS_WASM_DIR = join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const TFJS_WASM_FILE = /^tfjs-backend-wasm.*\.wasm$/;
const MAIN_ENTRY = join(root, 'src', 'backend', 'main.ts');
const ANOMALY_WORKER_ENTRY = join(root, 'src', 'backend', 'query', 'anomaly', 'workers', 'worker-main.ts');
/** The SEA asset the anomaly worker pool starts its workers from (src/backend/query/anomaly/workers/worker-code.ts). */
const ANOMALY_WORKER_ASSET = 'anomaly-worker.cjs';

const { values: flags } = parseArgs({
  options: {
    arch: { type: 'string', multiple: true },
    sourcemap: { type: 'boolean', default: false },
    'no-verify': { type: 'boolean', default: false },
  },
});
const arches = flags.arch ?? ARCHES;
for (const arch of arches) {
  if (!ARCHES.includes(arch)) {
    fail(`unknown --arch ${arch}; expected one of ${ARCHES.join(', ')}`);
  }
}

const started = performance.now();
mkdirSync(WORK_DIR, { recursive: true });
mkdirSync(OUT_DIR, { recursive: true });

const bundle = await step('bundle', () => bundleBackend(MAIN_ENTRY, join(WORK_DIR, 'main.cjs')));
const worker = await step('anomaly worker bundle', () =>
  bundleBackend(ANOMALY_WORKER_ENTRY, join(WORK_DIR, ANOMALY_WORKER_ASSET))
);
const blob = await step('SEA blob', () => seaBlob(bundle, { [ANOMALY_WORKER_ASSET]: worker }));
for (const arch of arches) {
  const target = join(OUT_DIR, `${EXECUTABLE}_linux_${GOARCH[arch]}`);
  await step(`${GOARCH[arch]} executable`, () => buildExecutable(arch, blob, target));
  checkElfMachine(target, arch);
  if (arch === 'x64' && process.arch === 'x64' && !flags['no-verify']) {
    await step('handshake check', () => verifyHandshake(target));
  }
}
await step('tfjs wasm binaries', () => copyTfjsWasm());
log(`done in ${seconds(performance.now() - started)}`);

async function bundleBackend(entry, outfile) {
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile,
    ...BACKEND_BUNDLE_OPTIONS,
    // Whitespace and syntax only: keeping identifiers makes stack traces in Grafana's log readable.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    legalComments: 'none',
    sourcemap: flags.sourcemap ? 'inline' : false,
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).length;
  log(`  ${relative(root, outfile)}: ${size(outfile)} from ${inputs} modules`);
  return outfile;
}

function seaBlob(mainFile, assets) {
  const blobFile = join(WORK_DIR, 'sea-prep.blob');
  const configFile = join(WORK_DIR, 'sea-config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      main: mainFile,
      output: blobFile,
      assets,
      disableExperimentalSEAWarning: true,
      // Both are tied to the V8 build and CPU of the node that made the blob: off, so one blob fits all arches.
      useSnapshot: false,
      useCodeCache: false,
    })
  );
  execFileSync(nodeRuntimePath('x64'), ['--experimental-sea-config', configFile], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  log(`  ${relative(root, blobFile)}: ${size(blobFile)} (Node ${NODE_RUNTIME_VERSION})`);
  return readFileSync(blobFile);
}

async function buildExecutable(arch, blob, target) {
  rmSync(target, { force: true });
  copyFileSync(nodeRuntimePath(arch), target);
  chmodSync(target, 0o755);
  // postject's ELF library prints "Can't find string offset for section name" for Node's notes: harmless.
  await inject(target, 'NODE_SEA_BLOB', blob, { sentinelFuse: SEA_FUSE });
  chmodSync(target, 0o755);
  log(`  ${relative(root, target)}: ${size(target)}`);
}

function copyTfjsWasm() {
  const files = readdirSync(TFJS_WASM_DIR).filter((name) => TFJS_WASM_FILE.test(name));
  if (files.length !== 3) {
    fail(`expected 3 tfjs-backend-wasm*.wasm files in ${relative(root, TFJS_WASM_DIR)}, found ${files.join(', ')}`);
  }
  for (const name of files) {
    const target = join(OUT_DIR, name);
    copyFileSync(join(TFJS_WASM_DIR, name), target);
    log(`  ${relative(root, target)}: ${size(target)}`);
  }
}

function checkElfMachine(file, arch) {
  const header = readFileSync(file).subarray(0, 20);
  const isElf = header.readUInt32BE(0) === 0x7f454c46;
  if (!isElf || header.readUInt16LE(18) !== ELF_MACHINE[arch]) {
    fail(`${relative(root, file)} is not an ELF ${arch} executable`);
  }
}

/** Starts the executable exactly as go-plugin does and waits for the first stdout line. */
function verifyHandshake(file) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, [], {
      env: GO_PLUGIN_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const t0 = performance.now();
    const timer = setTimeout(() => finish(new Error('no handshake line within 10 s')), 10_000);
    const finish = (err, line) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (err) {
        reject(new Error(`${err.message}\nstdout: ${stdout}\nstderr: ${stderr.slice(-2000)}`));
      } else {
        log(`  handshake after ${Math.round(performance.now() - t0)} ms: ${line}`);
        resolvePromise();
      }
    };
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline >= 0) {
        const line = stdout.slice(0, newline).trim();
        finish(HANDSHAKE.test(line) ? undefined : new Error(`unexpected first stdout line "${line}"`), line);
      }
    });
    child.on('exit', (code) => finish(new Error(`exited with code ${code} before the handshake`)));
  });
}

async function step(name, work) {
  const t0 = performance.now();
  log(`${name}…`);
  const result = await work();
  log(`  ${name} took ${seconds(performance.now() - t0)}`);
  return result;
}

function size(file) {
  return `${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB`;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function log(message) {
  process.stdout.write(`${message}\n`);
}

function fail(message) {
  process.stderr.write(`build-backend: ${message}\n`);
  process.exit(1);
}
