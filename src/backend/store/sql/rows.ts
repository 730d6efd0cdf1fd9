/**
 * Table rows ↔ domain records. Drivers hand back integers as numbers, TEXT as strings and booleans as either
 * 0/1 (SQLite) or true/false (PostgreSQL); JSON columns are TEXT in both dialects.
 */
import type { AnomalyVerdict, Confidence, LabelState } from 'contract/labels';
import type {
  AnomalyLabel,
  AuditEntry,
  IncidentLabel,
  IncidentSource,
  IncidentStatus,
  JsonObject,
  MetricsCapture,
} from 'contract/resources';
import type { AnomalyRecordInput, IncidentRecord } from '../store';
import type { SqlValue } from './database';

export interface IncidentRow {
  id: string;
  source: string;
  external_id: string;
  title: string;
  status: string;
  started_at: number;
  ended_at: number | null;
  last_event_at: number;
  service: string | null;
  severity: string | null;
  impact_users: number | null;
  reported_root_cause: string | null;
  contributing_factors: string;
  metrics_snapshot: string | null;
  error_logs: string;
  trace_ids: string;
  resolution_action: string | null;
  prevention: string | null;
  alert_labels: string;
  annotations: string;
  url: string | null;
  captured_metrics: string | null;
  label_state: string;
  consensus: string | null;
  created_at: number;
  updated_at: number;
}

/** Column order of INSERTs and UPDATEs; label_state and consensus are maintained by the label code. */
export const INCIDENT_COLUMNS = [
  'id',
  'source',
  'external_id',
  'title',
  'status',
  'started_at',
  'ended_at',
  'last_event_at',
  'service',
  'severity',
  'impact_users',
  'reported_root_cause',
  'contributing_factors',
  'metrics_snapshot',
  'error_logs',
  'trace_ids',
  'resolution_action',
  'prevention',
  'alert_labels',
  'annotations',
  'url',
  'captured_metrics',
  'created_at',
  'updated_at',
] as const;

/**
 * Explicit column lists rather than `SELECT *`: PostgreSQL statements are prepared once per connection, and a
 * prepared `*` breaks ("cached plan must not change result type") when a newer replica adds a column.
 */
export const INCIDENT_SELECT = [...INCIDENT_COLUMNS, 'label_state', 'consensus'].join(', ');
export const INCIDENT_LABEL_SELECT =
  'incident_id, reviewer, root_cause, component, confidence, skipped, note, created_at, updated_at';
export const ANOMALY_SELECT =
  'id, series_labels, expr, started_at, ended_at, score, detector, label_state, consensus, created_at, updated_at';
export const ANOMALY_LABEL_SELECT = 'anomaly_id, reviewer, verdict, confidence, skipped, note, created_at, updated_at';
export const AUDIT_SELECT = 'id, at, actor, action, item_kind, item_id, details';

export function json(value: unknown): string {
  return JSON.stringify(value);
}

function parsed<T>(text: string | null, fallback: T): T {
  return text === null || text === '' ? fallback : (JSON.parse(text) as T);
}

export function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

export function incidentValues(r: IncidentRecord): SqlValue[] {
  return [
    r.id,
    r.source,
    r.externalId,
    r.title,
    r.status,
    r.startedAt,
    r.endedAt,
    r.lastEventAt,
    r.service,
    r.severity,
    r.impactUsers,
    r.reportedRootCause,
    json(r.contributingFactors),
    r.metricsSnapshot === null ? null : json(r.metricsSnapshot),
    json(r.errorLogs),
    json(r.traceIds),
    r.resolutionAction,
    r.prevention,
    json(r.alertLabels),
    json(r.annotations),
    r.url,
    r.capturedMetrics === null ? null : json(r.capturedMetrics),
    r.createdAt,
    r.updatedAt,
  ];
}

export function incidentRecord(row: IncidentRow): IncidentRecord {
  return {
    id: row.id,
    source: row.source as IncidentSource,
    externalId: row.external_id,
    title: row.title,
    status: row.status as IncidentStatus,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    lastEventAt: row.last_event_at,
    service: row.service,
    severity: row.severity,
    impactUsers: row.impact_users,
    reportedRootCause: row.reported_root_cause,
    contributingFactors: parsed<string[]>(row.contributing_factors, []),
    metricsSnapshot: parsed<JsonObject | null>(row.metrics_snapshot, null),
    errorLogs: parsed<string[]>(row.error_logs, []),
    traceIds: parsed<string[]>(row.trace_ids, []),
    resolutionAction: row.resolution_action,
    prevention: row.prevention,
    alertLabels: parsed<Record<string, string>>(row.alert_labels, {}),
    annotations: parsed<Record<string, string>>(row.annotations, {}),
    url: row.url,
    capturedMetrics: parsed<MetricsCapture | null>(row.captured_metrics, null),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface LabelStateColumns {
  label_state: string;
  consensus: string | null;
}

export function labelStateOf(row: LabelStateColumns): { state: LabelState; consensus: string | null } {
  return { state: row.label_state as LabelState, consensus: row.consensus };
}

export interface IncidentLabelRow {
  incident_id: string;
  reviewer: string;
  root_cause: string | null;
  component: string | null;
  confidence: string | null;
  skipped: number | boolean;
  note: string | null;
  created_at: number;
  updated_at: number;
}

export function incidentLabel(row: IncidentLabelRow): IncidentLabel {
  return {
    incidentId: row.incident_id,
    reviewer: row.reviewer,
    rootCause: row.root_cause,
    component: row.component,
    confidence: row.confidence as Confidence | null,
    skipped: flag(row.skipped),
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface AnomalyRow extends LabelStateColumns {
  id: string;
  series_labels: string;
  expr: string | null;
  started_at: number;
  ended_at: number | null;
  score: number | null;
  detector: string | null;
  created_at: number;
  updated_at: number;
}

export function anomalyInput(row: AnomalyRow): AnomalyRecordInput {
  return {
    id: row.id,
    seriesLabels: parsed<Record<string, string>>(row.series_labels, {}),
    expr: row.expr,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    score: row.score,
    detector: row.detector,
  };
}

export interface AnomalyLabelRow {
  anomaly_id: string;
  reviewer: string;
  verdict: string | null;
  confidence: string | null;
  skipped: number | boolean;
  note: string | null;
  created_at: number;
  updated_at: number;
}

export function anomalyLabel(row: AnomalyLabelRow): AnomalyLabel {
  return {
    anomalyId: row.anomaly_id,
    reviewer: row.reviewer,
    verdict: row.verdict as AnomalyVerdict | null,
    confidence: row.confidence as Confidence | null,
    skipped: flag(row.skipped),
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  item_kind: string;
  item_id: string | null;
  details: string;
}

export function auditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action as AuditEntry['action'],
    itemKind: row.item_kind as AuditEntry['itemKind'],
    itemId: row.item_id,
    details: parsed<JsonObject>(row.details, {}),
  };
}
