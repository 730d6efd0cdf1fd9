/**
 * Calls the resource routes the way Grafana's CallResource does (a PluginContext with the user and the data
 * source's instance settings), wired exactly like main.ts: an InstanceManager opening one store per data source
 * from its settings. No gRPC here: the protocol layer has its own tests; the kill -9 test goes through it.
 */
import { loadBackend } from './backend-bundle.mjs';

export const api = await loadBackend(
  'resources',
  `
  export { buildResourceHandler } from 'backend/resources';
  export { InstanceManager } from 'backend/grafana/instance-provider';
  export { openStore } from 'backend/store/open-store';
  export { parseStorageSettings, readWebhookToken } from 'backend/settings/store-settings';
  export { createPrometheusClient } from 'backend/prometheus/from-settings';
  export { parseTraceoSettings } from 'backend/settings/parse-settings';
  `
);

export const WEBHOOK_TOKEN = 'it-webhook-token-0123456789abcdef';

/**
 * A client of one data source: `instance` are its Grafana instance settings (freshDatabase(kind).instance()).
 * `call(method, path, { body, user, headers })`: `user` is a role name ('Viewer'…), an object, or null for
 * Grafana itself; `body` is JSON-encoded unless it is a string or Buffer.
 */
export function resourceClient(instance, { now, prometheus } = {}) {
  const stores = new api.InstanceManager(
    (settings, ctx) => api.openStore(api.parseStorageSettings(settings, ctx.orgId), { now }),
    (store) => store.close()
  );
  const handler = api.buildResourceHandler({
    store: (ctx) => stores.get(ctx),
    webhookToken: (ctx) => api.readWebhookToken(ctx.dataSourceInstanceSettings),
    prometheus,
    now,
  });

  async function call(method, path, { body, user = 'Editor', login, headers = {} } = {}) {
    const payload =
      body === undefined
        ? Buffer.alloc(0)
        : Buffer.isBuffer(body)
          ? body
          : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const who =
      user === null
        ? undefined
        : typeof user === 'object'
          ? user
          : { login: login ?? user.toLowerCase(), name: user, email: '', role: user };
    const response = await handler(
      {
        pluginContext: {
          orgId: 1,
          pluginId: 'traceo-ml-datasource',
          user: who,
          dataSourceInstanceSettings: instance,
          grafanaConfig: {},
          pluginVersion: '0.1.0',
          userAgent: 'integration-test',
        },
        path: path.split('?')[0],
        method,
        url: `/api/datasources/uid/${instance.uid}/resources/${path}`,
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
        body: payload,
      },
      { signal: new AbortController().signal }
    );
    const text = response.body === undefined ? '' : Buffer.from(response.body).toString('utf8');
    const type = response.headers?.['Content-Type']?.[0] ?? '';
    return {
      status: response.status,
      headers: response.headers ?? {},
      text,
      json: type.startsWith('application/json') && text !== '' ? JSON.parse(text) : undefined,
    };
  }

  /** A webhook delivery with the token in the header Grafana forwards. */
  const webhook = (format, body, extra = {}) =>
    call('POST', `webhooks/${format}`, {
      body,
      user: null,
      headers: { 'X-Traceo-Webhook-Token': WEBHOOK_TOKEN },
      ...extra,
    });

  return { call, webhook, close: () => stores.disposeAll(), store: (ctx) => stores.get(ctx) };
}

const T0 = Date.UTC(2025, 0, 1, 12);
export const MIN = 60_000;
export const at = (minutes) => new Date(T0 + minutes * MIN).toISOString();

export function alertmanagerPayload(
  alerts,
  status = alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved'
) {
  return {
    version: '4',
    groupKey: '{}:{alertname="HighLatency"}',
    truncatedAlerts: 0,
    status,
    receiver: 'traceo',
    groupLabels: { alertname: 'HighLatency' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts,
  };
}

export function alert({ fingerprint, status = 'firing', start = 0, end, labels = {}, annotations = {} }) {
  return {
    status,
    labels: { alertname: 'HighLatency', service: 'checkout', severity: 'critical', ...labels },
    annotations: { summary: 'p99 latency above 2s', ...annotations },
    startsAt: at(start).replace('.000Z', '.123456789Z'),
    endsAt: end === undefined ? '0001-01-01T00:00:00Z' : at(end),
    generatorURL: 'http://prometheus:9090/graph?g0.expr=latency',
    fingerprint,
  };
}

export function pagerdutyPayload(eventType, status, { id = 'Q1ABCDEF', occurredMinute = 0, type = 'incident' } = {}) {
  return {
    event: {
      id: `01${eventType}${occurredMinute}`,
      event_type: eventType,
      resource_type: type === 'incident' ? 'incident' : type,
      occurred_at: at(occurredMinute),
      agent: { id: 'PUSER', type: 'user_reference' },
      client: null,
      data: {
        id,
        type,
        self: `https://api.pagerduty.com/incidents/${id}`,
        html_url: `https://acme.pagerduty.com/incidents/${id}`,
        number: 42,
        status,
        incident_key: 'checkout-latency',
        created_at: at(0),
        title: 'Checkout latency above SLO',
        service: { id: 'PSVC', summary: 'checkout', type: 'service_reference' },
        priority: { id: 'PPRI', summary: 'P1', type: 'priority_reference' },
        urgency: 'high',
        escalation_policy: { id: 'PEP', summary: 'SRE on call', type: 'escalation_policy_reference' },
      },
    },
  };
}

export function genericIncident(overrides = {}) {
  return {
    incident_id: 'INC-1001',
    timestamp: at(0),
    service: 'checkout',
    severity: 'high',
    duration_minutes: 42,
    impact_users: 1200,
    root_cause: 'connection pool exhausted',
    contributing_factors: ['traffic spike', 'slow queries'],
    metrics_snapshot: { p99_ms: 2300, error_rate: 0.07 },
    error_logs: ['ERROR pool timeout after 30000ms'],
    trace_ids: ['4bf92f3577b34da6a3ce929d0e0e4736'],
    resolution_action: 'raised pool size to 50',
    prevention: 'alert on pool saturation',
    ...overrides,
  };
}
