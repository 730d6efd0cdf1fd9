/**
 * What incident and anomaly labels have in common: one label per reviewer and item, a category (root cause or
 * verdict), skips, and the item's derived label state. Table and column names come from the constants below,
 * never from input.
 */
import type { Confidence, LabelState } from 'contract/labels';
import type { LabelingSummary, LabelKind, ReviewerAnswer } from 'contract/resources';
import { labelState } from '../label-state';
import type { ItemAnswers } from '../store';
import type { SqlSession, SqlTransaction } from './database';
import { flag } from './rows';

export interface LabelTable {
  kind: LabelKind;
  items: 'incidents' | 'anomalies';
  labels: 'incident_labels' | 'anomaly_labels';
  itemColumn: 'incident_id' | 'anomaly_id';
  categoryColumn: 'root_cause' | 'verdict';
  /** SQL expression of an item's title, over the item table aliased `i`. */
  titleSql: string;
}

export const LABEL_TABLES: Record<LabelKind, LabelTable> = {
  incident: {
    kind: 'incident',
    items: 'incidents',
    labels: 'incident_labels',
    itemColumn: 'incident_id',
    categoryColumn: 'root_cause',
    titleSql: 'i.title',
  },
  anomaly: {
    kind: 'anomaly',
    items: 'anomalies',
    labels: 'anomaly_labels',
    itemColumn: 'anomaly_id',
    categoryColumn: 'verdict',
    titleSql: 'COALESCE(i.expr, i.detector, i.id)',
  },
};

interface SummaryRow {
  item_id: string;
  reviewer: string;
  skipped: number | boolean;
}

/** Reviewers and skips of the given items, in labeling order; state and consensus come from the item rows. */
export async function labelSummaries(
  session: SqlSession,
  table: LabelTable,
  items: ReadonlyArray<{ id: string; state: LabelState; consensus: string | null }>
): Promise<Map<string, LabelingSummary>> {
  const summaries = new Map<string, LabelingSummary>(
    items.map((item) => [item.id, { state: item.state, consensus: item.consensus, reviewers: [], skippedBy: [] }])
  );
  if (items.length === 0) {
    return summaries;
  }
  const placeholders = items.map(() => '?').join(', ');
  const rows = await session.all<SummaryRow>(
    `SELECT ${table.itemColumn} AS item_id, reviewer, skipped FROM ${table.labels}
     WHERE ${table.itemColumn} IN (${placeholders}) ORDER BY created_at, reviewer`,
    items.map((item) => item.id)
  );
  for (const row of rows) {
    const summary = summaries.get(row.item_id);
    (flag(row.skipped) ? summary?.skippedBy : summary?.reviewers)?.push(row.reviewer);
  }
  return summaries;
}

/** Re-derives one item's label state from its labels, inside the transaction that changed them. */
export async function refreshLabelState(
  tx: SqlTransaction,
  table: LabelTable,
  itemId: string,
  reviewersPerItem: number
): Promise<void> {
  const rows = await tx.all<{ category: string }>(
    `SELECT ${table.categoryColumn} AS category FROM ${table.labels}
     WHERE ${table.itemColumn} = ? AND skipped = ? ORDER BY created_at, reviewer`,
    [itemId, false]
  );
  const summary = labelState(
    rows.map((row) => row.category),
    reviewersPerItem
  );
  await tx.run(`UPDATE ${table.items} SET label_state = ?, consensus = ? WHERE id = ?`, [
    summary.state,
    summary.consensus,
    itemId,
  ]);
}

/** Re-derives every labeled item's state, after reviewersPerItem changed. */
export async function refreshAllLabelStates(
  tx: SqlTransaction,
  table: LabelTable,
  reviewersPerItem: number
): Promise<void> {
  const rows = await tx.all<{ item_id: string }>(`SELECT DISTINCT ${table.itemColumn} AS item_id FROM ${table.labels}`);
  for (const row of rows) {
    await refreshLabelState(tx, table, row.item_id, reviewersPerItem);
  }
}

interface AnswerRow {
  item_id: string;
  title: string;
  reviewer: string;
  category: string;
  confidence: string | null;
  note: string | null;
  updated_at: number;
}

export async function listAnswers(session: SqlSession, table: LabelTable, state?: LabelState): Promise<ItemAnswers[]> {
  const rows = await session.all<AnswerRow>(
    `SELECT l.${table.itemColumn} AS item_id, ${table.titleSql} AS title, l.reviewer,
       l.${table.categoryColumn} AS category, l.confidence, l.note, l.updated_at
     FROM ${table.labels} l JOIN ${table.items} i ON i.id = l.${table.itemColumn}
     WHERE l.skipped = ? ${state === undefined ? '' : 'AND i.label_state = ?'}
     ORDER BY l.${table.itemColumn}, l.created_at, l.reviewer`,
    state === undefined ? [false] : [false, state]
  );
  const items: ItemAnswers[] = [];
  for (const row of rows) {
    let item = items.at(-1);
    if (item?.itemId !== row.item_id) {
      item = { itemId: row.item_id, title: row.title, answers: [] };
      items.push(item);
    }
    const answer: ReviewerAnswer = {
      reviewer: row.reviewer,
      category: row.category,
      confidence: row.confidence as Confidence | null,
      note: row.note,
      updatedAt: row.updated_at,
    };
    item.answers.push(answer);
  }
  return items;
}

const DAY_MS = 86_400_000;

/**
 * A fingerprint of everything a model trained on the consensus labels depends on; equal fingerprints mean the
 * same labeled set. Counts catch inserts and deletions; the latest `updated_at` catches a new answer; the sum of the
 * labels' `updated_at` within their day catches a change to an older label written in the same millisecond as the
 * latest one (taken modulo a day so that the sum cannot overflow a 64-bit integer); the consensus items' count and
 * latest update catch edits of their fields and states re-derived by a new reviewersPerItem (as does the settings'
 * time). Aggregates over indexed or small tables, computed in one statement: far cheaper than a refit.
 */
export async function labelSetVersion(session: SqlSession, table: LabelTable): Promise<string> {
  const row = await session.get<Record<string, string | number | null>>(
    `SELECT
       (SELECT COUNT(*) FROM ${table.labels}) AS labels,
       (SELECT MAX(updated_at) FROM ${table.labels}) AS latest,
       (SELECT SUM(updated_at % ${DAY_MS}) FROM ${table.labels}) AS spread,
       (SELECT COUNT(*) FROM ${table.items} WHERE label_state = ?) AS settled,
       (SELECT MAX(updated_at) FROM ${table.items} WHERE label_state = ?) AS settled_at,
       (SELECT MAX(updated_at) FROM settings) AS settings_at`,
    ['consensus', 'consensus']
  );
  // PostgreSQL answers bigint and numeric as text, SQLite as numbers: the same digits either way.
  return ['labels', 'latest', 'spread', 'settled', 'settled_at', 'settings_at']
    .map((column) => String(row?.[column] ?? 0))
    .join(':');
}
