/**
 * The resource API of the data source (`/api/datasources/uid/<uid>/resources/<path>`): paths and the JSON the
 * app pages and the backend exchange. Timestamps are epoch milliseconds (Grafana's `dateTime(ms)` reads them
 * directly); every error answer is `{ "message": ... }`. No runtime dependencies: the browser imports this.
 */
import type { AnomalyVerdict, Confidence, LabelState } from './labels';

/** Formats `POST webhooks/<format>` understands. */
export const WEBHOOK_FORMATS = ['grafana', 'alertmanager', 'pagerduty', 'generic'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * Where an incident came from; with `externalId` it is the incident's identity, so a redelivered webhook or a
 * re-imported file updates the incident instead of duplicating it.
 */
export const INCIDENT_SOURCES = [...WEBHOOK_FORMATS, 'manual'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const INCIDENT_STATUSES = ['firing', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Grafana does not forward `Authorization` to plugins (it authenticates the caller with it), so webhook senders
 * put the data source's webhook token in this header; see src/backend/resources/README.md.
 */
export const WEBHOOK_TOKEN_HEADER = 'X-Traceo-Webhook-Token';

const segment = (id: string) => encodeURIComponent(id);

/** Resource paths, relative to the data source's `resources/` root. */
export const RESOURCE_PATHS = {
  incidents: 'incidents',
  incidentsExport: 'incidents/export',
  incidentsImport: 'incidents/import',
  labelsExport: 'labels/export',
  labelsImport: 'labels/import',
  incident: (id: string) => `incidents/${segment(id)}`,
  incidentLabels: (id: string) => `incidents/${segment(id)}/labels`,
  incidentSnapshot: (id: string) => `incidents/${segment(id)}/snapshot`,
  anomalies: 'anomalies',
  anomaly: (id: string) => `anomalies/${segment(id)}`,
  anomalyLabels: (id: string) => `anomalies/${segment(id)}/labels`,
  labelAgreement: 'labels/agreement',
  labelDisagreements: 'labels/disagreements',
  audit: 'audit',
  labelingSettings: 'settings/labeling',
  webhook: (format: WebhookFormat) => `webhooks/${format}`,
} as const;

export interface ErrorBody {
  message: string;
}

export interface Page<T> {
  items: T[];
  /** Matching items in total, for "n of total" and paging. */
  total: number;
  limit: number;
  offset: number;
}

/** A complete, unpaged list (labels of one item, disagreements). */
export interface Items<T> {
  items: T[];
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Where an item stands: who labeled it and whether they agree. Skips never count towards consensus. */
export interface LabelingSummary {
  state: LabelState;
  /** Logins that gave a (non-skip) label, in labeling order. */
  reviewers: string[];
  skippedBy: string[];
  /** The agreed category once enough reviewers agree; `null` otherwise. */
  consensus: string | null;
}

export interface Incident {
  /** Stable, URL-safe id derived from `source` and `externalId`. */
  id: string;
  source: IncidentSource;
  /** The sender's id: generic `incident_id`, PagerDuty incident id, alert fingerprint with its start time. */
  externalId: string;
  title: string;
  status: IncidentStatus;
  service: string | null;
  severity: string | null;
  startedAt: number;
  endedAt: number | null;
  durationMinutes: number | null;
  impactUsers: number | null;
  /** The root cause the sender reported (free text); reviewers' labels are separate. */
  reportedRootCause: string | null;
  contributingFactors: string[];
  /** A snapshot the sender attached (generic format `metrics_snapshot`), as sent. */
  metricsSnapshot: JsonObject | null;
  errorLogs: string[];
  traceIds: string[];
  resolutionAction: string | null;
  prevention: string | null;
  /** Alert labels and annotations (Grafana, Alertmanager) or PagerDuty fields, as strings. */
  alertLabels: Record<string, string>;
  annotations: Record<string, string>;
  /** Link back to the sender (alert rule, PagerDuty incident). */
  url: string | null;
  /** Our capture of the configured PromQL expressions around the incident. */
  capturedMetrics: MetricsCapture | null;
  createdAt: number;
  updatedAt: number;
  /** Time of the newest event applied; older, out-of-order deliveries never override newer state. */
  lastEventAt: number;
  labeling: LabelingSummary;
}

/** `POST incidents` and the JSON/CSV import use the generic webhook format (snake_case), see GenericIncident. */
export interface GenericIncident {
  incident_id: string;
  /** ISO 8601, or epoch seconds / milliseconds. */
  timestamp: string | number;
  service?: string | null;
  severity?: string | null;
  duration_minutes?: number | null;
  impact_users?: number | null;
  root_cause?: string | null;
  contributing_factors?: string[] | string | null;
  metrics_snapshot?: JsonObject | null;
  error_logs?: string[] | string | null;
  trace_ids?: string[] | string | null;
  resolution_action?: string | null;
  prevention?: string | null;
  /** Optional beyond the generic format: our export writes them so that a round trip keeps everything. */
  title?: string | null;
  status?: IncidentStatus;
  source?: IncidentSource;
  alert_labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
  url?: string | null;
}

/** `PATCH incidents/:id`: the fields an editor may correct. `null` clears a field. */
export interface IncidentPatch {
  title?: string;
  status?: IncidentStatus;
  service?: string | null;
  severity?: string | null;
  endedAt?: number | null;
  impactUsers?: number | null;
  reportedRootCause?: string | null;
  contributingFactors?: string[];
  resolutionAction?: string | null;
  prevention?: string | null;
}

export type IngestOutcome = 'created' | 'updated' | 'unchanged';

/** Answer of the webhooks, `POST incidents` and the import. */
export interface IngestResult {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Events that carry no incident (PagerDuty service events, Grafana test notifications without alerts). */
  ignored: number;
  incidents: Array<{ id: string; externalId: string; outcome: IngestOutcome }>;
}

/** Answer of the imports: the incidents as by IngestResult, and what became of the reviewers' labels. */
export interface ImportResult extends IngestResult {
  labels: { received: number; created: number; updated: number; unchanged: number };
}

/** `POST incidents/:id/labels`: a root cause with confidence, or a skip. The reviewer is the signed-in user. */
export interface IncidentLabelInput {
  rootCause?: string;
  component?: string | null;
  confidence?: Confidence;
  skip?: boolean;
  note?: string | null;
}

export interface IncidentLabel {
  incidentId: string;
  reviewer: string;
  rootCause: string | null;
  component: string | null;
  confidence: Confidence | null;
  skipped: boolean;
  note: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Answer of `POST incidents/:id/labels` and `POST anomalies/:id/labels`: the label and where the item now stands. */
export interface LabelSaved<L> {
  label: L;
  labeling: LabelingSummary;
}

export interface Anomaly {
  /** Given by the detector, or derived from expr, series and start so re-posting is idempotent. */
  id: string;
  seriesLabels: Record<string, string>;
  expr: string | null;
  startedAt: number;
  endedAt: number | null;
  /** anomaly_score 0–100 at the onset. */
  score: number | null;
  detector: string | null;
  createdAt: number;
  updatedAt: number;
  labeling: LabelingSummary;
}

export interface AnomalyInput {
  id?: string;
  seriesLabels: Record<string, string>;
  expr?: string | null;
  startedAt: number;
  endedAt?: number | null;
  score?: number | null;
  detector?: string | null;
}

export interface AnomalyLabelInput {
  verdict?: AnomalyVerdict;
  confidence?: Confidence;
  skip?: boolean;
  note?: string | null;
}

export interface AnomalyLabel {
  anomalyId: string;
  reviewer: string;
  verdict: AnomalyVerdict | null;
  confidence: Confidence | null;
  skipped: boolean;
  note: string | null;
  createdAt: number;
  updatedAt: number;
}

export type LabelKind = 'incident' | 'anomaly';

/** `GET labels/agreement?kind=`: the first two reviewers of each item that has two, as raters A and B. */
export interface AgreementStats {
  kind: LabelKind;
  reviewersPerItem: number;
  /** Items with at least one non-skip label. */
  labeledItems: number;
  /** Items with two non-skip labels or more: the sample the statistics are computed on. */
  pairedItems: number;
  agreedItems: number;
  /** Share of paired items where A and B agree, 0–1; `null` without paired items. */
  percentAgreement: number | null;
  /** Cohen's kappa of A vs B; `null` when undefined (no pairs, or both raters used one category only). */
  cohensKappa: number | null;
  categories: string[];
  /** confusion[i][j]: items rater A put in categories[i] and rater B in categories[j]. */
  confusion: number[][];
}

/** One reviewer's answer, whatever the item kind: root cause for incidents, verdict for anomalies. */
export interface ReviewerAnswer {
  reviewer: string;
  category: string;
  confidence: Confidence | null;
  note: string | null;
  updatedAt: number;
}

export interface Disagreement {
  kind: LabelKind;
  itemId: string;
  title: string;
  answers: ReviewerAnswer[];
}

export const AUDIT_ACTIONS = [
  'incident.created',
  'incident.updated',
  'incident.deleted',
  'incident.snapshot',
  'anomaly.created',
  'anomaly.updated',
  'label.created',
  'label.updated',
  'settings.updated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: number;
  at: number;
  /** Grafana login, `webhook:<format>`, or `grafana` for calls without a user. */
  actor: string;
  action: AuditAction;
  itemKind: 'incident' | 'anomaly' | 'settings';
  itemId: string | null;
  /** What changed: `{ before, after }` for updates, the new record for creations. */
  details: JsonObject;
}

/** A PromQL expression captured around every incident (hour before, during, hour after). */
export interface SnapshotQuery {
  name: string;
  expr: string;
}

export interface LabelingSettings {
  /** Root causes added to the built-in taxonomy. */
  rootCauseExtensions: string[];
  reviewersPerItem: number;
  snapshotQueries: SnapshotQuery[];
}

/** `GET settings/labeling` adds the resulting taxonomy, so the page never rebuilds it. */
export interface LabelingSettingsView extends LabelingSettings {
  rootCauses: string[];
}

export interface CapturedSeries {
  labels: Record<string, string>;
  timestamps: number[];
  /** `null` where Prometheus had NaN (no value). */
  values: Array<number | null>;
}

export interface CapturedQuery {
  name: string;
  expr: string;
  series: CapturedSeries[];
  /** Series beyond the per-query cap that were not kept. */
  omittedSeries?: number;
  /** Why this expression has no data, when Prometheus refused it. */
  error?: string;
}

export interface MetricsCapture {
  capturedAt: number;
  /** One hour before the start … one hour after the end (or capture time while firing). */
  from: number;
  to: number;
  stepSeconds: number;
  /** False while the hour after the incident has not fully happened yet. */
  complete: boolean;
  queries: CapturedQuery[];
}
