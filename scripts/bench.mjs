#!/usr/bin/env node
/**
 * Backend benchmarks (not tests): start-up to handshake, idle memory, the raw-query overhead of the plugin over a
 * direct Prometheus query, and the same panel as an anomaly query. Absolute times on shared machines are noise, so the overhead is reported as a
 * ratio against Prometheus measured in the same run; bars from DESIGN.md §5 are printed next to each number.
 *
 *   npm run build && npm run bench [-- --runs 15] [--query-runs 50]
 *
 * --runs: plugin starts for the start-up numbers (default 10); --query-runs: measured raw queries of each side
 * (default 30, after 5 warm-up runs). The numbers also land in artifacts/bench-raw.json and bench-anomaly.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { GO_PLUGIN_ENV } from './lib/backend-process.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
const executable = join(root, 'dist', 'datasource', `gpx_traceo-ml-datasource_linux_${arch}`);
/** The value after `--name`, or undefined. */
function option(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}
const runs = Number(option('--runs') ?? 10);
const queryRuns = option('--query-runs');

if (!existsSync(executable)) {
  console.error(`bench: ${executable} is missing; run \`npm run build\` first`);
  process.exit(1);
}

/** Starts the executable as Grafana would and resolves when the handshake line arrives. */
function startPlugin() {
  const started = process.hrtime.bigint();
  const child = spawn(executable, [], {
    env: { ...process.env, ...GO_PLUGIN_ENV },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolveStart, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      if (buffered.includes('\n')) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        resolveStart({ child, ms, line: buffered.split('\n')[0] });
      }
    });
    child.on('exit', (code) => reject(new Error(`plugin exited with ${code} before the handshake`)));
  });
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const startTimes = [];
let idleRss = NaN;
for (let i = 0; i < runs; i++) {
  const { child, ms } = await startPlugin();
  startTimes.push(ms);
  if (i === runs - 1) {
    // Idle: after start-up work (module init, JIT of the handshake path) has settled.
    await new Promise((r) => setTimeout(r, 2000));
    idleRss = rssMiB(child.pid);
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}
startTimes.sort((a, b) => a - b);
const fmt = (n) => n.toFixed(0);
console.log(
  `exec → handshake   median ${fmt(percentile(startTimes, 0.5))} ms, p95 ${fmt(percentile(startTimes, 0.95))} ms over ${runs} runs   (bar ≤ 1000 ms)`
);
console.log(`idle RSS           ${idleRss.toFixed(1)} MiB   (bar ≤ 150 MB)`);

// Raw-query overhead: measured by the Go conformance host (Grafana's own client and Arrow decoder) against a
// real Prometheus, 100 series × 24 h at 60 s, interleaved with the same query sent to Prometheus directly.
// Then the same panel as an anomaly query (panel output, 7 days of training history before the range: the
// fixture holds 8 days for it), so its refreshes with warm models are timed against the raw data's fetch.
const runsArgs = queryRuns ? ['-runs', queryRuns] : [];
const conformance = join(root, 'scripts', 'conformance.sh');
const raw = spawnSync('bash', [conformance, 'bench', ...runsArgs], { stdio: 'inherit' });
if (raw.status !== 0) {
  process.exit(raw.status ?? 1);
}
const anomaly = spawnSync(
  'bash',
  [
    conformance,
    'bench',
    '-query-type',
    'anomaly',
    '-training-window',
    '7d',
    '-out',
    'artifacts/bench-anomaly.json',
    ...runsArgs,
  ],
  { stdio: 'inherit', env: { ...process.env, FIXTURE_HOURS: String(8 * 24) } }
);
process.exit(anomaly.status ?? 1);
