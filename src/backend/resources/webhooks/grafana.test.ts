import { grafanaEvents, grafanaSchema } from './grafana';

const NOW = Date.UTC(2025, 0, 1, 13);

const alert = {
  status: 'firing',
  labels: { alertname: 'High CPU', grafana_folder: 'Infra', service: 'api' },
  annotations: {},
  startsAt: '2025-01-01T12:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://grafana/alerting/grafana/abc/view',
  fingerprint: 'c0ffee',
  values: { B: 0.97, C: 1 },
  valueString: "[ var='B' value=0.97 ]",
  dashboardURL: 'http://grafana/d/uid',
  panelURL: 'http://grafana/d/uid?viewPanel=4',
  silenceURL: 'http://grafana/alerting/silence/new',
};

const testAlert = {
  status: 'firing',
  labels: { alertname: 'TestAlert', instance: 'Grafana' },
  annotations: { summary: 'Notification test' },
  startsAt: '2025-01-01T12:00:00Z',
  fingerprint: '57c6d9296de2ad39',
};

function payload(alerts: unknown[]) {
  return grafanaSchema.parse({ receiver: 'traceo', status: 'firing', orgId: 1, state: 'alerting', title: 't', alerts });
}

describe('grafanaEvents', () => {
  it('records Grafana alerts with their value and links', () => {
    const { events, ignored } = grafanaEvents(payload([alert]), NOW);
    expect(ignored).toBe(0);
    expect(events[0]).toMatchObject({
      source: 'grafana',
      externalId: 'c0ffee@2025-01-01T12:00:00.000Z',
      title: 'High CPU',
      details: {
        service: 'api',
        url: alert.generatorURL,
        annotations: {
          valueString: alert.valueString,
          dashboardURL: alert.dashboardURL,
          panelURL: alert.panelURL,
        },
      },
    });
  });

  it('ignores the contact point test notification', () => {
    const { events, ignored } = grafanaEvents(payload([testAlert, alert]), NOW);
    expect(ignored).toBe(1);
    expect(events.map((e) => e.externalId)).toEqual(['c0ffee@2025-01-01T12:00:00.000Z']);
  });

  it('accepts alerts whose values are missing or null (no data, errors)', () => {
    expect(grafanaEvents(payload([{ ...alert, values: null }]), NOW).events).toHaveLength(1);
    expect(grafanaEvents(payload([{ ...alert, values: { B: null } }]), NOW).events).toHaveLength(1);
  });
});
