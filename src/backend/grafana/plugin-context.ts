/** What Grafana tells the plugin about who is asking and for which instance (pluginv2.PluginContext). */

export type GrafanaRole = 'Viewer' | 'Editor' | 'Admin' | 'None';

export interface User {
  login: string;
  name: string;
  email: string;
  /** Org role as Grafana sends it; absent user means Grafana itself is asking (alerting, recording rules). */
  role: GrafanaRole | string;
}

export interface DataSourceInstanceSettings {
  uid: string;
  name: string;
  url: string;
  user: string;
  database: string;
  basicAuthEnabled: boolean;
  basicAuthUser: string;
  /** Parsed jsonData; `{}` when Grafana sent none. */
  jsonData: Record<string, unknown>;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMs: number;
  apiVersion: string;
}

export interface AppInstanceSettings {
  jsonData: Record<string, unknown>;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMs: number;
  apiVersion: string;
}

export interface PluginContext {
  orgId: number;
  pluginId: string;
  user?: User;
  appInstanceSettings?: AppInstanceSettings;
  dataSourceInstanceSettings?: DataSourceInstanceSettings;
  /** Per-request Grafana configuration (GF_APP_URL, GF_SQL_ROW_LIMIT, …), see grafana-protocol.md §1.2a. */
  grafanaConfig: Record<string, string>;
  pluginVersion: string;
  userAgent: string;
}
