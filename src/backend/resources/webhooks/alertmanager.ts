/**
 * Prometheus Alertmanager webhook (`webhook_configs`, payload version 4): one incident per alert occurrence.
 * An alert's identity is its fingerprint (label set) plus its start: Alertmanager keeps `startsAt` from firing
 * to resolved and across repeat notifications, and a new `startsAt` means the alert fired again, which is a
 * new incident. Grafana Alerting sends the same shape with a few extras (grafana.ts).
 */
import { createHash } from 'node:crypto';

import { z } from 'zod';

import type { IncidentEvent } from 'backend/store/store';
import { isoTime, parseInstant } from '../time';
import { stringMap, text } from '../validation';
import type { ParsedWebhook } from './parsed-webhook';

const time = text(64).refine((t) => parseInstant(t) !== undefined || /^0001-01-01/.test(t), {
  error: 'must be an RFC 3339 time',
});

export const alertSchema = z.object({
  status: z.enum(['firing', 'resolved'], { error: 'must be "firing" or "resolved"' }),
  labels: stringMap(200, 4096),
  annotations: stringMap(200, 65536).default({}),
  startsAt: time,
  endsAt: time.optional(),
  generatorURL: text(4096).optional(),
  fingerprint: text(128).optional(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertmanagerSchema = z.object({
  version: text(16).optional(),
  groupKey: text(4096).optional(),
  truncatedAlerts: z.number().optional(),
  status: z.enum(['firing', 'resolved']).optional(),
  receiver: text(512).optional(),
  externalURL: text(4096).optional(),
  alerts: z.array(alertSchema, { error: 'must be a list of alerts' }).max(10_000, { error: 'at most 10000 alerts' }),
});

/** Alertmanager's own fingerprint when sent (v0.19+), else one from the sorted label set. */
export function fingerprintOf(alert: Alert): string {
  if (alert.fingerprint) {
    return alert.fingerprint;
  }
  const canonical = Object.keys(alert.labels)
    .sort()
    .map((key) => `${key}\u0000${alert.labels[key]}`)
    .join('\u0001');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function alertEvent(
  alert: Alert,
  source: 'alertmanager' | 'grafana',
  now: number,
  extraAnnotations: Record<string, string> = {}
): IncidentEvent {
  const startedAt = parseInstant(alert.startsAt) ?? now;
  const endsAt = alert.endsAt === undefined ? undefined : parseInstant(alert.endsAt);
  const resolved = alert.status === 'resolved';
  // A resolution without an end time is dated by its arrival.
  const endedAt = resolved ? (endsAt ?? now) : null;
  const labels = alert.labels;
  return {
    source,
    externalId: `${fingerprintOf(alert)}@${isoTime(startedAt)}`,
    status: alert.status,
    observedAt: resolved ? endedAt! : startedAt,
    startedAt,
    endedAt,
    title: alert.annotations.summary || labels.alertname || 'alert',
    details: {
      service: labels.service ?? labels.app ?? labels.job ?? null,
      severity: labels.severity ?? null,
      alertLabels: labels,
      annotations: { ...alert.annotations, ...extraAnnotations },
      url: alert.generatorURL || null,
    },
  };
}

export function alertmanagerEvents(payload: z.infer<typeof alertmanagerSchema>, now: number): ParsedWebhook {
  return { events: payload.alerts.map((alert) => alertEvent(alert, 'alertmanager', now)), ignored: 0 };
}
