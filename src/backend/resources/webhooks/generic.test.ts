import { genericEvent, genericIncidentSchema, genericRecords } from './generic';

const T0 = Date.UTC(2025, 0, 1, 12);

const full = {
  incident_id: 'INC-42',
  timestamp: '2025-01-01T12:00:00Z',
  service: 'checkout',
  severity: 'sev2',
  duration_minutes: 30,
  impact_users: 1500,
  root_cause: 'bad deploy',
  contributing_factors: ['friday', 'no canary'],
  metrics_snapshot: { errors: [1, 2, 3] },
  error_logs: 'NullPointerException at Cart.java:42',
  trace_ids: ['abc'],
  resolution_action: 'rollback',
  prevention: 'canary',
};

describe('generic incidents', () => {
  it('reads every generic field into a resolved event', () => {
    const event = genericEvent(genericIncidentSchema.parse(full), { forceSource: 'generic' });
    expect(event).toEqual({
      source: 'generic',
      externalId: 'INC-42',
      status: 'resolved',
      observedAt: T0 + 30 * 60_000,
      startedAt: T0,
      endedAt: T0 + 30 * 60_000,
      title: 'INC-42 · checkout',
      details: {
        service: 'checkout',
        severity: 'sev2',
        impactUsers: 1500,
        reportedRootCause: 'bad deploy',
        contributingFactors: ['friday', 'no canary'],
        metricsSnapshot: { errors: [1, 2, 3] },
        errorLogs: ['NullPointerException at Cart.java:42'],
        traceIds: ['abc'],
        resolutionAction: 'rollback',
        prevention: 'canary',
        alertLabels: undefined,
        annotations: undefined,
        url: undefined,
      },
    });
  });

  it('is firing without an end, and leaves absent fields out so they do not clear stored ones', () => {
    const event = genericEvent(genericIncidentSchema.parse({ incident_id: 7, timestamp: 1735732800 }));
    expect(event).toMatchObject({ externalId: '7', status: 'firing', endedAt: null, observedAt: T0, title: '7' });
    expect(event.details.service).toBeUndefined();
    expect(event.details.contributingFactors).toBeUndefined();
  });

  it('honours an explicit status and ended_at over the duration', () => {
    const parsed = genericIncidentSchema.parse({ ...full, status: 'resolved', ended_at: '2025-01-01T12:05:00Z' });
    expect(genericEvent(parsed).endedAt).toBe(T0 + 5 * 60_000);
    expect(genericEvent(genericIncidentSchema.parse({ ...full, status: 'firing' })).endedAt).toBeNull();
  });

  it('lets a forced source win over the record and a default source apply only when it names none', () => {
    const record = genericIncidentSchema.parse({ ...full, source: 'pagerduty' });
    expect(genericEvent(record, { forceSource: 'generic' }).source).toBe('generic');
    expect(genericEvent(record, { defaultSource: 'manual' }).source).toBe('pagerduty');
    expect(genericEvent(genericIncidentSchema.parse(full), { defaultSource: 'manual' }).source).toBe('manual');
  });

  it('coerces CSV text cells and treats empty ones as absent', () => {
    const parsed = genericIncidentSchema.parse({
      incident_id: 'INC-1',
      timestamp: '2025-01-01T12:00:00Z',
      duration_minutes: '2.5',
      impact_users: '10',
      ended_at: '',
    });
    expect(parsed).toMatchObject({ duration_minutes: 2.5, impact_users: 10, ended_at: undefined });
  });

  it('accepts one record, a list, or an export document', () => {
    expect(genericRecords({ a: 1 })).toEqual([{ a: 1 }]);
    expect(genericRecords([{ a: 1 }, { a: 2 }])).toHaveLength(2);
    expect(genericRecords({ version: 1, incidents: [{ a: 1 }] })).toEqual([{ a: 1 }]);
  });

  it.each([
    [{ ...full, incident_id: '   ' }, 'incident_id'],
    [{ ...full, timestamp: 'soon' }, 'timestamp'],
    [{ ...full, duration_minutes: -1 }, 'duration_minutes'],
    [{ ...full, impact_users: 2.5 }, 'impact_users'],
    [{ ...full, severity: 'x'.repeat(65) }, 'severity'],
    [{ ...full, error_logs: [1] }, 'error_logs'],
    [{ ...full, metrics_snapshot: [1, 2] }, 'metrics_snapshot'],
    [{ ...full, status: 'open' }, 'status'],
    [{ ...full, service: 'a\u0000b' }, 'service'],
  ])('rejects %j at %s', (record, field) => {
    const result = genericIncidentSchema.safeParse(record);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});
