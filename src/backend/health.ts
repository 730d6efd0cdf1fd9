/**
 * CheckHealth ("Save & test", the advisor app, /api/datasources/uid/<uid>/health): proves the configured
 * Prometheus answers, with its version, or says what to fix. The failure messages come from the settings
 * parser and the Prometheus client, which already name the setting or the URL at fault.
 */
import type { CheckHealthHandler, CheckHealthResult } from 'backend/grafana/diagnostics';
import { PrometheusUnavailableError } from 'backend/prometheus/errors';
import type { PrometheusClient } from 'backend/prometheus/client';
import type { PrometheusClientProvider } from 'backend/query/client-provider';

export function checkHealthHandler(clientFor: PrometheusClientProvider): CheckHealthHandler {
  return async (req, ctx) => {
    let client: PrometheusClient;
    try {
      client = await clientFor(req.pluginContext);
    } catch (err) {
      return failed(err);
    }
    try {
      const info = await client.buildInfo(ctx.signal);
      return {
        status: 'OK',
        message: `Prometheus ${info.version} reachable at ${client.displayUrl}`,
        jsonDetails: { url: client.displayUrl, version: info.version },
      };
    } catch (err) {
      if (err instanceof PrometheusUnavailableError && err.failure === 'not-found') {
        return probeWithoutBuildInfo(client, ctx.signal, err);
      }
      return failed(err);
    }
  };
}

/**
 * Some Prometheus-compatible servers (older Thanos, Cortex, VictoriaMetrics) have no buildinfo endpoint: if a
 * trivial query works, the data source works, only the version is unknown. If it fails too, the URL is wrong.
 */
async function probeWithoutBuildInfo(
  client: PrometheusClient,
  signal: AbortSignal,
  buildInfoError: Error
): Promise<CheckHealthResult> {
  try {
    await client.query('vector(1)', Date.now(), signal);
  } catch {
    return failed(buildInfoError);
  }
  return {
    status: 'OK',
    message: `Prometheus-compatible API reachable at ${client.displayUrl} (version unknown: it has no buildinfo endpoint)`,
    jsonDetails: { url: client.displayUrl },
  };
}

function failed(err: unknown): CheckHealthResult {
  return { status: 'ERROR', message: err instanceof Error ? err.message : String(err) };
}
