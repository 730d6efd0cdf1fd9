/**
 * Writing labels: one per reviewer and item, replaced when the reviewer changes their mind (the audit trail keeps
 * every version), followed in the same transaction by the item's new label state.
 */
import type { AnomalyLabel, IncidentLabel, IngestOutcome, LabelKind } from 'contract/resources';
import { NotFoundError } from '../errors';
import type { Actor, AnomalyLabelValues, ImportedIncidentLabel, IncidentLabelValues } from '../store';
import { appendAudit } from './audit';
import type { Dialect, SqlTransaction } from './database';
import { LABEL_TABLES, refreshLabelState } from './label-tables';
import {
  ANOMALY_LABEL_SELECT,
  anomalyLabel,
  INCIDENT_LABEL_SELECT,
  incidentLabel,
  type AnomalyLabelRow,
  type IncidentLabelRow,
} from './rows';
import { readLabelingSettings } from './settings';

async function requireItem(tx: SqlTransaction, dialect: Dialect, kind: 'incident' | 'anomaly', id: string) {
  const table = LABEL_TABLES[kind];
  // Locking the item serialises concurrent labels of one item across replicas, so its state stays consistent.
  const row = await tx.get<{ id: string }>(`SELECT id FROM ${table.items} WHERE id = ?${dialect.lockRows}`, [id]);
  if (!row) {
    throw new NotFoundError(`${kind} ${id} not found`);
  }
}

export async function putIncidentLabel(
  tx: SqlTransaction,
  dialect: Dialect,
  incidentId: string,
  values: IncidentLabelValues,
  reviewer: Actor,
  now: number
): Promise<IncidentLabel> {
  await requireItem(tx, dialect, 'incident', incidentId);
  const before = await readIncidentLabel(tx, incidentId, reviewer);
  if (before && sameIncidentValues(before, values)) {
    return before;
  }
  const after: IncidentLabel = {
    incidentId,
    reviewer,
    ...values,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
  await writeIncidentLabel(tx, before, after);
  await labelChanged(tx, 'incident', incidentId, reviewer, now, before, after);
  return after;
}

export async function importIncidentLabel(
  tx: SqlTransaction,
  dialect: Dialect,
  label: ImportedIncidentLabel,
  actor: Actor,
  now: number
): Promise<IngestOutcome> {
  const { incidentId, reviewer, values } = label;
  await requireItem(tx, dialect, 'incident', incidentId);
  const before = await readIncidentLabel(tx, incidentId, reviewer);
  if (before && (sameIncidentValues(before, values) || before.updatedAt >= label.updatedAt)) {
    return 'unchanged';
  }
  const after: IncidentLabel = {
    incidentId,
    reviewer,
    ...values,
    createdAt: before?.createdAt ?? label.createdAt,
    updatedAt: label.updatedAt,
  };
  await writeIncidentLabel(tx, before, after);
  await labelChanged(tx, 'incident', incidentId, actor, now, before, after, { imported: true });
  return before ? 'updated' : 'created';
}

async function readIncidentLabel(
  tx: SqlTransaction,
  incidentId: string,
  reviewer: string
): Promise<IncidentLabel | undefined> {
  const row = await tx.get<IncidentLabelRow>(
    `SELECT ${INCIDENT_LABEL_SELECT} FROM incident_labels WHERE incident_id = ? AND reviewer = ?`,
    [incidentId, reviewer]
  );
  return row && incidentLabel(row);
}

/** Stores `after` over `before` (the reviewer's stored label, if any), with the times `after` carries. */
async function writeIncidentLabel(tx: SqlTransaction, before: IncidentLabel | undefined, after: IncidentLabel) {
  const params = [after.rootCause, after.component, after.confidence, after.skipped, after.note];
  if (before) {
    await tx.run(
      `UPDATE incident_labels SET root_cause = ?, component = ?, confidence = ?, skipped = ?, note = ?, updated_at = ?
       WHERE incident_id = ? AND reviewer = ?`,
      [...params, after.updatedAt, after.incidentId, after.reviewer]
    );
  } else {
    await tx.run(
      `INSERT INTO incident_labels
         (root_cause, component, confidence, skipped, note, created_at, updated_at, incident_id, reviewer)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...params, after.createdAt, after.updatedAt, after.incidentId, after.reviewer]
    );
  }
}

/** After any label write: the item's label state follows, and the audit trail records the change. */
async function labelChanged<L>(
  tx: SqlTransaction,
  kind: LabelKind,
  itemId: string,
  actor: Actor,
  now: number,
  before: L | undefined,
  after: L,
  extra: Record<string, unknown> = {}
): Promise<void> {
  const settings = await readLabelingSettings(tx);
  await refreshLabelState(tx, LABEL_TABLES[kind], itemId, settings.reviewersPerItem);
  await appendAudit(tx, actor, now, {
    action: before ? 'label.updated' : 'label.created',
    itemKind: kind,
    itemId,
    details: before ? { before, after, ...extra } : { label: after, ...extra },
  });
}

export async function putAnomalyLabel(
  tx: SqlTransaction,
  dialect: Dialect,
  anomalyId: string,
  values: AnomalyLabelValues,
  reviewer: Actor,
  now: number
): Promise<AnomalyLabel> {
  await requireItem(tx, dialect, 'anomaly', anomalyId);
  const row = await tx.get<AnomalyLabelRow>(
    `SELECT ${ANOMALY_LABEL_SELECT} FROM anomaly_labels WHERE anomaly_id = ? AND reviewer = ?`,
    [anomalyId, reviewer]
  );
  const before = row && anomalyLabel(row);
  const after: AnomalyLabel = { anomalyId, reviewer, ...values, createdAt: before?.createdAt ?? now, updatedAt: now };
  if (before && sameAnomalyValues(before, values)) {
    return before;
  }
  const params = [values.verdict, values.confidence, values.skipped, values.note];
  if (before) {
    await tx.run(
      `UPDATE anomaly_labels SET verdict = ?, confidence = ?, skipped = ?, note = ?, updated_at = ?
       WHERE anomaly_id = ? AND reviewer = ?`,
      [...params, now, anomalyId, reviewer]
    );
  } else {
    await tx.run(
      `INSERT INTO anomaly_labels (verdict, confidence, skipped, note, created_at, updated_at, anomaly_id, reviewer)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [...params, now, now, anomalyId, reviewer]
    );
  }
  await labelChanged(tx, 'anomaly', anomalyId, reviewer, now, before, after);
  return after;
}

function sameIncidentValues(label: IncidentLabel, values: IncidentLabelValues): boolean {
  return (
    label.rootCause === values.rootCause &&
    label.component === values.component &&
    label.confidence === values.confidence &&
    label.skipped === values.skipped &&
    label.note === values.note
  );
}

function sameAnomalyValues(label: AnomalyLabel, values: AnomalyLabelValues): boolean {
  return (
    label.verdict === values.verdict &&
    label.confidence === values.confidence &&
    label.skipped === values.skipped &&
    label.note === values.note
  );
}
