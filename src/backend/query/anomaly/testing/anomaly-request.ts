/**
 * Test helper: a QueryData request holding one `anomaly` query, the way Grafana sends a panel's query for the
 * provisioned data source. Each test file keeps its own short builder on top of it for what it varies.
 */
import type { DataQuery, QueryDataRequest } from 'backend/grafana/data';
import type { PluginContext } from 'backend/grafana/plugin-context';

export function anomalyRequest(query: Pick<DataQuery, 'timeRange' | 'json'> & Partial<DataQuery>): QueryDataRequest {
  return {
    pluginContext: {
      orgId: 1,
      grafanaConfig: {},
      dataSourceInstanceSettings: { uid: 'traceo-ml', lastUpdatedMs: 1 },
    } as PluginContext,
    headers: {},
    queries: [{ refId: 'A', queryType: 'anomaly', maxDataPoints: 1000, intervalMs: 60_000, ...query }],
  };
}
