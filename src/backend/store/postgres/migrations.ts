/**
 * The schema in PostgreSQL's dialect: the same tables and columns as sqlite/migrations.ts (one store SQL runs on
 * both). Times are epoch milliseconds (BIGINT) rather than timestamptz so that both stores compare and sort them
 * identically; JSON is TEXT for the same reason (jsonb would reorder keys and refuse \u0000). Append new
 * versions, never edit shipped ones.
 */
import type { MigrationPlan } from '../sql/migrate';

/** Any constant: every Traceo ML replica takes the same advisory lock while migrating. */
const MIGRATION_LOCK_KEY = 7_331_001;

export const postgresMigrations: MigrationPlan = {
  lock: async (tx) => {
    await tx.get('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
  },
  // to_regclass follows search_path, like the unqualified names of every other statement.
  hasMigrationsTable: "SELECT 1 AS found WHERE to_regclass('schema_migrations') IS NOT NULL",
  bootstrap: `
    CREATE TABLE schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    );`,
  migrations: [
    {
      version: 1,
      name: 'incidents, anomalies, labels, audit trail, settings',
      script: `
        CREATE TABLE incidents (
          id TEXT PRIMARY KEY,
          source TEXT NOT NULL,
          external_id TEXT NOT NULL,
          title TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
          started_at BIGINT NOT NULL,
          ended_at BIGINT,
          last_event_at BIGINT NOT NULL,
          service TEXT,
          severity TEXT,
          impact_users BIGINT,
          reported_root_cause TEXT,
          contributing_factors TEXT NOT NULL,
          metrics_snapshot TEXT,
          error_logs TEXT NOT NULL,
          trace_ids TEXT NOT NULL,
          resolution_action TEXT,
          prevention TEXT,
          alert_labels TEXT NOT NULL,
          annotations TEXT NOT NULL,
          url TEXT,
          captured_metrics TEXT,
          label_state TEXT NOT NULL DEFAULT 'unlabeled',
          consensus TEXT,
          created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL,
          UNIQUE (source, external_id)
        );
        CREATE INDEX incidents_started ON incidents (started_at DESC, id DESC);
        CREATE INDEX incidents_label_state ON incidents (label_state, started_at DESC);

        CREATE TABLE incident_labels (
          incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
          reviewer TEXT NOT NULL,
          root_cause TEXT,
          component TEXT,
          confidence TEXT CHECK (confidence IN ('high', 'medium', 'low')),
          skipped BOOLEAN NOT NULL,
          note TEXT,
          created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL,
          PRIMARY KEY (incident_id, reviewer)
        );

        CREATE TABLE anomalies (
          id TEXT PRIMARY KEY,
          series_labels TEXT NOT NULL,
          expr TEXT,
          started_at BIGINT NOT NULL,
          ended_at BIGINT,
          score DOUBLE PRECISION,
          detector TEXT,
          label_state TEXT NOT NULL DEFAULT 'unlabeled',
          consensus TEXT,
          created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL
        );
        CREATE INDEX anomalies_started ON anomalies (started_at DESC, id DESC);
        CREATE INDEX anomalies_label_state ON anomalies (label_state, started_at DESC);

        CREATE TABLE anomaly_labels (
          anomaly_id TEXT NOT NULL REFERENCES anomalies (id) ON DELETE CASCADE,
          reviewer TEXT NOT NULL,
          verdict TEXT CHECK (verdict IN ('true_anomaly', 'false_alarm', 'unknown')),
          confidence TEXT CHECK (confidence IN ('high', 'medium', 'low')),
          skipped BOOLEAN NOT NULL,
          note TEXT,
          created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL,
          PRIMARY KEY (anomaly_id, reviewer)
        );

        CREATE TABLE audit_log (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at BIGINT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          item_kind TEXT NOT NULL,
          item_id TEXT,
          details TEXT NOT NULL
        );
        CREATE INDEX audit_log_item ON audit_log (item_kind, item_id, id);

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at BIGINT NOT NULL,
          updated_by TEXT NOT NULL
        );`,
    },
    {
      version: 2,
      name: 'audit trail retention: index on time',
      // The retention job deletes the oldest entries in small batches; without this index every run would scan
      // the whole trail to learn that nothing is old enough yet.
      script: `CREATE INDEX audit_log_at ON audit_log (at);`,
    },
  ],
};
