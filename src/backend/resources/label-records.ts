/**
 * Reviewers' incident labels in the export format, and back. One record per label: the incident it belongs to as
 * the incidents file names it (`incident_id` + `source`), who gave it, what, and when. The CSV has one row per
 * label (a spreadsheet's natural shape, joined to the incidents file on incident_id and source); the JSON export
 * carries the same records in its `labels` list. Times are ISO 8601; `skipped` is true or false.
 *
 * The import checks every record with the label route's own schema and rules (checkedIncidentLabel), so a file
 * cannot hold a label the form would refuse.
 */
import { z } from 'zod';

import { incidentId } from 'backend/store/ids';
import type { ImportedIncidentLabel } from 'backend/store/store';
import { INCIDENT_SOURCES, type IncidentLabel, type IncidentSource } from 'contract/resources';
import { formatCsv, parseCsv } from './csv';
import { HttpError } from './http';
import { checkedIncidentLabel, incidentLabelSchema } from './routes/labels';
import { isoTime } from './time';
import { instant, issuesMessage, text } from './validation';

export const LABEL_COLUMNS = [
  'incident_id',
  'source',
  'reviewer',
  'root_cause',
  'component',
  'confidence',
  'skipped',
  'note',
  'created_at',
  'updated_at',
] as const;

export interface ExportedLabel {
  incident_id: string;
  source: IncidentSource;
  reviewer: string;
  root_cause: string | null;
  component: string | null;
  confidence: string | null;
  skipped: boolean;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** `incident` names the label's incident the way the incidents file does. */
export function toLabelRecord(label: IncidentLabel, incident: { externalId: string; source: IncidentSource }) {
  const record: ExportedLabel = {
    incident_id: incident.externalId,
    source: incident.source,
    reviewer: label.reviewer,
    root_cause: label.rootCause,
    component: label.component,
    confidence: label.confidence,
    skipped: label.skipped,
    note: label.note,
    created_at: isoTime(label.createdAt),
    updated_at: isoTime(label.updatedAt),
  };
  return record;
}

export function labelsToCsv(records: readonly ExportedLabel[]): string {
  return formatCsv(
    LABEL_COLUMNS,
    records.map((record) => LABEL_COLUMNS.map((column) => (record[column] === null ? '' : String(record[column]))))
  );
}

/** CSV text → plain objects for labelRecordSchema; empty cells are absent. */
export function csvToLabelRecords(csv: string): Array<Record<string, unknown>> {
  const rows = parseCsv(csv).filter((row) => !(row.length === 1 && row[0].trim() === ''));
  if (rows.length === 0) {
    throw new HttpError(400, `the CSV is empty: a header line is expected (columns: ${LABEL_COLUMNS.join(', ')})`);
  }
  const header = rows[0].map((name) => name.trim().toLowerCase());
  for (const required of ['incident_id', 'reviewer', 'updated_at']) {
    if (!header.includes(required)) {
      throw new HttpError(400, `the CSV header has no ${required} column (columns: ${LABEL_COLUMNS.join(', ')})`);
    }
  }
  return rows.slice(1).map((row, index) => {
    if (row.length !== header.length) {
      throw new HttpError(400, `CSV record ${index + 1} has ${row.length} fields, the header ${header.length}`);
    }
    const record: Record<string, unknown> = {};
    header.forEach((column, i) => {
      if (row[i] !== '') {
        record[column] = row[i];
      }
    });
    return record;
  });
}

const absent = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The envelope of a label record; its answer (root cause … note) is checked by the label route's schema. */
const labelRecordSchema = z.object({
  incident_id: z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    text(512).trim().min(1, { error: 'must not be empty' })
  ),
  source: z.preprocess(
    absent,
    z.enum(INCIDENT_SOURCES, { error: `must be one of ${INCIDENT_SOURCES.join(', ')}` }).default('generic')
  ),
  reviewer: z.preprocess((v) => v ?? '', text(256).trim().min(1, { error: 'must not be empty' })),
  root_cause: z.unknown().optional(),
  component: z.unknown().optional(),
  confidence: z.unknown().optional(),
  skipped: z.preprocess(
    (v) => (v === 'true' ? true : v === 'false' || v === '' || v === null ? false : v),
    z.boolean({ error: 'must be true or false' }).default(false)
  ),
  note: z.unknown().optional(),
  created_at: z.preprocess(absent, instant.optional()),
  updated_at: instant,
});

/**
 * Validates one record against the label route's rules; `taxonomy` is the target store's root causes.
 * @returns the label to import, or the reason it is refused
 */
export function importedLabel(
  raw: unknown,
  taxonomy: readonly string[],
  where: string
): ImportedIncidentLabel | { problem: string } {
  const envelope = labelRecordSchema.safeParse(raw);
  if (!envelope.success) {
    return { problem: issuesMessage(envelope.error, where) };
  }
  const r = envelope.data;
  const answer = incidentLabelSchema.safeParse(
    Object.fromEntries(
      Object.entries({
        rootCause: absent(r.root_cause),
        component: r.component,
        confidence: absent(r.confidence),
        skip: r.skipped ? true : undefined,
        note: r.note,
      }).filter(([, v]) => v !== undefined)
    )
  );
  if (!answer.success) {
    return { problem: issuesMessage(answer.error, where) };
  }
  try {
    const values = checkedIncidentLabel(answer.data, taxonomy);
    return {
      incidentId: incidentId(r.source, r.incident_id),
      reviewer: r.reviewer,
      values,
      createdAt: Math.min(r.created_at ?? r.updated_at, r.updated_at),
      updatedAt: r.updated_at,
    };
  } catch (error) {
    if (error instanceof HttpError) {
      return { problem: `invalid ${where}: ${error.message.replace(/^invalid label: /, '')}` };
    }
    throw error;
  }
}
