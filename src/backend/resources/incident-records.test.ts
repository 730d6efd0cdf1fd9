import type { Incident } from 'contract/resources';
import { csvToRecords, recordsToCsv, toRecord } from './incident-records';
import { genericIncidentSchema } from './webhooks/generic';

const incident: Incident = {
  id: 'inc_1',
  source: 'grafana',
  externalId: 'abc@2025-01-01T12:00:00.000Z',
  title: 'Disk, "almost" full',
  status: 'resolved',
  service: 'storage',
  severity: 'warning',
  startedAt: Date.UTC(2025, 0, 1, 12),
  endedAt: Date.UTC(2025, 0, 1, 12, 30),
  durationMinutes: 30,
  impactUsers: null,
  reportedRootCause: null,
  contributingFactors: ['log rotation off', 'a;b'],
  metricsSnapshot: { used: 0.97 },
  errorLogs: [],
  traceIds: ['t1'],
  resolutionAction: 'rotated\nlogs',
  prevention: null,
  alertLabels: { alertname: 'DiskFull' },
  annotations: {},
  url: 'http://grafana/alerting/1',
  capturedMetrics: null,
  createdAt: 1,
  updatedAt: 2,
  lastEventAt: 3,
  labeling: { state: 'unlabeled', reviewers: [], skippedBy: [], consensus: null },
};

describe('incident records', () => {
  it('exports the generic format with ISO times', () => {
    expect(toRecord(incident)).toMatchObject({
      incident_id: incident.externalId,
      source: 'grafana',
      timestamp: '2025-01-01T12:00:00.000Z',
      ended_at: '2025-01-01T12:30:00.000Z',
      duration_minutes: 30,
      contributing_factors: ['log rotation off', 'a;b'],
    });
  });

  it('reads its own CSV back into records the generic schema accepts unchanged', () => {
    const [row] = csvToRecords(recordsToCsv([toRecord(incident)]));
    const parsed = genericIncidentSchema.parse(row);
    expect(parsed).toMatchObject({
      incident_id: incident.externalId,
      title: incident.title,
      source: 'grafana',
      status: 'resolved',
      timestamp: incident.startedAt,
      ended_at: incident.endedAt,
      contributing_factors: incident.contributingFactors,
      metrics_snapshot: incident.metricsSnapshot,
      alert_labels: incident.alertLabels,
      resolution_action: incident.resolutionAction,
      trace_ids: ['t1'],
    });
    // Empty cells are absent, not empty strings.
    expect(row).not.toHaveProperty('prevention');
  });

  it('reads a plain text cell in a list column as a one-item list', () => {
    const [row] = csvToRecords('incident_id,timestamp,trace_ids\nINC-1,2025-01-01T00:00:00Z,abc123\n');
    expect(row.trace_ids).toEqual(['abc123']);
  });

  it('matches columns by name, whatever their order and case, ignoring unknown ones', () => {
    const [row] = csvToRecords('Timestamp,EXTRA,Incident_ID\n2025-01-01T00:00:00Z,x,INC-7\n');
    expect(row).toEqual({ timestamp: '2025-01-01T00:00:00Z', incident_id: 'INC-7' });
  });

  it('names what is wrong with a CSV', () => {
    expect(() => csvToRecords('')).toThrow('the CSV is empty');
    expect(() => csvToRecords('id,timestamp\n')).toThrow('the CSV header has no incident_id column');
    expect(() => csvToRecords('incident_id,timestamp\nINC-1\n')).toThrow('CSV record 1 has 1 fields, the header 2');
    expect(() => csvToRecords('incident_id,timestamp,alert_labels\nINC-1,2025-01-01,{nope\n')).toThrow(
      'CSV record 1: alert_labels is not valid JSON'
    );
  });
});
