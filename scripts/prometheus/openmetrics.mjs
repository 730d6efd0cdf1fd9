#!/usr/bin/env node
/**
 * Deterministic synthetic metrics for the Prometheus test fixture, as an OpenMetrics file promtool can backfill.
 *
 *   node scripts/prometheus/openmetrics.mjs <out.om> [--end <epoch seconds>] [--hours 24]
 *
 * Every sample value is a pure function of (series, timestamp): tests recompute the exact expected values with
 * `fixtureValue()` for whatever window the fixture was generated for, and compare them bit for bit (Prometheus
 * and JavaScript both print floats as the shortest text that round-trips).
 *
 * Series (one sample every STEP_SECONDS, ending at `end`):
 *   traceo_test_cpu{instance="host-1".."host-3",job="node"}        daily sine + noise, gauge
 *   traceo_test_requests_total{instance="host-1".."host-3",job="api"} counter, +100/+110/+120 per minute
 *   traceo_test_gap{instance="host-1"}                             gauge with no samples for one hour (12 h → 11 h before end)
 *   traceo_test_spike{instance="host-1"}                           constant 5, one sample of 100 six hours before end
 *   traceo_test_special{instance="host-1"}                         minute % 10: 3 → NaN, 7 → +Inf, 8 → -Inf, else the digit
 *   traceo_test_bench{series="000".."099"}                         100 phase-shifted daily sines + noise, for benchmarks
 *   node_* {instance="host-1".."host-3",job="node"}                 node-exporter look-alikes for the provisioned
 *     dashboards and alert rules: node_load1, node_cpu_seconds_total{cpu,mode}, node_memory_MemAvailable_bytes,
 *     node_network_receive_bytes_total{device}, node_filesystem_{avail,size}_bytes{device,fstype,mountpoint},
 *     node_uname_info; one sample every NODE_SCRAPE_SECONDS (15) over the last NODE_SCRAPE_HOURS (6), every
 *     STEP_SECONDS before (see nodeExporterSeries)
 *   traceo_test_anomaly{case="spike"|"noise"}                      hourly sine + noise; "spike" is ANOMALY_SHIFT higher
 *     for ANOMALY_DURATION seconds from ANOMALY_START_BEFORE_END (3 h) before the end
 *   traceo_test_disk_used_ratio{mount="/data"|"/var"}             "/data" grows DISK_GROWTH_PER_DAY with a daily wave
 *     and reaches DISK_THRESHOLD about DISK_CROSSING_AFTER_END seconds after the end (diskUsedRatio); "/var" stays flat
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const STEP_SECONDS = 60;
export const DEFAULT_HOURS = 24;
export const BENCH_SERIES = 100;
/** Sample spacing of the node-exporter-like series (Prometheus' default scrape interval). */
export const NODE_SCRAPE_SECONDS = 15;
/** How many of the most recent hours have node-exporter-like samples at that spacing (the rest: one a minute). */
export const NODE_SCRAPE_HOURS = 6;
const DAY = 86_400;
const HOUR = 3_600;
/** The anomaly window of traceo_test_anomaly{case="spike"}: where it starts (seconds before the end), how long it lasts. */
export const ANOMALY_START_BEFORE_END = 3 * HOUR;
export const ANOMALY_DURATION = 20 * 60;
export const ANOMALY_SHIFT = 15;
/**
 * traceo_test_anomaly has two days of history where the other series have the fixture's `hours`: a new series is
 * held unscored through its first day (the learning rule), so the anomaly window must come after that day.
 */
export const ANOMALY_HISTORY_HOURS = 48;
/**
 * traceo_test_disk_used_ratio{mount="/data"} for the forecast checks: it crosses DISK_THRESHOLD soon after the end,
 * so a forecast over the fixture must see a crossing coming and place it near the truth (the noise-free formula).
 */
export const DISK_THRESHOLD = 0.9;
export const DISK_CROSSING_AFTER_END = 6 * HOUR;
export const DISK_GROWTH_PER_DAY = 0.3;
export const DISK_WAVE = 0.002;

/** Uniform in [0, 1) from two integers: a fixed integer hash, so noise is the same on every run and machine. */
function hash01(a, b) {
  let x = Math.imul(a | 0, 0x27d4eb2d) ^ Math.imul(b | 0, 0x165667b1);
  x = Math.imul(x ^ (x >>> 15), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return ((x ^ (x >>> 16)) >>> 0) / 4_294_967_296;
}

/** Series definitions; `value(t, window)` returns the sample at epoch second t, or undefined for "no sample". */
export function fixtureSeries() {
  const hosts = ['host-1', 'host-2', 'host-3'];
  const series = [];
  hosts.forEach((instance, i) =>
    series.push({
      name: 'traceo_test_cpu',
      family: 'traceo_test_cpu',
      type: 'gauge',
      help: 'Synthetic CPU usage in percent: daily sine plus noise',
      labels: { instance, job: 'node' },
      value: (t) => 50 + 20 * Math.sin((2 * Math.PI * t) / DAY + i) + 4 * (hash01(t, i + 1) - 0.5),
    })
  );
  hosts.forEach((instance, i) =>
    series.push({
      name: 'traceo_test_requests_total',
      family: 'traceo_test_requests',
      type: 'counter',
      help: 'Synthetic request counter growing by 100 + 10 * host index per minute',
      labels: { instance, job: 'api' },
      value: (t) => ((t - 1_600_000_000) / 60) * (100 + 10 * i),
    })
  );
  series.push({
    name: 'traceo_test_gap',
    family: 'traceo_test_gap',
    type: 'gauge',
    help: 'Synthetic gauge with a one-hour hole twelve hours before the end',
    labels: { instance: 'host-1' },
    value: (t, { end }) => (t >= end - 12 * HOUR && t < end - 11 * HOUR ? undefined : 10 + ((t / HOUR) % 24)),
  });
  series.push({
    name: 'traceo_test_spike',
    family: 'traceo_test_spike',
    type: 'gauge',
    help: 'Synthetic constant with a single spike six hours before the end',
    labels: { instance: 'host-1' },
    value: (t, { end }) => (t === end - 6 * HOUR ? 100 : 5),
  });
  series.push({
    name: 'traceo_test_special',
    family: 'traceo_test_special',
    type: 'gauge',
    help: 'Synthetic gauge with NaN and infinite samples',
    labels: { instance: 'host-1' },
    value: (t) => {
      const digit = Math.floor(t / 60) % 10;
      return digit === 3 ? NaN : digit === 7 ? Infinity : digit === 8 ? -Infinity : digit;
    },
  });
  for (let k = 0; k < BENCH_SERIES; k++) {
    series.push({
      name: 'traceo_test_bench',
      family: 'traceo_test_bench',
      type: 'gauge',
      help: 'One hundred synthetic daily series for benchmarks',
      labels: { series: String(k).padStart(3, '0') },
      value: (t) => 100 + 50 * Math.sin((2 * Math.PI * t) / DAY + k / 10) + 10 * (hash01(t, 1000 + k) - 0.5),
    });
  }
  series.push(...nodeExporterSeries(hosts));
  // Anomaly detection: an hourly cycle (two full cycles in any range of two hours) with uniform noise of ±1; the
  // spike case is ANOMALY_SHIFT (about 26 noise standard deviations) higher for 20 minutes, the noise case never.
  ['spike', 'noise'].forEach((anomalyCase, k) =>
    series.push({
      name: 'traceo_test_anomaly',
      family: 'traceo_test_anomaly',
      type: 'gauge',
      help: 'Synthetic hourly cycle plus noise; case="spike" is 15 higher for 20 minutes from 3 hours before the end',
      labels: { case: anomalyCase },
      hours: ANOMALY_HISTORY_HOURS,
      value: (t, { end }) => {
        const start = end - ANOMALY_START_BEFORE_END;
        const shifted = anomalyCase === 'spike' && t >= start && t < start + ANOMALY_DURATION;
        return (
          50 + 10 * Math.sin((2 * Math.PI * t) / HOUR) + 2 * (hash01(t, 2000 + k) - 0.5) + (shifted ? ANOMALY_SHIFT : 0)
        );
      },
    })
  );
  ['/data', '/var'].forEach((mount, k) =>
    series.push({
      name: 'traceo_test_disk_used_ratio',
      family: 'traceo_test_disk_used_ratio',
      type: 'gauge',
      help: 'Synthetic disk usage ratio: mount="/data" grows 0.3 a day and reaches 0.9 about 6 hours after the end',
      labels: { mount },
      value: (t, { end }) =>
        (mount === '/data' ? diskUsedRatio(t, end) : 0.4 + DISK_WAVE * Math.sin((2 * Math.PI * t) / DAY)) +
        0.002 * (hash01(t, 4000 + k) - 0.5),
    })
  );
  return series;
}

/**
 * The noise-free shape of traceo_test_disk_used_ratio{mount="/data"}: a linear climb that would reach
 * DISK_THRESHOLD exactly DISK_CROSSING_AFTER_END after `end`, plus a daily wave (which moves the true crossing
 * by up to DISK_WAVE / DISK_GROWTH_PER_DAY of a day). The conformance suite recomputes it to know the truth.
 */
export function diskUsedRatio(t, end) {
  const daysToCrossing = (end + DISK_CROSSING_AFTER_END - t) / DAY;
  return DISK_THRESHOLD - DISK_GROWTH_PER_DAY * daysToCrossing + DISK_WAVE * Math.sin((2 * Math.PI * t) / DAY);
}

/**
 * node-exporter-like series, so the provisioned dashboards and alert rules (provisioning/) query real data in the
 * conformance suite. Names and labels follow node-exporter; counters are closed-form integrals of their rates, so
 * they only ever grow and `rate()` over them is the rate below. Families stay contiguous, as OpenMetrics requires.
 * Over the last NODE_SCRAPE_HOURS they are sampled every NODE_SCRAPE_SECONDS like a real scrape: `$__rate_interval`
 * assumes a 15 s scrape interval, and a 60 s spacing would leave its one-minute windows with a single sample and
 * `rate()` empty. Older history keeps one sample a minute (as if downsampled), which keeps the fixture small.
 */
function nodeExporterSeries(hosts) {
  const epoch = 1_600_000_000;
  const omega = (2 * Math.PI) / DAY;
  const GiB = 1024 ** 3;
  const series = [];
  const push = (family, type, help, name, labels, value) =>
    hosts.forEach((instance, i) =>
      series.push({
        name,
        family,
        type,
        help,
        labels: { ...labels(instance), job: 'node' },
        value: (t, { end }) =>
          t < end - NODE_SCRAPE_HOURS * HOUR && (end - t) % STEP_SECONDS !== 0 ? undefined : value(t, i),
        stepSeconds: NODE_SCRAPE_SECONDS,
      })
    );

  push(
    'node_load1',
    'gauge',
    '1m load average.',
    'node_load1',
    (instance) => ({ instance }),
    (t, i) => 1 + 0.5 * i + 0.8 * Math.sin(omega * t + i) + 0.4 * (hash01(t, 2000 + i) - 0.5)
  );
  // One CPU per host. Busy fractions: user 0.25 ± 0.15 (daily), system 0.05 + 0.01 × host; idle is the rest.
  const userSeconds = (t, i) =>
    0.25 * (t - epoch) - (0.15 / omega) * (Math.cos(omega * t + i) - Math.cos(omega * epoch + i));
  const systemSeconds = (t, i) => (0.05 + 0.01 * i) * (t - epoch);
  const cpuModes = {
    idle: (t, i) => t - epoch - userSeconds(t, i) - systemSeconds(t, i),
    system: systemSeconds,
    user: userSeconds,
  };
  for (const [mode, seconds] of Object.entries(cpuModes)) {
    push(
      'node_cpu_seconds',
      'counter',
      'Seconds the CPUs spent in each mode.',
      'node_cpu_seconds_total',
      (instance) => ({ cpu: '0', instance, mode }),
      seconds
    );
  }
  push(
    'node_memory_MemAvailable_bytes',
    'gauge',
    'Memory information field MemAvailable_bytes.',
    'node_memory_MemAvailable_bytes',
    (instance) => ({ instance }),
    (t, i) => Math.round(GiB * (6 + 2 * Math.sin(omega * t + i) + 0.5 * hash01(t, 3000 + i)))
  );
  const receiveRates = { eth0: (i) => 125_000 * (i + 1), lo: () => 2_000 };
  for (const [device, rate] of Object.entries(receiveRates)) {
    push(
      'node_network_receive_bytes',
      'counter',
      'Network device statistic receive_bytes.',
      'node_network_receive_bytes_total',
      (instance) => ({ device, instance }),
      (t, i) => (t - epoch) * rate(i)
    );
  }
  // A real disk and a tmpfs the dashboard's `fstype!~"tmpfs|overlay"` must filter out.
  const filesystems = [
    { labels: { device: '/dev/sda1', fstype: 'ext4', mountpoint: '/' }, size: 100 * GiB },
    { labels: { device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/run' }, size: GiB },
  ];
  for (const { labels, size } of filesystems) {
    push(
      'node_filesystem_avail_bytes',
      'gauge',
      'Filesystem space available to non-root users in bytes.',
      'node_filesystem_avail_bytes',
      (instance) => ({ ...labels, instance }),
      (t, i) => Math.round(size * (0.4 + 0.1 * i + 0.05 * Math.sin(omega * t)))
    );
  }
  for (const { labels, size } of filesystems) {
    push(
      'node_filesystem_size_bytes',
      'gauge',
      'Filesystem size in bytes.',
      'node_filesystem_size_bytes',
      (instance) => ({ ...labels, instance }),
      () => size
    );
  }
  push(
    'node_uname_info',
    'gauge',
    'Labeled system information as provided by the uname system call.',
    'node_uname_info',
    (instance) => ({ instance, machine: 'x86_64', nodename: instance, release: '6.1.0', sysname: 'Linux' }),
    () => 1
  );
  return series;
}

/**
 * The sample timestamps of a fixture window: `hours` of samples every `stepSeconds` (STEP_SECONDS unless a
 * series scrapes faster) ending at `end` (inclusive).
 */
export function fixtureTimestamps({ end, hours = DEFAULT_HOURS }, stepSeconds = STEP_SECONDS) {
  const count = (hours * HOUR) / stepSeconds;
  return Array.from({ length: count }, (_, i) => end - (count - 1 - i) * stepSeconds);
}

/** The value the fixture holds for `name{labels}` at epoch second t (undefined: no sample there). */
export function fixtureValue(name, labels, t, window) {
  const key = JSON.stringify(labels);
  const found = fixtureSeries().find((s) => s.name === name && JSON.stringify(s.labels) === key);
  if (!found) {
    throw new Error(`no fixture series ${name}${key}`);
  }
  return found.value(t, window);
}

function formatValue(v) {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (v === Infinity) {
    return '+Inf';
  }
  if (v === -Infinity) {
    return '-Inf';
  }
  return String(v);
}

function formatLabels(labels) {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

/** The OpenMetrics text: families contiguous, each series' samples contiguous and ascending, then `# EOF`. */
export function renderOpenMetrics(window) {
  const timestamps = fixtureTimestamps(window);
  const lines = [];
  let family;
  for (const s of fixtureSeries()) {
    if (s.family !== family) {
      family = s.family;
      lines.push(`# HELP ${s.family} ${s.help}`, `# TYPE ${s.family} ${s.type}`);
    }
    const prefix = `${s.name}${formatLabels(s.labels)} `;
    const own = s.stepSeconds !== undefined || s.hours !== undefined;
    const seriesTimes = own
      ? fixtureTimestamps({ ...window, hours: s.hours ?? window.hours }, s.stepSeconds)
      : timestamps;
    for (const t of seriesTimes) {
      const v = s.value(t, window);
      if (v !== undefined) {
        lines.push(`${prefix}${formatValue(v)} ${t}`);
      }
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

/** Default end: the last whole minute at least one minute ago, so the window ends "near now". */
export function defaultEnd(nowMs = Date.now()) {
  return Math.floor(nowMs / 1000 / STEP_SECONDS) * STEP_SECONDS - STEP_SECONDS;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { end: { type: 'string' }, hours: { type: 'string' } },
  });
  if (positionals.length !== 1) {
    process.stderr.write('usage: openmetrics.mjs <out.om> [--end <epoch seconds>] [--hours 24]\n');
    process.exit(2);
  }
  const window = {
    end: values.end ? Number(values.end) : defaultEnd(),
    hours: values.hours ? Number(values.hours) : DEFAULT_HOURS,
  };
  writeFileSync(positionals[0], renderOpenMetrics(window));
  process.stdout.write(`${JSON.stringify(window)}\n`);
}
