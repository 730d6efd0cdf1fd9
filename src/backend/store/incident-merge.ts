/**
 * How an incident event changes a stored incident. Webhooks are retried, reordered and repeated, so this is
 * where idempotency lives:
 * - a redelivery of what is stored changes nothing (outcome `unchanged`, no write, no audit entry);
 * - an event older than the stored state (a firing notification arriving after the resolution, say) never
 *   reopens or rewrites the incident; it may only fill fields the incident does not have yet;
 * - at the same instant, resolved wins over firing (a resolve-before-fire pair ends resolved either way).
 */
import type { IngestOutcome, JsonValue } from 'contract/resources';
import type { IncidentDetails, IncidentEvent, IncidentRecord } from './store';
import { incidentId } from './ids';

export interface MergeResult {
  record: IncidentRecord;
  outcome: IngestOutcome;
  /** Changed fields with their previous and new values, for the audit trail (empty when created/unchanged). */
  changes: Record<string, { before: unknown; after: unknown }>;
}

const DETAIL_KEYS = [
  'service',
  'severity',
  'impactUsers',
  'reportedRootCause',
  'contributingFactors',
  'metricsSnapshot',
  'errorLogs',
  'traceIds',
  'resolutionAction',
  'prevention',
  'alertLabels',
  'annotations',
  'url',
] as const satisfies ReadonlyArray<keyof IncidentDetails & keyof IncidentRecord>;

/** Fields that never change through an event: identity and bookkeeping. */
const UNAUDITED = new Set<keyof IncidentRecord>(['updatedAt']);

export function applyIncidentEvent(
  existing: IncidentRecord | undefined,
  event: IncidentEvent,
  now: number
): MergeResult {
  if (!existing) {
    return { record: newIncident(event, now), outcome: 'created', changes: {} };
  }

  const next: IncidentRecord = { ...existing };
  const current = isCurrent(existing, event);
  if (current) {
    next.status = event.status;
    next.endedAt = event.status === 'resolved' ? (event.endedAt ?? event.observedAt) : null;
    next.lastEventAt = event.observedAt;
    if (event.title) {
      next.title = event.title;
    }
  }
  // The earliest start anyone reported is the start: an older event may know better.
  next.startedAt = Math.min(existing.startedAt, event.startedAt);
  for (const key of DETAIL_KEYS) {
    const value = event.details[key];
    if (value === undefined) {
      continue;
    }
    if (current || isEmpty(existing[key])) {
      (next as unknown as Record<string, unknown>)[key] = value;
    }
  }

  const changes = diff(existing, next);
  if (Object.keys(changes).length === 0) {
    return { record: existing, outcome: 'unchanged', changes };
  }
  next.updatedAt = now;
  return { record: next, outcome: 'updated', changes };
}

/** Whether the event is at least as new as what is stored; at the same instant a resolution beats a firing. */
function isCurrent(existing: IncidentRecord, event: IncidentEvent): boolean {
  if (event.observedAt !== existing.lastEventAt) {
    return event.observedAt > existing.lastEventAt;
  }
  return !(existing.status === 'resolved' && event.status === 'firing');
}

function newIncident(event: IncidentEvent, now: number): IncidentRecord {
  const d = event.details;
  return {
    id: incidentId(event.source, event.externalId),
    source: event.source,
    externalId: event.externalId,
    title: event.title || event.externalId,
    status: event.status,
    startedAt: event.startedAt,
    endedAt: event.status === 'resolved' ? (event.endedAt ?? event.observedAt) : null,
    lastEventAt: event.observedAt,
    service: d.service ?? null,
    severity: d.severity ?? null,
    impactUsers: d.impactUsers ?? null,
    reportedRootCause: d.reportedRootCause ?? null,
    contributingFactors: d.contributingFactors ?? [],
    metricsSnapshot: d.metricsSnapshot ?? null,
    errorLogs: d.errorLogs ?? [],
    traceIds: d.traceIds ?? [],
    resolutionAction: d.resolutionAction ?? null,
    prevention: d.prevention ?? null,
    alertLabels: d.alertLabels ?? {},
    annotations: d.annotations ?? {},
    url: d.url ?? null,
    capturedMetrics: null,
    createdAt: now,
    updatedAt: now,
  };
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') {
    return true;
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** Field-by-field difference; values compare as JSON (they are stored as JSON, key order included). */
export function diff<T extends object>(before: T, after: T): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after) as Array<keyof T & string>) {
    if (UNAUDITED.has(key as keyof IncidentRecord)) {
      continue;
    }
    if (!sameJson(before[key], after[key])) {
      changes[key] = { before: before[key], after: after[key] };
    }
  }
  return changes;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  return canonicalJson(a as JsonValue) === canonicalJson(b as JsonValue);
}

/** JSON with object keys sorted: `{a,b}` and `{b,a}` are the same labels. */
function canonicalJson(value: JsonValue): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        )
      : v
  );
}
