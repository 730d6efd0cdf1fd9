/**
 * Data source and app settings as Grafana stores them: `jsonData` is readable by the browser,
 * `secureJsonData` is write-only (Grafana encrypts it and only the backend ever sees it decrypted).
 * Every key here is documented in the README's configuration table; keep the two in sync.
 */

export const AUTH_METHODS = ['none', 'basic', 'bearer'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export interface TraceoDataSourceJsonData {
  /** Base URL of the Prometheus-compatible HTTP API, e.g. http://prometheus:9090 */
  prometheusUrl?: string;
  authMethod?: AuthMethod;
  /** User for basic auth (the password is secureJsonData.basicAuthPassword). */
  basicAuthUser?: string;
  tlsSkipVerify?: boolean;
  /** When true, secureJsonData.tlsCACert holds a PEM CA bundle used to verify Prometheus. */
  tlsWithCACert?: boolean;
  /** Per-request timeout towards Prometheus, in seconds. */
  timeoutSeconds?: number;
  /** Custom headers: names here, values in secureJsonData.httpHeaderValue<N> (Grafana's convention). */
  httpHeaderName1?: string;
  httpHeaderName2?: string;
  httpHeaderName3?: string;
  httpHeaderName4?: string;
  httpHeaderName5?: string;
  /** Upper bound on series one query may return before the query is refused with a clear error. */
  maxSeries?: number;
  /**
   * Anomaly queries keep the values they fetched and ask Prometheus only for the newest ones (with a 10-minute
   * overlap), as Grafana's incremental querying does; default true. Off for a Prometheus whose older samples
   * change after the fact (backfills), so every query fetches its whole range.
   */
  incrementalQuerying?: boolean;
  /** How far back before the newest points a refresh fetches again (a Prometheus duration); default `10m`. */
  incrementalQueryOverlapWindow?: string;
  /** Where incidents and labels live: an embedded SQLite file (default) or a shared PostgreSQL. */
  storage?: StorageBackend;
  /** SQLite file; default `<GF_PATHS_DATA>/traceo-ml/<org>-<uid>.sqlite`. */
  sqlitePath?: string;
  /** `postgres://user@host:5432/db?sslmode=require`, without the password (secureJsonData.postgresPassword). */
  postgresDsn?: string;
  /** Audit trail entries older than this many days are deleted (default 365). */
  auditRetentionDays?: number;
}

export interface TraceoDataSourceSecureJsonData {
  basicAuthPassword?: string;
  bearerToken?: string;
  tlsCACert?: string;
  httpHeaderValue1?: string;
  httpHeaderValue2?: string;
  httpHeaderValue3?: string;
  httpHeaderValue4?: string;
  httpHeaderValue5?: string;
  postgresPassword?: string;
  /** Shared secret incident webhooks must present (header X-Traceo-Webhook-Token); webhooks are off without it. */
  webhookToken?: string;
}

export const STORAGE_BACKENDS = ['sqlite', 'postgres'] as const;
export type StorageBackend = (typeof STORAGE_BACKENDS)[number];

export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
/** A hundred years: "keep everything" in practice, still a bound. */
export const MAX_AUDIT_RETENTION_DAYS = 36_500;

export const MAX_CUSTOM_HEADERS = 5;
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_SERIES = 2000;
/** Grafana's own default for its Prometheus data source's incremental querying. */
export const DEFAULT_INCREMENTAL_OVERLAP_WINDOW = '10m';

export interface TraceoAppJsonData {
  /** uid of the Traceo ML data source the app pages query. */
  defaultDataSourceUid?: string;
}

export const APP_PLUGIN_ID = 'traceo-ml-app';
export const DATASOURCE_PLUGIN_ID = 'traceo-ml-datasource';
/** uid used by the provisioning examples, the dashboards and the tests. */
export const PROVISIONED_DATASOURCE_UID = 'traceo-ml';
