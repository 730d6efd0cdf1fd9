/** The audit trail: one row per change, written in the transaction of the change itself. */
import type { AuditAction, AuditEntry, Page } from 'contract/resources';
import type { Actor, AuditQuery } from '../store';
import type { SqlSession, SqlTransaction, SqlValue } from './database';
import { AUDIT_SELECT, auditEntry, json, type AuditRow } from './rows';

export interface AuditRecord {
  action: AuditAction;
  itemKind: AuditEntry['itemKind'];
  itemId: string | null;
  details: unknown;
}

export async function appendAudit(tx: SqlTransaction, actor: Actor, at: number, record: AuditRecord): Promise<void> {
  await tx.run('INSERT INTO audit_log (at, actor, action, item_kind, item_id, details) VALUES (?, ?, ?, ?, ?, ?)', [
    at,
    actor,
    record.action,
    record.itemKind,
    record.itemId,
    json(record.details),
  ]);
}

export async function listAudit(session: SqlSession, query: AuditQuery): Promise<Page<AuditEntry>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.itemKind !== undefined) {
    where.push('item_kind = ?');
    params.push(query.itemKind);
  }
  if (query.itemId !== undefined) {
    where.push('item_id = ?');
    params.push(query.itemId);
  }
  if (query.actor !== undefined) {
    where.push('actor = ?');
    params.push(query.actor);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = await session.all<AuditRow>(
    `SELECT ${AUDIT_SELECT} FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
    [...params, query.limit, query.offset]
  );
  const total = await session.get<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log ${clause}`, params);
  return { items: rows.map(auditEntry), total: total?.n ?? 0, limit: query.limit, offset: query.offset };
}

/**
 * Deletes up to `limit` of the oldest entries written before `before` (the retention job's batch). The index on
 * `at` finds them without scanning the trail.
 */
export async function deleteAuditBefore(tx: SqlTransaction, before: number, limit: number): Promise<number> {
  const result = await tx.run(
    'DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? ORDER BY at LIMIT ?)',
    [before, limit]
  );
  return result.changes;
}
