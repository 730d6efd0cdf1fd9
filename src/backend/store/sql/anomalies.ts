/** Detected anomalies, recorded for labeling (true anomaly / false alarm); re-recording one is idempotent. */
import type { Anomaly, AnomalyLabel, IngestOutcome, Page } from 'contract/resources';
import { NotFoundError } from '../errors';
import { diff } from '../incident-merge';
import type { Actor, AnomalyQuery, AnomalyRecordInput } from '../store';
import { appendAudit } from './audit';
import type { Dialect, SqlSession, SqlTransaction, SqlValue } from './database';
import { LABEL_TABLES, labelSummaries } from './label-tables';
import {
  ANOMALY_LABEL_SELECT,
  ANOMALY_SELECT,
  anomalyInput,
  anomalyLabel,
  json,
  labelStateOf,
  type AnomalyLabelRow,
  type AnomalyRow,
} from './rows';

function values(input: AnomalyRecordInput): SqlValue[] {
  return [json(input.seriesLabels), input.expr, input.startedAt, input.endedAt, input.score, input.detector];
}

export async function upsertAnomalies(
  tx: SqlTransaction,
  dialect: Dialect,
  inputs: readonly AnomalyRecordInput[],
  actor: Actor,
  now: number
): Promise<Array<{ id: string; outcome: IngestOutcome }>> {
  const results: Array<{ id: string; outcome: IngestOutcome }> = [];
  for (const input of inputs) {
    const row = await tx.get<AnomalyRow>(`SELECT ${ANOMALY_SELECT} FROM anomalies WHERE id = ?${dialect.lockRows}`, [
      input.id,
    ]);
    if (!row) {
      await tx.run(
        `INSERT INTO anomalies (series_labels, expr, started_at, ended_at, score, detector, created_at, updated_at, id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [...values(input), now, now, input.id]
      );
      await appendAudit(tx, actor, now, {
        action: 'anomaly.created',
        itemKind: 'anomaly',
        itemId: input.id,
        details: { anomaly: input },
      });
      results.push({ id: input.id, outcome: 'created' });
      continue;
    }
    const changes = diff(anomalyInput(row), input);
    if (Object.keys(changes).length === 0) {
      results.push({ id: input.id, outcome: 'unchanged' });
      continue;
    }
    await tx.run(
      `UPDATE anomalies SET series_labels = ?, expr = ?, started_at = ?, ended_at = ?, score = ?, detector = ?,
         updated_at = ? WHERE id = ?`,
      [...values(input), now, input.id]
    );
    await appendAudit(tx, actor, now, {
      action: 'anomaly.updated',
      itemKind: 'anomaly',
      itemId: input.id,
      details: { changes },
    });
    results.push({ id: input.id, outcome: 'updated' });
  }
  return results;
}

export async function withLabeling(session: SqlSession, rows: readonly AnomalyRow[]): Promise<Anomaly[]> {
  const summaries = await labelSummaries(
    session,
    LABEL_TABLES.anomaly,
    rows.map((row) => ({ id: row.id, ...labelStateOf(row) }))
  );
  return rows.map((row) => ({
    ...anomalyInput(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    labeling: summaries.get(row.id)!,
  }));
}

export async function getAnomaly(session: SqlSession, id: string): Promise<Anomaly | undefined> {
  const row = await session.get<AnomalyRow>(`SELECT ${ANOMALY_SELECT} FROM anomalies WHERE id = ?`, [id]);
  return row && (await withLabeling(session, [row]))[0];
}

export async function listAnomalies(session: SqlSession, query: AnomalyQuery): Promise<Page<Anomaly>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.labelState !== undefined) {
    where.push('label_state = ?');
    params.push(query.labelState);
  }
  if (query.from !== undefined) {
    where.push('started_at >= ?');
    params.push(query.from);
  }
  if (query.to !== undefined) {
    where.push('started_at <= ?');
    params.push(query.to);
  }
  if (query.notReviewedBy !== undefined) {
    where.push('NOT EXISTS (SELECT 1 FROM anomaly_labels l WHERE l.anomaly_id = anomalies.id AND l.reviewer = ?)');
    params.push(query.notReviewedBy);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const direction = query.order === 'oldest' ? 'ASC' : 'DESC';
  const rows = await session.all<AnomalyRow>(
    `SELECT ${ANOMALY_SELECT} FROM anomalies ${clause} ORDER BY started_at ${direction}, id ${direction} LIMIT ? OFFSET ?`,
    [...params, query.limit, query.offset]
  );
  const total = await session.get<{ n: number }>(`SELECT COUNT(*) AS n FROM anomalies ${clause}`, params);
  return { items: await withLabeling(session, rows), total: total?.n ?? 0, limit: query.limit, offset: query.offset };
}

export async function listAnomalyLabels(session: SqlSession, id: string): Promise<AnomalyLabel[]> {
  if (!(await session.get('SELECT id FROM anomalies WHERE id = ?', [id]))) {
    throw new NotFoundError(`anomaly ${id} not found`);
  }
  const rows = await session.all<AnomalyLabelRow>(
    `SELECT ${ANOMALY_LABEL_SELECT} FROM anomaly_labels WHERE anomaly_id = ? ORDER BY created_at, reviewer`,
    [id]
  );
  return rows.map(anomalyLabel);
}
