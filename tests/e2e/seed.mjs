#!/usr/bin/env node
/**
 * Seeds incidents through the generic webhook route, as an alert pipeline would:
 *   node tests/e2e/seed.mjs <base url> <data source uid> <webhook token>
 * Fails loudly (exit 1) when the backend refuses them, so the browser tests never run against an empty queue.
 */
const [base, uid, token] = process.argv.slice(2);
const now = Date.now();
const minutes = (m) => m * 60_000;
const incidents = [
  ['e2e-checkout-latency', 'checkout', 'critical', 180, 'p99 latency above 2 s'],
  ['e2e-orders-oom', 'orders', 'critical', 120, 'orders pods OOMKilled'],
  ['e2e-search-errors', 'search', 'warning', 60, 'search 5xx rate above 5%'],
].map(([id, service, severity, agoMinutes, title]) => ({
  incident_id: id,
  title,
  timestamp: new Date(now - minutes(agoMinutes)).toISOString(),
  service,
  severity,
  duration_minutes: 20,
  impact_users: 500,
  contributing_factors: ['seeded by the browser tests'],
  metrics_snapshot: { error_rate: 0.05, p99_latency_ms: 2100 },
  status: 'resolved',
}));

const response = await fetch(`${base}/api/datasources/uid/${uid}/resources/webhooks/generic`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'X-Traceo-Webhook-Token': token, 'X-Grafana-Role': 'Editor' },
  body: JSON.stringify(incidents),
});
const text = await response.text();
if (!response.ok) {
  process.stderr.write(`seed: webhook answered ${response.status}: ${text}\n`);
  process.exit(1);
}
process.stderr.write(`seed: ${text}\n`);
