/** Incident rows: ingestion (idempotent upsert through applyIncidentEvent), edits, deletion, listing. */
import type { Incident, IncidentLabel, IncidentPatch, Page } from 'contract/resources';
import { NotFoundError } from '../errors';
import { applyIncidentEvent, diff, type MergeResult } from '../incident-merge';
import { incidentId } from '../ids';
import type { Actor, IncidentEvent, IncidentQuery, IncidentRecord, IngestedIncident } from '../store';
import { appendAudit } from './audit';
import type { Dialect, SqlSession, SqlTransaction, SqlValue } from './database';
import { LABEL_TABLES, labelSummaries } from './label-tables';
import {
  INCIDENT_COLUMNS,
  INCIDENT_LABEL_SELECT,
  INCIDENT_SELECT,
  incidentLabel,
  incidentRecord,
  incidentValues,
  labelStateOf,
  type IncidentLabelRow,
  type IncidentRow,
} from './rows';

const INSERT_SQL = `INSERT INTO incidents (${INCIDENT_COLUMNS.join(', ')})
  VALUES (${INCIDENT_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`;

const UPDATE_SQL = `UPDATE incidents SET ${INCIDENT_COLUMNS.slice(1)
  .map((column) => `${column} = ?`)
  .join(', ')} WHERE id = ?`;

export async function selectIncident(
  session: SqlSession,
  dialect: Dialect,
  id: string,
  forUpdate: boolean
): Promise<IncidentRow | undefined> {
  return session.get<IncidentRow>(
    `SELECT ${INCIDENT_SELECT} FROM incidents WHERE id = ?${forUpdate ? dialect.lockRows : ''}`,
    [id]
  );
}

export async function requireIncident(tx: SqlTransaction, dialect: Dialect, id: string): Promise<IncidentRow> {
  const row = await selectIncident(tx, dialect, id, true);
  if (!row) {
    throw new NotFoundError(`incident ${id} not found`);
  }
  return row;
}

async function writeRecord(tx: SqlTransaction, record: IncidentRecord): Promise<void> {
  const [id, ...rest] = incidentValues(record);
  await tx.run(UPDATE_SQL, [...rest, id]);
}

/**
 * Optimistic insert: most deliveries are first sightings, and the insert is then their only statement. On a
 * conflict the stored incident is locked and the event merged into it (incident-merge.ts).
 */
async function mergeInto(
  tx: SqlTransaction,
  dialect: Dialect,
  id: string,
  event: IncidentEvent,
  now: number
): Promise<MergeResult> {
  // Twice at most: the second round only happens if another replica deleted the incident in between.
  for (let attempt = 0; attempt < 2; attempt++) {
    const created = applyIncidentEvent(undefined, event, now);
    if ((await tx.run(INSERT_SQL, incidentValues(created.record))).changes === 1) {
      return created;
    }
    const existing = await selectIncident(tx, dialect, id, true);
    if (existing) {
      return applyIncidentEvent(incidentRecord(existing), event, now);
    }
  }
  throw new Error(`incident ${id} keeps disappearing while it is being ingested`);
}

export async function ingest(
  tx: SqlTransaction,
  dialect: Dialect,
  events: readonly IncidentEvent[],
  actor: Actor,
  now: number
): Promise<IngestedIncident[]> {
  const results: IngestedIncident[] = [];
  for (const event of events) {
    const id = incidentId(event.source, event.externalId);
    const merged = await mergeInto(tx, dialect, id, event, now);
    if (merged.outcome === 'updated') {
      await writeRecord(tx, merged.record);
    }
    if (merged.outcome !== 'unchanged') {
      await appendAudit(tx, actor, now, {
        action: merged.outcome === 'created' ? 'incident.created' : 'incident.updated',
        itemKind: 'incident',
        itemId: id,
        details: merged.outcome === 'created' ? { incident: merged.record } : { changes: merged.changes },
      });
    }
    results.push({ id, externalId: event.externalId, outcome: merged.outcome });
  }
  return results;
}

export async function updateIncident(
  tx: SqlTransaction,
  dialect: Dialect,
  id: string,
  patch: IncidentPatch,
  actor: Actor,
  now: number
): Promise<void> {
  const before = incidentRecord(await requireIncident(tx, dialect, id));
  const after: IncidentRecord = { ...before };
  for (const [key, value] of Object.entries(patch) as Array<[keyof IncidentPatch, unknown]>) {
    if (value !== undefined) {
      (after as unknown as Record<string, unknown>)[key] = value;
    }
  }
  if (patch.status === 'firing') {
    after.endedAt = null;
  } else if (patch.status === 'resolved' && after.endedAt === null) {
    after.endedAt = now;
  }
  const changes = diff(before, after);
  if (Object.keys(changes).length === 0) {
    return;
  }
  after.updatedAt = now;
  await writeRecord(tx, after);
  await appendAudit(tx, actor, now, {
    action: 'incident.updated',
    itemKind: 'incident',
    itemId: id,
    details: { changes },
  });
}

export async function deleteIncident(
  tx: SqlTransaction,
  dialect: Dialect,
  id: string,
  actor: Actor,
  now: number
): Promise<void> {
  const incident = incidentRecord(await requireIncident(tx, dialect, id));
  const labels = await tx.all<IncidentLabelRow>(
    `SELECT ${INCIDENT_LABEL_SELECT} FROM incident_labels WHERE incident_id = ?`,
    [id]
  );
  await tx.run('DELETE FROM incident_labels WHERE incident_id = ?', [id]);
  await tx.run('DELETE FROM incidents WHERE id = ?', [id]);
  // The audit entry keeps everything that was deleted: the trail must explain labels that disappeared.
  await appendAudit(tx, actor, now, {
    action: 'incident.deleted',
    itemKind: 'incident',
    itemId: id,
    details: { incident: incident, labels: labels.map(incidentLabel) },
  });
}

export async function withLabeling(session: SqlSession, rows: readonly IncidentRow[]): Promise<Incident[]> {
  const summaries = await labelSummaries(
    session,
    LABEL_TABLES.incident,
    rows.map((row) => ({ id: row.id, ...labelStateOf(row) }))
  );
  return rows.map((row) => {
    const record = incidentRecord(row);
    return {
      ...record,
      durationMinutes: record.endedAt === null ? null : (record.endedAt - record.startedAt) / 60_000,
      labeling: summaries.get(row.id)!,
    };
  });
}

/** `%`, `_` and the escape character itself match literally in a search. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listIncidents(session: SqlSession, query: IncidentQuery): Promise<Page<Incident>> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (condition: string, ...values: SqlValue[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (query.status !== undefined) {
    add('status = ?', query.status);
  }
  if (query.source !== undefined) {
    add('source = ?', query.source);
  }
  if (query.service !== undefined) {
    add('service = ?', query.service);
  }
  if (query.labelState !== undefined) {
    add('label_state = ?', query.labelState);
  }
  if (query.from !== undefined) {
    add('started_at >= ?', query.from);
  }
  if (query.to !== undefined) {
    add('started_at <= ?', query.to);
  }
  if (query.search !== undefined && query.search !== '') {
    const pattern = likePattern(query.search);
    add(
      `(LOWER(title) LIKE ? ESCAPE '\\' OR LOWER(external_id) LIKE ? ESCAPE '\\'
        OR LOWER(COALESCE(service, '')) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(reported_root_cause, '')) LIKE ? ESCAPE '\\')`,
      pattern,
      pattern,
      pattern,
      pattern
    );
  }
  if (query.notReviewedBy !== undefined) {
    add(
      'NOT EXISTS (SELECT 1 FROM incident_labels l WHERE l.incident_id = incidents.id AND l.reviewer = ?)',
      query.notReviewedBy
    );
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const direction = query.order === 'oldest' ? 'ASC' : 'DESC';
  const rows = await session.all<IncidentRow>(
    `SELECT ${INCIDENT_SELECT} FROM incidents ${clause} ORDER BY started_at ${direction}, id ${direction} LIMIT ? OFFSET ?`,
    [...params, query.limit, query.offset]
  );
  const total = await session.get<{ n: number }>(`SELECT COUNT(*) AS n FROM incidents ${clause}`, params);
  return {
    items: await withLabeling(session, rows),
    total: total?.n ?? 0,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function listIncidentLabels(session: SqlSession, dialect: Dialect, id: string): Promise<IncidentLabel[]> {
  if (!(await selectIncident(session, dialect, id, false))) {
    throw new NotFoundError(`incident ${id} not found`);
  }
  const rows = await session.all<IncidentLabelRow>(
    `SELECT ${INCIDENT_LABEL_SELECT} FROM incident_labels WHERE incident_id = ? ORDER BY created_at, reviewer`,
    [id]
  );
  return rows.map(incidentLabel);
}

/** Bounded IN lists: PostgreSQL takes at most 65535 parameters and SQLite 32766. */
const IDS_PER_STATEMENT = 500;

export async function listLabelsOfIncidents(session: SqlSession, ids: readonly string[]): Promise<IncidentLabel[]> {
  const position = new Map(ids.map((id, i) => [id, i]));
  const labels: IncidentLabel[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_STATEMENT) {
    const chunk = ids.slice(start, start + IDS_PER_STATEMENT);
    const rows = await session.all<IncidentLabelRow>(
      `SELECT ${INCIDENT_LABEL_SELECT} FROM incident_labels WHERE incident_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk
    );
    labels.push(...rows.map(incidentLabel));
  }
  return labels.sort(
    (a, b) =>
      (position.get(a.incidentId) ?? 0) - (position.get(b.incidentId) ?? 0) ||
      a.createdAt - b.createdAt ||
      (a.reviewer < b.reviewer ? -1 : a.reviewer > b.reviewer ? 1 : 0)
  );
}
