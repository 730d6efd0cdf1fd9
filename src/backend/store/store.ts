/**
 * The store: incidents, anomalies, labels, the audit trail and labeling settings. One interface, two
 * implementations (sqlite/, postgres/) sharing one body of SQL (sql/sql-store.ts) and one contract test suite.
 *
 * Every write method resolves only once its transaction is durably committed: a resolved promise is an
 * acknowledgement that survives a crash of the backend. Failures to store reject with StorageUnavailableError.
 */
import type { AnomalyVerdict, Confidence, LabelState } from 'contract/labels';
import type {
  Anomaly,
  AnomalyLabel,
  AuditEntry,
  Incident,
  IncidentLabel,
  IncidentPatch,
  IncidentSource,
  IncidentStatus,
  IngestOutcome,
  JsonObject,
  LabelingSettings,
  LabelKind,
  MetricsCapture,
  Page,
  ReviewerAnswer,
} from 'contract/resources';
import type { StorageBackend } from 'contract/settings';

/** Who acts, as written to the audit trail: a Grafana login, `webhook:<format>`, or `grafana`. */
export type Actor = string;

/** Descriptive fields of an incident; `undefined` means "not in this event" and keeps what is stored. */
export interface IncidentDetails {
  service?: string | null;
  severity?: string | null;
  impactUsers?: number | null;
  reportedRootCause?: string | null;
  contributingFactors?: string[];
  metricsSnapshot?: JsonObject | null;
  errorLogs?: string[];
  traceIds?: string[];
  resolutionAction?: string | null;
  prevention?: string | null;
  alertLabels?: Record<string, string>;
  annotations?: Record<string, string>;
  url?: string | null;
}

/** One observation of an incident from any source (webhook, import, manual creation), normalised. */
export interface IncidentEvent {
  source: IncidentSource;
  externalId: string;
  status: IncidentStatus;
  /**
   * When the sender observed this state (start of a firing alert, end of a resolved one, PagerDuty's
   * occurred_at). Deliveries arrive out of order; an event older than the stored state never overrides it.
   */
  observedAt: number;
  startedAt: number;
  /** End time of a resolved event; ignored for firing ones. */
  endedAt: number | null;
  title: string;
  details: IncidentDetails;
}

/**
 * An incident as stored, before the labeling summary is attached (and without the duration, which is derived
 * from its start and end when answering).
 */
export type IncidentRecord = Omit<Incident, 'labeling' | 'durationMinutes'>;

export interface IngestedIncident {
  id: string;
  externalId: string;
  outcome: IngestOutcome;
}

export type ListOrder = 'newest' | 'oldest';

export interface IncidentQuery {
  status?: IncidentStatus;
  source?: IncidentSource;
  service?: string;
  /** Case-insensitive substring of title, service, external id or reported root cause. */
  search?: string;
  labelState?: LabelState;
  /** Only items this reviewer has not labeled or skipped yet (their personal queue). */
  notReviewedBy?: string;
  /** startedAt within [from, to] (epoch ms). */
  from?: number;
  to?: number;
  order?: ListOrder;
  limit: number;
  offset: number;
}

export interface AnomalyQuery {
  labelState?: LabelState;
  notReviewedBy?: string;
  from?: number;
  to?: number;
  order?: ListOrder;
  limit: number;
  offset: number;
}

/** A validated label: a category with confidence, or a skip (then category and confidence are null). */
export interface IncidentLabelValues {
  rootCause: string | null;
  component: string | null;
  confidence: Confidence | null;
  skipped: boolean;
  note: string | null;
}

/** A label as an export holds it: its reviewer and times travel with it (an import keeps them). */
export interface ImportedIncidentLabel {
  incidentId: string;
  reviewer: string;
  values: IncidentLabelValues;
  createdAt: number;
  updatedAt: number;
}

export interface ImportOutcome {
  incidents: IngestedIncident[];
  /** One per imported label, in order; `unchanged` also when the store holds a newer label of that reviewer. */
  labels: IngestOutcome[];
}

export interface AnomalyLabelValues {
  verdict: AnomalyVerdict | null;
  confidence: Confidence | null;
  skipped: boolean;
  note: string | null;
}

/** An anomaly to record; `id` is already resolved (given or derived). */
export interface AnomalyRecordInput {
  id: string;
  seriesLabels: Record<string, string>;
  expr: string | null;
  startedAt: number;
  endedAt: number | null;
  score: number | null;
  detector: string | null;
}

/** Non-skip answers of one item, oldest first: what agreement statistics and the disagreement queue read. */
export interface ItemAnswers {
  itemId: string;
  title: string;
  answers: ReviewerAnswer[];
}

export interface AuditQuery {
  itemKind?: AuditEntry['itemKind'];
  itemId?: string;
  actor?: string;
  limit: number;
  offset: number;
}

export interface Store {
  readonly backend: StorageBackend;
  /** Where the data lives, for messages and health: a file path or host:port/database (never a secret). */
  readonly location: string;

  /** Applies each event in order, in one transaction: creates, updates or leaves the incident unchanged. */
  ingestIncidents(events: IncidentEvent[], actor: Actor): Promise<IngestedIncident[]>;
  getIncident(id: string): Promise<Incident | undefined>;
  listIncidents(query: IncidentQuery): Promise<Page<Incident>>;
  /** @throws NotFoundError */
  updateIncident(id: string, patch: IncidentPatch, actor: Actor): Promise<Incident>;
  /** Deletes the incident and its labels (the audit trail keeps both). @throws NotFoundError */
  deleteIncident(id: string, actor: Actor): Promise<void>;
  /** @throws NotFoundError */
  saveCapturedMetrics(id: string, capture: MetricsCapture, actor: Actor): Promise<Incident>;

  /** The reviewer's label of the incident, created or replaced. @throws NotFoundError */
  putIncidentLabel(incidentId: string, values: IncidentLabelValues, reviewer: Actor): Promise<IncidentLabel>;
  /** @throws NotFoundError */
  listIncidentLabels(incidentId: string): Promise<IncidentLabel[]>;

  /** Labels of these incidents (unknown ids are left out), per incident oldest first, in the order of `ids`. */
  listLabelsOfIncidents(ids: readonly string[]): Promise<IncidentLabel[]>;
  /**
   * An export coming back: the events as by ingestIncidents, then the labels, all in one transaction (all or
   * nothing). @throws NotFoundError when a label's incident is neither stored nor among the events
   */
  importIncidents(events: IncidentEvent[], labels: ImportedIncidentLabel[], actor: Actor): Promise<ImportOutcome>;

  upsertAnomalies(inputs: AnomalyRecordInput[], actor: Actor): Promise<Array<{ id: string; outcome: IngestOutcome }>>;
  getAnomaly(id: string): Promise<Anomaly | undefined>;
  listAnomalies(query: AnomalyQuery): Promise<Page<Anomaly>>;
  /** @throws NotFoundError */
  putAnomalyLabel(anomalyId: string, values: AnomalyLabelValues, reviewer: Actor): Promise<AnomalyLabel>;
  /** @throws NotFoundError */
  listAnomalyLabels(anomalyId: string): Promise<AnomalyLabel[]>;

  /**
   * Changes whenever the labeled set of the kind changes (a label written, imported or deleted with its item, an
   * item's consensus or a consensus item's fields): what caches of models trained on the labels are keyed by.
   * Opaque; cheap (a few aggregates).
   */
  labelSetVersion(kind: LabelKind): Promise<string>;
  /** Answers of every item of the kind with at least one non-skip label; `state` narrows to one label state. */
  listAnswers(kind: LabelKind, state?: LabelState): Promise<ItemAnswers[]>;

  listAudit(query: AuditQuery): Promise<Page<AuditEntry>>;
  /**
   * Deletes audit entries older than the retention (`auditRetentionDays`), a few hundred per transaction. The
   * store runs it by itself after opening and hourly; calling it runs it now (or joins the run in progress).
   */
  pruneAudit(): Promise<{ deleted: number; batches: number }>;

  getLabelingSettings(): Promise<LabelingSettings>;
  /** Replaces the settings; a new reviewersPerItem re-derives every item's label state. */
  putLabelingSettings(settings: LabelingSettings, actor: Actor): Promise<LabelingSettings>;

  /** Waits for queued writes, then releases the database. Later calls fail with StorageUnavailableError. */
  close(): Promise<void>;
}
