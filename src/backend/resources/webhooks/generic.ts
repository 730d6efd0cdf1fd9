/**
 * The generic incident format: what any tool (or a person with curl) can send, and what our JSON/CSV export
 * writes and the import reads, so a round trip keeps every field.
 *
 *   incident_id, timestamp (ISO 8601 or epoch s/ms), service, severity, duration_minutes, impact_users,
 *   root_cause, contributing_factors, metrics_snapshot, error_logs, trace_ids, resolution_action, prevention
 *
 * plus optional title, status, ended_at, source, alert_labels, annotations and url. Without `status`, an
 * incident with an end (ended_at or duration_minutes) is resolved and one without is firing. List fields take
 * a list of strings or a single string.
 */
import { z } from 'zod';

import type { IncidentEvent } from 'backend/store/store';
import { INCIDENT_SOURCES, INCIDENT_STATUSES, type IncidentSource } from 'contract/resources';
import { instant, nullableText, numberLike, stringMap, text } from '../validation';

const MAX_LIST = 1000;

const stringList = (maxItem: number) =>
  z.preprocess(
    (v) => (v === null || v === '' ? undefined : typeof v === 'string' ? [v] : v),
    z
      .array(text(maxItem), { error: 'must be a list of strings' })
      .max(MAX_LIST, { error: `must have at most ${MAX_LIST} items` })
      .optional()
  );

const jsonObject = z.record(z.string(), z.json(), { error: 'must be a JSON object' });

export const genericIncidentSchema = z.object({
  incident_id: z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    text(512).trim().min(1, { error: 'must not be empty' })
  ),
  timestamp: instant,
  service: nullableText(512),
  severity: nullableText(64),
  duration_minutes: numberLike(
    z
      .number({ error: 'must be a number' })
      .min(0, { error: 'must be at least 0' })
      .max(10_000_000, { error: 'must be at most 10000000' })
      .nullable()
      .optional()
  ),
  impact_users: numberLike(
    z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be at least 0' })
      .max(Number.MAX_SAFE_INTEGER)
      .nullable()
      .optional()
  ),
  root_cause: nullableText(10_000),
  contributing_factors: stringList(10_000),
  metrics_snapshot: jsonObject.nullable().optional(),
  error_logs: stringList(100_000),
  trace_ids: stringList(256),
  resolution_action: nullableText(100_000),
  prevention: nullableText(100_000),
  title: nullableText(1024),
  status: z.enum(INCIDENT_STATUSES, { error: 'must be "firing" or "resolved"' }).optional(),
  ended_at: z.preprocess((v) => (v === '' ? undefined : v), instant.nullable().optional()),
  source: z.enum(INCIDENT_SOURCES, { error: `must be one of ${INCIDENT_SOURCES.join(', ')}` }).optional(),
  alert_labels: stringMap(200, 4096).nullable().optional(),
  annotations: stringMap(200, 65536).nullable().optional(),
  url: nullableText(4096),
});

export type GenericIncidentInput = z.infer<typeof genericIncidentSchema>;

/** One record or a batch: a JSON array, or our export's `{ incidents: [...] }`. */
export function genericRecords(body: unknown): unknown[] {
  if (Array.isArray(body)) {
    return body;
  }
  if (body !== null && typeof body === 'object' && Array.isArray((body as { incidents?: unknown }).incidents)) {
    return (body as { incidents: unknown[] }).incidents;
  }
  return [body];
}

/**
 * `defaultSource` applies when the record names none; `forceSource` overrides what it names (a webhook sender
 * must not be able to write into another source's incidents).
 */
export function genericEvent(
  record: GenericIncidentInput,
  options: { defaultSource?: IncidentSource; forceSource?: IncidentSource } = {}
): IncidentEvent {
  const startedAt = record.timestamp;
  const fromDuration =
    record.duration_minutes === null || record.duration_minutes === undefined
      ? null
      : startedAt + Math.round(record.duration_minutes * 60_000);
  const end = record.ended_at ?? fromDuration;
  const status = record.status ?? (end === null ? 'firing' : 'resolved');
  const endedAt = status === 'resolved' ? (end ?? startedAt) : null;
  const service = record.service ?? null;
  return {
    source: options.forceSource ?? record.source ?? options.defaultSource ?? 'generic',
    externalId: record.incident_id,
    status,
    observedAt: endedAt ?? startedAt,
    startedAt,
    endedAt,
    title: record.title || (service ? `${record.incident_id} · ${service}` : record.incident_id),
    details: {
      service: record.service,
      severity: record.severity,
      impactUsers: record.impact_users,
      reportedRootCause: record.root_cause,
      contributingFactors: record.contributing_factors,
      metricsSnapshot: record.metrics_snapshot as IncidentEvent['details']['metricsSnapshot'],
      errorLogs: record.error_logs,
      traceIds: record.trace_ids,
      resolutionAction: record.resolution_action,
      prevention: record.prevention,
      alertLabels: record.alert_labels ?? undefined,
      annotations: record.annotations ?? undefined,
      url: record.url,
    },
  };
}
