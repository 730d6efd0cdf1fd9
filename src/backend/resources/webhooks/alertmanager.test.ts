import { alertmanagerEvents, alertmanagerSchema, fingerprintOf } from './alertmanager';

const NOW = Date.UTC(2025, 0, 1, 13);

function payload(alerts: unknown[]) {
  return alertmanagerSchema.parse({ version: '4', status: 'firing', receiver: 'traceo', alerts });
}

const firing = {
  status: 'firing',
  labels: { alertname: 'DiskFull', job: 'node', severity: 'warning', instance: 'a:9100' },
  annotations: { summary: 'Disk /var almost full' },
  startsAt: '2025-01-01T12:00:00.5Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prom/graph',
  fingerprint: 'f00d',
};

describe('alertmanagerEvents', () => {
  it('turns a firing alert into a firing event keyed by fingerprint and start', () => {
    const { events, ignored } = alertmanagerEvents(payload([firing]), NOW);
    expect(ignored).toBe(0);
    expect(events).toEqual([
      {
        source: 'alertmanager',
        externalId: 'f00d@2025-01-01T12:00:00.500Z',
        status: 'firing',
        observedAt: Date.UTC(2025, 0, 1, 12, 0, 0, 500),
        startedAt: Date.UTC(2025, 0, 1, 12, 0, 0, 500),
        endedAt: null,
        title: 'Disk /var almost full',
        details: {
          service: 'node',
          severity: 'warning',
          alertLabels: firing.labels,
          annotations: firing.annotations,
          url: 'http://prom/graph',
        },
      },
    ]);
  });

  it('dates a resolved alert by its end, or by arrival when it has none', () => {
    const resolved = { ...firing, status: 'resolved', endsAt: '2025-01-01T12:10:00Z' };
    const [event] = alertmanagerEvents(payload([resolved]), NOW).events;
    expect(event).toMatchObject({
      status: 'resolved',
      endedAt: Date.UTC(2025, 0, 1, 12, 10),
      observedAt: event.endedAt,
    });
    expect(event.externalId).toBe('f00d@2025-01-01T12:00:00.500Z');
    const [noEnd] = alertmanagerEvents(payload([{ ...resolved, endsAt: undefined }]), NOW).events;
    expect(noEnd.endedAt).toBe(NOW);
  });

  it('fingerprints label sets itself when Alertmanager did not, independent of label order', () => {
    const a = { ...firing, fingerprint: undefined, labels: { b: '2', a: '1' } };
    const b = { ...firing, fingerprint: undefined, labels: { a: '1', b: '2' } };
    const parsedA = payload([a]).alerts[0];
    expect(fingerprintOf(parsedA)).toBe(fingerprintOf(payload([b]).alerts[0]));
    expect(fingerprintOf(parsedA)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintOf(payload([{ ...b, labels: { a: '1', b: '3' } }]).alerts[0])).not.toBe(fingerprintOf(parsedA));
  });

  it('falls back to the alert name as title and accepts alerts without annotations', () => {
    const [event] = alertmanagerEvents(payload([{ ...firing, annotations: undefined }]), NOW).events;
    expect(event.title).toBe('DiskFull');
    expect(event.details.annotations).toEqual({});
  });

  it('rejects payloads that are not Alertmanager webhooks', () => {
    expect(alertmanagerSchema.safeParse({ alerts: [{ status: 'firing' }] }).success).toBe(false);
    expect(alertmanagerSchema.safeParse({ receiver: 'x' }).success).toBe(false);
    expect(alertmanagerSchema.safeParse({ alerts: [{ ...firing, labels: { a: { nested: 1 } } }] }).success).toBe(false);
  });
});
