/**
 * Labels, ids and test ids of the data source editors, shared by the components, the jest tests and the
 * Playwright specs, so a wording change breaks one place.
 */
export const selectors = {
  configEditor: {
    prometheusUrl: { id: 'traceo-config-prometheus-url', label: 'Prometheus URL' },
    authMethod: { id: 'traceo-config-auth-method', label: 'Authentication' },
    basicAuthUser: { id: 'traceo-config-basic-user', label: 'User' },
    basicAuthPassword: { id: 'traceo-config-basic-password', label: 'Password' },
    bearerToken: { id: 'traceo-config-bearer-token', label: 'Token' },
    headerName: (slot: number) => ({ id: `traceo-config-header-name-${slot}`, label: `Header ${slot} name` }),
    headerValue: (slot: number) => ({ id: `traceo-config-header-value-${slot}`, label: `Header ${slot} value` }),
    addHeader: 'Add header',
    removeHeader: (slot: number) => `Remove header ${slot}`,
    tlsSkipVerify: { id: 'traceo-config-tls-skip-verify', label: 'Skip TLS certificate verification' },
    tlsWithCACert: { id: 'traceo-config-tls-with-ca', label: 'Verify with a custom CA' },
    tlsCACert: { id: 'traceo-config-tls-ca-cert', label: 'CA certificate' },
    timeoutSeconds: { id: 'traceo-config-timeout', label: 'Timeout (seconds)' },
    maxSeries: { id: 'traceo-config-max-series', label: 'Max series per query' },
    incrementalQuerying: { id: 'traceo-config-incremental-querying', label: 'Incremental querying' },
    incrementalQueryOverlapWindow: { id: 'traceo-config-incremental-overlap', label: 'Query overlap window' },
    storage: { id: 'traceo-config-storage', label: 'Incident store' },
    sqlitePath: { id: 'traceo-config-sqlite-path', label: 'SQLite file' },
    postgresDsn: { id: 'traceo-config-postgres-dsn', label: 'PostgreSQL DSN' },
    postgresPassword: { id: 'traceo-config-postgres-password', label: 'PostgreSQL password' },
    webhookToken: { id: 'traceo-config-webhook-token', label: 'Webhook token' },
    auditRetentionDays: { id: 'traceo-config-audit-retention', label: 'Audit retention (days)' },
  },
  queryEditor: {
    container: 'data-testid traceo-query-editor',
    queryType: { id: 'traceo-query-type', label: 'Query type' },
    unavailableType: 'data-testid traceo-query-type-unavailable',
    expr: { id: 'traceo-query-expr', label: 'PromQL' },
    history: 'Query history',
    legendFormat: { id: 'traceo-query-legend', label: 'Legend' },
    step: { id: 'traceo-query-step', label: 'Step' },
    output: { id: 'traceo-query-output', label: 'Output' },
  },
} as const;
