/** CheckHealth and CollectMetrics (pluginv2.Diagnostics). */
import type { CallContext } from './data';
import type { PluginContext } from './plugin-context';

export type HealthStatus = 'UNKNOWN' | 'OK' | 'ERROR';

export interface CheckHealthRequest {
  pluginContext: PluginContext;
  headers: Record<string, string>;
}

export interface CheckHealthResult {
  status: HealthStatus;
  /** Shown to the user after "Save & test": say what to fix, not just what failed. */
  message: string;
  /** Must be a JSON object when present; Grafana answers 500 for anything else. */
  jsonDetails?: Record<string, unknown>;
}

export type CheckHealthHandler = (req: CheckHealthRequest, ctx: CallContext) => Promise<CheckHealthResult>;

/** Returns Prometheus text exposition bytes. */
export type CollectMetricsHandler = (pluginContext: PluginContext) => Promise<string>;
