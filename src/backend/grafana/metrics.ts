/**
 * Prometheus metrics of the plugin process. Grafana scrapes them through CollectMetrics and serves them
 * as-is at /api/plugins/<id>/metrics (grafana-protocol.md §7.2), so they are plain text exposition from
 * prom-client's default registry: anything other modules register there is exposed too.
 */
import { collectDefaultMetrics, Counter, Histogram, register, type Registry } from 'prom-client';

/** Prefix of the runtime's own metrics and of Node's default process metrics. */
export const METRICS_PREFIX = 'traceo_';

/** The RPC a request came in through. */
export type Endpoint = 'queryData' | 'checkHealth' | 'callResource' | 'collectMetrics';

export interface RequestMetrics {
  observe(endpoint: Endpoint, status: string, seconds: number): void;
}

/**
 * Buckets from 5 ms (a cached resource read) to 30 s (Grafana's default alert evaluation timeout),
 * dense around the 300 ms panel-query target.
 */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10, 30];

export function createRequestMetrics(registry: Registry = register, prefix = METRICS_PREFIX): RequestMetrics {
  const labelNames = ['endpoint', 'status'] as const;
  const duration = new Histogram({
    name: `${prefix}plugin_request_duration_seconds`,
    help: 'Time the plugin took to answer a Grafana request, by endpoint and outcome.',
    labelNames,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const total = new Counter({
    name: `${prefix}plugin_requests_total`,
    help: 'Grafana requests answered by the plugin, by endpoint and outcome.',
    labelNames,
    registers: [registry],
  });
  return {
    observe(endpoint, status, seconds) {
      duration.observe({ endpoint, status }, seconds);
      total.inc({ endpoint, status });
    },
  };
}

let processMetrics: RequestMetrics | undefined;

/**
 * The process-wide request metrics plus Node's default metrics (memory, event loop lag, GC), registered
 * once in the default registry however often this is called.
 */
export function defaultRequestMetrics(): RequestMetrics {
  if (!processMetrics) {
    collectDefaultMetrics({ prefix: METRICS_PREFIX });
    processMetrics = createRequestMetrics();
  }
  return processMetrics;
}

/** Text exposition of a registry, the bytes CollectMetrics returns when no handler is given. */
export function exposition(registry: Registry = register): Promise<string> {
  return registry.metrics();
}
