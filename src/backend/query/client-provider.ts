import type { PluginContext } from 'backend/grafana/plugin-context';
import type { PrometheusClient } from 'backend/prometheus/client';

/** The Prometheus client of the data source instance a request is for (cached per instance by main.ts). */
export type PrometheusClientProvider = (ctx: PluginContext) => Promise<PrometheusClient>;
