import { incidentId } from 'backend/store/ids';
import type { IncidentLabel } from 'contract/resources';
import { csvToLabelRecords, importedLabel, labelsToCsv, LABEL_COLUMNS, toLabelRecord } from './label-records';

const TAXONOMY = ['disk_full', 'memory_leak'];
const T = Date.UTC(2025, 0, 1, 12);

function label(fields: Partial<IncidentLabel> = {}): IncidentLabel {
  return {
    incidentId: incidentId('grafana', 'abc'),
    reviewer: 'alice',
    rootCause: 'disk_full',
    component: 'db, "primary"\nreplica',
    confidence: 'high',
    skipped: false,
    note: '=SUM(A1) stays verbatim',
    createdAt: T,
    updatedAt: T + 1234,
    ...fields,
  };
}

const incident = { externalId: 'abc', source: 'grafana' as const };

describe('label records', () => {
  it('round-trips labels and skips through CSV with reviewer, times and the incident key', () => {
    const labels = [
      label(),
      label({ reviewer: 'bob', rootCause: null, confidence: null, component: null, skipped: true }),
    ];
    const csv = labelsToCsv(labels.map((l) => toLabelRecord(l, incident)));
    expect(csv.split('\r\n')[0]).toBe(LABEL_COLUMNS.join(','));
    const back = csvToLabelRecords(csv).map((raw, i) => importedLabel(raw, TAXONOMY, `label ${i + 1}`));
    expect(back).toEqual(
      labels.map((l) => ({
        incidentId: l.incidentId,
        reviewer: l.reviewer,
        values: {
          rootCause: l.rootCause,
          component: l.component,
          confidence: l.confidence,
          skipped: l.skipped,
          note: l.note,
        },
        createdAt: l.createdAt,
        updatedAt: l.updatedAt,
      }))
    );
  });

  it('refuses what the label route refuses, naming the record', () => {
    const record = { incident_id: 'abc', source: 'grafana', reviewer: 'alice', updated_at: T };
    expect(importedLabel({ ...record, root_cause: 'gremlins', confidence: 'high' }, TAXONOMY, 'label 1')).toEqual({
      problem: 'invalid label 1: rootCause "gremlins" is not one of disk_full, memory_leak',
    });
    expect(importedLabel({ ...record, root_cause: 'disk_full', confidence: 'sure' }, TAXONOMY, 'label 2')).toEqual({
      problem: 'invalid label 2: confidence: must be one of high, medium, low',
    });
    expect(importedLabel({ ...record, skipped: 'yes' }, TAXONOMY, 'label 3')).toEqual({
      problem: 'invalid label 3: skipped: must be true or false',
    });
    expect(importedLabel({ ...record, source: 'fax', skipped: true }, TAXONOMY, 'label 4')).toEqual({
      problem: expect.stringMatching(/^invalid label 4: source: must be one of/),
    });
  });

  it('defaults the source to generic and a missing created_at to updated_at', () => {
    const result = importedLabel({ incident_id: 7, reviewer: 'bob', skipped: 'true', updated_at: T }, [], 'label 1');
    expect(result).toMatchObject({ incidentId: incidentId('generic', '7'), createdAt: T, updatedAt: T });
  });

  it('needs the columns that identify a label', () => {
    expect(() => csvToLabelRecords('incident_id,reviewer\nabc,alice\n')).toThrow(/no updated_at column/);
    expect(() => csvToLabelRecords('')).toThrow(/the CSV is empty/);
  });
});
