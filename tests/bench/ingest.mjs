#!/usr/bin/env node
/**
 * Webhook ingestion throughput (a benchmark, not a test): incidents per second stored, into SQLite and
 * PostgreSQL, two ways:
 * - `grpc`: the real backend process driven over gRPC CallResource exactly as Grafana forwards webhook
 *   deliveries (the JS gRPC client here shares the machine with it, which Grafana's Go client would not);
 * - `handler`: the resource handler in this process (validation, auth, store), without the transport.
 * Every delivery is acknowledged only after its transaction is durable (SQLite: WAL + synchronous=FULL with
 * group commit; PostgreSQL: synchronous_commit on, batched commits), so the numbers include the fsyncs.
 *
 *   node tests/bench/ingest.mjs [--incidents 10000] [--concurrency 32] [--backend sqlite|postgres|both]
 *                               [--via grpc|handler|both]
 *
 * Runs with the Node 24 runtime (node scripts/node-runtime.mjs x64). PostgreSQL: $PG_URL, or a fixture started
 * here. Scenarios: one generic incident per delivery; Alertmanager deliveries of 10 alerts; and redeliveries of
 * already stored incidents (idempotency costs a read, not a write). Results also go to artifacts/bench-ingest.json.
 * Bar (DESIGN.md / issue): ≥ 1,000 incidents/s for single-incident deliveries into each store.
 */
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import {
  alert,
  alertmanagerPayload,
  genericIncident,
  resourceClient,
  WEBHOOK_TOKEN,
} from '../integration/ingest-harness.mjs';
import { callResource, startBackend } from '../integration/store-backend-process.mjs';
import { freshDatabase, stopOwnPostgres } from '../integration/store-backends.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '32' },
    backend: { type: 'string', default: 'both' },
    via: { type: 'string', default: 'both' },
  },
});
const INCIDENTS = Number(values.incidents);
const CONCURRENCY = Number(values.concurrency);
const BAR = 1000;
const WARMUP = 300;
const kinds = values.backend === 'both' ? ['sqlite', 'postgres'] : [values.backend];
const vias = values.via === 'both' ? ['grpc', 'handler'] : [values.via];

const headers = { 'X-Traceo-Webhook-Token': WEBHOOK_TOKEN };

/** Sends `deliveries` with CONCURRENCY in flight; returns wall time and per-delivery latencies. */
async function drive(send, deliveries) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < deliveries.length) {
      const { format, body } = deliveries[next++];
      const t = performance.now();
      const res = await send(format, body);
      if (res.status >= 300) {
        throw new Error(`delivery answered ${res.status}: ${res.text}`);
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

/** CPU seconds (user + system) a process has used, from /proc (Linux; clock ticks are 100 Hz there). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL server process (they come and go with connections: sample both ends). */
function postgresCpuSeconds() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') {
        total += cpuSeconds(pid);
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function generic(prefix, n) {
  return Array.from({ length: n }, (_, i) => ({
    format: 'generic',
    body: genericIncident({ incident_id: `${prefix}-${i}`, timestamp: Date.UTC(2025, 0, 1) + i * 1000 }),
  }));
}

function alertmanager(prefix, n, perDelivery) {
  return Array.from({ length: Math.ceil(n / perDelivery) }, (_, d) => ({
    format: 'alertmanager',
    body: alertmanagerPayload(
      Array.from({ length: perDelivery }, (_, a) => alert({ fingerprint: `${prefix}${d}x${a}`, start: d }))
    ),
  }));
}

/** A way to deliver webhooks to a fresh database of `kind`; `close()` releases it. */
async function target(kind, via) {
  const db = await freshDatabase(kind);
  const instance = db.instance({}, { webhookToken: WEBHOOK_TOKEN });
  if (via === 'handler') {
    const client = resourceClient(instance);
    return {
      send: async (format, body) => client.webhook(format, body),
      close: async () => {
        await client.close();
        await db.dispose();
      },
    };
  }
  // Grafana's default log level is info; at debug, each request's log line costs a synchronous stderr write.
  const plugin = await startBackend({ env: { GF_PLUGIN_LOG_LEVEL: 'info' } });
  return {
    cpu: () => ({ backend: cpuSeconds(plugin.pid), postgres: kind === 'postgres' ? postgresCpuSeconds() : 0 }),
    send: (format, body) =>
      callResource(plugin, instance, { method: 'POST', path: `webhooks/${format}`, user: null, headers, body }),
    close: async () => {
      await plugin.stop();
      await db.dispose();
    },
  };
}

const results = [];
try {
  for (const kind of kinds) {
    for (const via of vias) {
      const { send, close, cpu } = await target(kind, via);
      try {
        await drive(send, generic('warmup', WARMUP));
        const scenarios = [
          { name: 'generic, 1 incident/delivery', deliveries: generic('g', INCIDENTS), perDelivery: 1, bar: BAR },
          { name: 'alertmanager, 10 alerts/delivery', deliveries: alertmanager('a', INCIDENTS, 10), perDelivery: 10 },
          { name: 'redelivery of stored incidents', deliveries: generic('g', INCIDENTS), perDelivery: 1 },
        ];
        for (const scenario of scenarios) {
          const before = cpu?.();
          const { seconds, latencies } = await drive(send, scenario.deliveries);
          const after = cpu?.();
          const incidents = scenario.deliveries.length * scenario.perDelivery;
          // Load-independent cost: CPU per incident in the backend (and PostgreSQL), and the rate one core buys.
          const cost = after && {
            backendCpuMsPerIncident: Number((((after.backend - before.backend) * 1000) / incidents).toFixed(3)),
            postgresCpuMsPerIncident: Number((((after.postgres - before.postgres) * 1000) / incidents).toFixed(3)),
          };
          const rate = incidents / seconds;
          const result = {
            backend: kind,
            via,
            scenario: scenario.name,
            incidents,
            deliveries: scenario.deliveries.length,
            concurrency: CONCURRENCY,
            seconds: Number(seconds.toFixed(2)),
            incidentsPerSecond: Math.round(rate),
            latencyMs: {
              p50: Number(quantile(latencies, 0.5).toFixed(1)),
              p99: Number(quantile(latencies, 0.99).toFixed(1)),
            },
            ...(cost ?? {}),
            bar: scenario.bar,
            meetsBar: scenario.bar === undefined ? undefined : rate >= scenario.bar,
          };
          results.push(result);
          const verdict =
            scenario.bar === undefined ? '' : `  bar ≥ ${scenario.bar}/s: ${result.meetsBar ? 'PASS' : 'FAIL'}`;
          process.stdout.write(
            `ingest ${kind.padEnd(8)} ${via.padEnd(7)} ${scenario.name.padEnd(34)} ${String(incidents).padStart(6)} ` +
              `incidents in ${seconds.toFixed(2)} s = ${String(result.incidentsPerSecond).padStart(6)} incidents/s ` +
              `(p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms)` +
              (cost
                ? `; cpu/incident: backend ${cost.backendCpuMsPerIncident} ms` +
                  (kind === 'postgres' ? `, postgres ${cost.postgresCpuMsPerIncident} ms` : '') +
                  ` (≈ ${Math.round(1000 / cost.backendCpuMsPerIncident)}/s per backend core)`
                : '') +
              `${verdict}\n`
          );
        }
      } finally {
        await close();
      }
    }
  }
} finally {
  await stopOwnPostgres();
}

// Shared machines make absolute rates noisy: the load average says how much of the machine the run had.
const load = loadavg().map((l) => Number(l.toFixed(2)));
process.stdout.write(`load average at the end of the run: ${load.join(' ')}\n`);
mkdirSync(join(root, 'artifacts'), { recursive: true });
writeFileSync(
  join(root, 'artifacts', 'bench-ingest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), loadAverage: load, results }, null, 2)}\n`
);
process.exitCode = results.some((r) => r.meetsBar === false) ? 1 : 0;
