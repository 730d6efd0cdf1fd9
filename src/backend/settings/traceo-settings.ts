/**
 * The data source's settings once parsed and validated: what the Prometheus client and the handlers use.
 * Secrets (passwords, tokens, header values) live here in clear text, so never log or serialise this object.
 */

export type PrometheusAuth =
  { method: 'none' } | { method: 'basic'; user: string; password: string } | { method: 'bearer'; token: string };

export interface CustomHeader {
  name: string;
  value: string;
}

export interface TlsSettings {
  /** Accept any certificate: for self-signed test setups only. */
  skipVerify: boolean;
  /** PEM bundle trusted in addition to the system CAs. */
  caCert?: string;
}

export interface TraceoSettings {
  /** Base URL of the Prometheus-compatible API; `undefined` when the data source has none configured yet. */
  prometheusUrl?: URL;
  auth: PrometheusAuth;
  customHeaders: CustomHeader[];
  tls: TlsSettings;
  /** Per-request timeout towards Prometheus. */
  timeoutMs: number;
  /** Upper bound on the series one query may return. */
  maxSeries: number;
}
