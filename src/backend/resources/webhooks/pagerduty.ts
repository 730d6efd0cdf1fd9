/**
 * PagerDuty v3 webhooks (generic webhook subscriptions): `{ event: { event_type, resource_type, occurred_at,
 * data } }`. Events whose data is an incident (triggered, acknowledged, resolved, reopened, escalated, priority
 * updated, …) update the incident with PagerDuty's id; `occurred_at` orders them, so a resolution delivered
 * before the trigger still ends resolved. Other events (pings, notes, service changes) carry no incident.
 */
import { z } from 'zod';

import { parseInstant } from '../time';
import { parseWith, text } from '../validation';
import type { ParsedWebhook } from './parsed-webhook';

const reference = z
  .object({ id: text(128).optional(), summary: text(1024).optional() })
  .nullable()
  .optional();

const incidentData = z.object({
  id: text(128),
  type: z.literal('incident'),
  status: z.enum(['triggered', 'acknowledged', 'resolved'], {
    error: 'must be "triggered", "acknowledged" or "resolved"',
  }),
  title: text(4096).optional(),
  number: z.number().optional(),
  html_url: text(4096).nullable().optional(),
  incident_key: text(1024).nullable().optional(),
  created_at: text(64).optional(),
  urgency: text(32).nullable().optional(),
  service: reference,
  priority: reference,
  escalation_policy: reference,
});

export const pagerdutySchema = z.object({
  event: z.object({
    id: text(128).optional(),
    event_type: text(128),
    resource_type: text(64),
    occurred_at: text(64).refine((t) => parseInstant(t) !== undefined, { error: 'must be an RFC 3339 time' }),
    data: z.unknown(),
  }),
});

export function pagerdutyEvents(payload: z.infer<typeof pagerdutySchema>, now: number): ParsedWebhook {
  const { event } = payload;
  const isIncident =
    event.resource_type === 'incident' &&
    typeof event.data === 'object' &&
    event.data !== null &&
    (event.data as { type?: unknown }).type === 'incident';
  if (!isIncident) {
    return { events: [], ignored: 1 };
  }
  const data = parseWith(incidentData, event.data, 'event.data');
  const occurredAt = parseInstant(event.occurred_at) ?? now;
  const resolved = data.status === 'resolved';
  const annotations: Record<string, string> = { pagerdutyStatus: data.status, lastEventType: event.event_type };
  if (data.urgency) {
    annotations.urgency = data.urgency;
  }
  if (data.number !== undefined) {
    annotations.incidentNumber = String(data.number);
  }
  if (data.incident_key) {
    annotations.incidentKey = data.incident_key;
  }
  if (data.escalation_policy?.summary) {
    annotations.escalationPolicy = data.escalation_policy.summary;
  }
  return {
    events: [
      {
        source: 'pagerduty',
        externalId: data.id,
        status: resolved ? 'resolved' : 'firing',
        observedAt: occurredAt,
        startedAt: (data.created_at && parseInstant(data.created_at)) || occurredAt,
        endedAt: resolved ? occurredAt : null,
        title: data.title ?? `PagerDuty incident ${data.id}`,
        details: {
          service: data.service?.summary ?? null,
          severity: data.priority?.summary ?? data.urgency ?? null,
          annotations,
          url: data.html_url ?? null,
        },
      },
    ],
    ignored: 0,
  };
}
