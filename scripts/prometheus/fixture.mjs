/**
 * A real Prometheus for tests, started from the Debian `prometheus` package with backfilled, deterministic
 * history (openmetrics.mjs). Used by tests/integration, the Go conformance suite's driver and benchmarks,
 * through start.mjs / stop.mjs or this module's functions.
 *
 * Layout of a fixture directory:
 *   metrics.om       the generated OpenMetrics input
 *   data/            the TSDB (promtool blocks, then Prometheus' own files)
 *   prometheus.yml   an empty scrape config: the fixture holds only the backfilled history
 *   prometheus.log   Prometheus' output
 *   prometheus.pid   its pid
 *   fixture.json     { url, pid, dir, start, end, stepSeconds } (start/end: epoch seconds of the first/last sample)
 *   fixture.env      the same as KEY=value lines (PROM_URL=…), for shells
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { freePort, isAlive, sleep } from '../lib/process-utils.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defaultEnd, DEFAULT_HOURS, renderOpenMetrics, STEP_SECONDS } from './openmetrics.mjs';

export const DEFAULT_FIXTURE_DIR = join(tmpdir(), 'traceo-prometheus-fixture');
const READY_TIMEOUT_MS = 60_000;

/**
 * Starts a fixture in `dir` (wiping what was there), or returns the running one when `dir` already holds a
 * live, ready fixture: repeated test runs then share one Prometheus instead of rebuilding it each time.
 */
export async function startPrometheusFixture({ dir = DEFAULT_FIXTURE_DIR, hours = DEFAULT_HOURS, fresh = false } = {}) {
  const running = !fresh && readFixture(dir);
  if (running && isAlive(running.pid) && (await isReady(running.url))) {
    return running;
  }
  if (running) {
    await stopPrometheusFixture({ dir, keep: true });
  }
  const prometheus = requireTool('PROMETHEUS_BIN', 'prometheus');
  const promtool = requireTool('PROMTOOL_BIN', 'promtool');

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  const window = { end: defaultEnd(), hours };
  writeFileSync(join(dir, 'metrics.om'), renderOpenMetrics(window));
  // promtool writes 2-hour blocks straight into the TSDB directory Prometheus will open.
  execFileSync(
    promtool,
    ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', join(dir, 'metrics.om'), join(dir, 'data')],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    }
  );
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFd = openSync(join(dir, 'prometheus.log'), 'a');
  const child = spawn(
    prometheus,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // Keep the backfilled history however long a reused fixture lives.
      '--storage.tsdb.retention.time=3650d',
      '--log.level=warn',
    ],
    { detached: true, stdio: ['ignore', logFd, logFd] }
  );
  closeSync(logFd);
  child.unref();
  writeFileSync(join(dir, 'prometheus.pid'), `${child.pid}\n`);

  const fixture = {
    url,
    pid: child.pid,
    dir,
    start: window.end - window.hours * 3600 + STEP_SECONDS,
    end: window.end,
    stepSeconds: STEP_SECONDS,
  };
  await waitUntilReady(fixture, child);
  writeFileSync(join(dir, 'fixture.json'), `${JSON.stringify(fixture, null, 2)}\n`);
  writeFileSync(join(dir, 'fixture.env'), envLines(fixture));
  return fixture;
}

/** Stops the fixture's Prometheus (TERM, then KILL after 10 s) and removes its directory unless `keep`. */
export async function stopPrometheusFixture({ dir = DEFAULT_FIXTURE_DIR, keep = false } = {}) {
  const pidFile = join(dir, 'prometheus.pid');
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : undefined;
  let stopped = false;
  if (pid && isAlive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (isAlive(pid) && Date.now() < deadline) {
      await sleep(100);
    }
    if (isAlive(pid)) {
      process.kill(pid, 'SIGKILL');
    }
    stopped = true;
  }
  if (!keep) {
    rmSync(dir, { recursive: true, force: true });
  }
  return { stopped, pid };
}

export function envLines(fixture) {
  return [
    `PROM_URL=${fixture.url}`,
    `PROM_PID=${fixture.pid}`,
    `PROM_FIXTURE_DIR=${fixture.dir}`,
    `PROM_DATA_START=${fixture.start}`,
    `PROM_DATA_END=${fixture.end}`,
    `PROM_DATA_STEP=${fixture.stepSeconds}`,
    '',
  ].join('\n');
}

function readFixture(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

function requireTool(envVar, name) {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    return fromEnv;
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      `${name} not found: install Debian's prometheus package (bash scripts/install-system-deps.sh, or ` +
        `apt-get install -y prometheus), or set ${envVar}`
    );
  }
}

async function waitUntilReady(fixture, child) {
  let exited;
  child.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`prometheus exited (${exited}) before it was ready:\n${logTail(fixture.dir)}`);
    }
    if (await isReady(fixture.url)) {
      return;
    }
    await sleep(100);
  }
  await stopPrometheusFixture({ dir: fixture.dir, keep: true });
  throw new Error(
    `prometheus at ${fixture.url} not ready within ${READY_TIMEOUT_MS / 1000} s:\n${logTail(fixture.dir)}`
  );
}

async function isReady(url) {
  try {
    const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

function logTail(dir) {
  try {
    return readFileSync(join(dir, 'prometheus.log'), 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}
