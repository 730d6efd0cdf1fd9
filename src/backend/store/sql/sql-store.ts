/**
 * The Store on any SqlDatabase: one implementation of the domain rules for SQLite and PostgreSQL alike, so the
 * two backends cannot drift apart (and the contract suite proves it).
 */
import type {
  Anomaly,
  AnomalyLabel,
  AuditEntry,
  Incident,
  IncidentLabel,
  IncidentPatch,
  IngestOutcome,
  LabelingSettings,
  LabelKind,
  MetricsCapture,
  Page,
} from 'contract/resources';
import type { LabelState } from 'contract/labels';
import { NotFoundError } from '../errors';
import { diff } from '../incident-merge';
import type {
  Actor,
  AnomalyLabelValues,
  AnomalyQuery,
  AnomalyRecordInput,
  AuditQuery,
  ImportedIncidentLabel,
  ImportOutcome,
  IncidentEvent,
  IncidentLabelValues,
  IncidentQuery,
  IngestedIncident,
  ItemAnswers,
  Store,
} from '../store';
import * as anomalies from './anomalies';
import {
  AuditRetention,
  DEFAULT_AUDIT_RETENTION_DAYS,
  type AuditRetentionOptions,
  type PruneResult,
} from '../audit-retention';
import { appendAudit, deleteAuditBefore, listAudit } from './audit';
import type { SqlDatabase } from './database';
import * as incidents from './incidents';
import { LABEL_TABLES, labelSetVersion, listAnswers, refreshAllLabelStates } from './label-tables';
import { importIncidentLabel, putAnomalyLabel, putIncidentLabel } from './labels';
import { json } from './rows';
import { readLabelingSettings, writeLabelingSettings } from './settings';

export class SqlStore implements Store {
  readonly backend;
  readonly location;
  private readonly retention: AuditRetention;

  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number = Date.now,
    retention: AuditRetentionOptions = { retentionDays: DEFAULT_AUDIT_RETENTION_DAYS }
  ) {
    this.backend = db.dialect.name;
    this.location = db.location;
    this.retention = new AuditRetention(
      retention,
      (before, limit) => db.write((tx) => deleteAuditBefore(tx, before, limit)),
      now
    );
    this.retention.start();
  }

  ingestIncidents(events: IncidentEvent[], actor: Actor): Promise<IngestedIncident[]> {
    if (events.length === 0) {
      return Promise.resolve([]);
    }
    return this.db.write((tx) => incidents.ingest(tx, this.db.dialect, events, actor, this.now()));
  }

  getIncident(id: string): Promise<Incident | undefined> {
    return this.db.read(async (session) => {
      const row = await incidents.selectIncident(session, this.db.dialect, id, false);
      return row && (await incidents.withLabeling(session, [row]))[0];
    });
  }

  listIncidents(query: IncidentQuery): Promise<Page<Incident>> {
    return this.db.read((session) => incidents.listIncidents(session, query));
  }

  async updateIncident(id: string, patch: IncidentPatch, actor: Actor): Promise<Incident> {
    await this.db.write((tx) => incidents.updateIncident(tx, this.db.dialect, id, patch, actor, this.now()));
    return this.mustGetIncident(id);
  }

  deleteIncident(id: string, actor: Actor): Promise<void> {
    return this.db.write((tx) => incidents.deleteIncident(tx, this.db.dialect, id, actor, this.now()));
  }

  async saveCapturedMetrics(id: string, capture: MetricsCapture, actor: Actor): Promise<Incident> {
    await this.db.write(async (tx) => {
      const now = this.now();
      const result = await tx.run('UPDATE incidents SET captured_metrics = ?, updated_at = ? WHERE id = ?', [
        json(capture),
        now,
        id,
      ]);
      if (result.changes === 0) {
        throw new NotFoundError(`incident ${id} not found`);
      }
      await appendAudit(tx, actor, now, {
        action: 'incident.snapshot',
        itemKind: 'incident',
        itemId: id,
        details: {
          from: capture.from,
          to: capture.to,
          complete: capture.complete,
          queries: capture.queries.map((q) => ({ name: q.name, series: q.series.length, error: q.error ?? null })),
        },
      });
    });
    return this.mustGetIncident(id);
  }

  putIncidentLabel(incidentId: string, values: IncidentLabelValues, reviewer: Actor): Promise<IncidentLabel> {
    return this.db.write((tx) => putIncidentLabel(tx, this.db.dialect, incidentId, values, reviewer, this.now()));
  }

  listIncidentLabels(incidentId: string): Promise<IncidentLabel[]> {
    return this.db.read((session) => incidents.listIncidentLabels(session, this.db.dialect, incidentId));
  }

  listLabelsOfIncidents(ids: readonly string[]): Promise<IncidentLabel[]> {
    return this.db.read((session) => incidents.listLabelsOfIncidents(session, ids));
  }

  importIncidents(events: IncidentEvent[], labels: ImportedIncidentLabel[], actor: Actor): Promise<ImportOutcome> {
    if (events.length === 0 && labels.length === 0) {
      return Promise.resolve({ incidents: [], labels: [] });
    }
    return this.db.write(async (tx) => {
      const now = this.now();
      const ingested = events.length === 0 ? [] : await incidents.ingest(tx, this.db.dialect, events, actor, now);
      const outcomes: IngestOutcome[] = [];
      for (const label of labels) {
        outcomes.push(await importIncidentLabel(tx, this.db.dialect, label, actor, now));
      }
      return { incidents: ingested, labels: outcomes };
    });
  }

  upsertAnomalies(inputs: AnomalyRecordInput[], actor: Actor): Promise<Array<{ id: string; outcome: IngestOutcome }>> {
    if (inputs.length === 0) {
      return Promise.resolve([]);
    }
    return this.db.write((tx) => anomalies.upsertAnomalies(tx, this.db.dialect, inputs, actor, this.now()));
  }

  getAnomaly(id: string): Promise<Anomaly | undefined> {
    return this.db.read((session) => anomalies.getAnomaly(session, id));
  }

  listAnomalies(query: AnomalyQuery): Promise<Page<Anomaly>> {
    return this.db.read((session) => anomalies.listAnomalies(session, query));
  }

  putAnomalyLabel(anomalyId: string, values: AnomalyLabelValues, reviewer: Actor): Promise<AnomalyLabel> {
    return this.db.write((tx) => putAnomalyLabel(tx, this.db.dialect, anomalyId, values, reviewer, this.now()));
  }

  listAnomalyLabels(anomalyId: string): Promise<AnomalyLabel[]> {
    return this.db.read((session) => anomalies.listAnomalyLabels(session, anomalyId));
  }

  labelSetVersion(kind: LabelKind): Promise<string> {
    return this.db.read((session) => labelSetVersion(session, LABEL_TABLES[kind]));
  }

  listAnswers(kind: LabelKind, state?: LabelState): Promise<ItemAnswers[]> {
    return this.db.read((session) => listAnswers(session, LABEL_TABLES[kind], state));
  }

  listAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
    return this.db.read((session) => listAudit(session, query));
  }

  pruneAudit(): Promise<PruneResult> {
    return this.retention.prune();
  }

  getLabelingSettings(): Promise<LabelingSettings> {
    return this.db.read((session) => readLabelingSettings(session));
  }

  putLabelingSettings(settings: LabelingSettings, actor: Actor): Promise<LabelingSettings> {
    return this.db.write(async (tx) => {
      const now = this.now();
      const before = await readLabelingSettings(tx);
      if (Object.keys(diff(before, settings)).length === 0) {
        return before;
      }
      await writeLabelingSettings(tx, settings, now, actor);
      if (before.reviewersPerItem !== settings.reviewersPerItem) {
        await refreshAllLabelStates(tx, LABEL_TABLES.incident, settings.reviewersPerItem);
        await refreshAllLabelStates(tx, LABEL_TABLES.anomaly, settings.reviewersPerItem);
      }
      await appendAudit(tx, actor, now, {
        action: 'settings.updated',
        itemKind: 'settings',
        itemId: 'labeling',
        details: { before, after: settings },
      });
      return settings;
    });
  }

  async close(): Promise<void> {
    await this.retention.stop();
    return this.db.close();
  }

  private async mustGetIncident(id: string): Promise<Incident> {
    const incident = await this.getIncident(id);
    if (!incident) {
      // Deleted by someone else between our write and this read.
      throw new NotFoundError(`incident ${id} not found`);
    }
    return incident;
  }
}
