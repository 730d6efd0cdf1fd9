/**
 * Incidents in the generic format, for export, and back: JSON keeps types; CSV writes lists and objects as JSON
 * text in their cells and times as ISO 8601, and the import reads them back the same way (a plain text cell in a
 * list column is a one-item list).
 */
import type { GenericIncident, Incident, JsonObject } from 'contract/resources';
import { formatCsv, parseCsv } from './csv';
import { HttpError } from './http';
import { isoTime } from './time';

export const RECORD_COLUMNS = [
  'incident_id',
  'source',
  'title',
  'status',
  'timestamp',
  'ended_at',
  'duration_minutes',
  'service',
  'severity',
  'impact_users',
  'root_cause',
  'contributing_factors',
  'error_logs',
  'trace_ids',
  'resolution_action',
  'prevention',
  'metrics_snapshot',
  'alert_labels',
  'annotations',
  'url',
] as const;
type Column = (typeof RECORD_COLUMNS)[number];

const LIST_COLUMNS = new Set<Column>(['contributing_factors', 'error_logs', 'trace_ids']);
const OBJECT_COLUMNS = new Set<Column>(['metrics_snapshot', 'alert_labels', 'annotations']);

export interface ExportedRecord extends GenericIncident {
  ended_at: string | null;
}

export function toRecord(incident: Incident): ExportedRecord {
  return {
    incident_id: incident.externalId,
    source: incident.source,
    title: incident.title,
    status: incident.status,
    timestamp: isoTime(incident.startedAt),
    ended_at: incident.endedAt === null ? null : isoTime(incident.endedAt),
    duration_minutes: incident.durationMinutes,
    service: incident.service,
    severity: incident.severity,
    impact_users: incident.impactUsers,
    root_cause: incident.reportedRootCause,
    contributing_factors: incident.contributingFactors,
    error_logs: incident.errorLogs,
    trace_ids: incident.traceIds,
    resolution_action: incident.resolutionAction,
    prevention: incident.prevention,
    metrics_snapshot: incident.metricsSnapshot,
    alert_labels: incident.alertLabels,
    annotations: incident.annotations,
    url: incident.url,
  };
}

function cellOf(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function recordsToCsv(records: readonly ExportedRecord[]): string {
  return formatCsv(
    RECORD_COLUMNS,
    records.map((record) => RECORD_COLUMNS.map((column) => cellOf(record[column as keyof ExportedRecord])))
  );
}

/** CSV text → plain objects for the generic schema (which validates and coerces them). */
export function csvToRecords(csv: string): Array<Record<string, unknown>> {
  const rows = parseCsv(csv).filter((row) => !(row.length === 1 && row[0].trim() === ''));
  if (rows.length === 0) {
    throw new HttpError(400, 'the CSV is empty: a header line with incident_id and timestamp is expected');
  }
  const header = rows[0].map((name) => name.trim().toLowerCase());
  for (const required of ['incident_id', 'timestamp']) {
    if (!header.includes(required)) {
      throw new HttpError(400, `the CSV header has no ${required} column (columns: ${RECORD_COLUMNS.join(', ')})`);
    }
  }
  const known = new Set<string>(RECORD_COLUMNS);
  return rows.slice(1).map((row, index) => {
    if (row.length !== header.length) {
      throw new HttpError(400, `CSV record ${index + 1} has ${row.length} fields, the header ${header.length}`);
    }
    const record: Record<string, unknown> = {};
    header.forEach((column, i) => {
      if (known.has(column) && row[i] !== '') {
        record[column] = cellValue(column as Column, row[i], index + 1);
      }
    });
    return record;
  });
}

function cellValue(column: Column, cell: string, record: number): unknown {
  if (LIST_COLUMNS.has(column)) {
    return cell.trimStart().startsWith('[') ? parseJsonCell(column, cell, record) : [cell];
  }
  if (OBJECT_COLUMNS.has(column)) {
    return parseJsonCell(column, cell, record) as JsonObject;
  }
  return cell;
}

function parseJsonCell(column: string, cell: string, record: number): unknown {
  try {
    return JSON.parse(cell);
  } catch {
    throw new HttpError(400, `CSV record ${record}: ${column} is not valid JSON`);
  }
}
