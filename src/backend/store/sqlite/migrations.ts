/**
 * The schema in SQLite's dialect. STRICT tables make SQLite enforce column types like PostgreSQL does; times are
 * epoch milliseconds (INTEGER), JSON is TEXT, booleans are 0/1. Append new versions, never edit shipped ones.
 */
import type { MigrationPlan } from '../sql/migrate';

export const sqliteMigrations: MigrationPlan = {
  hasMigrationsTable: "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
  bootstrap: `
    CREATE TABLE schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at INTEGER NOT NULL
    ) STRICT;`,
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
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          last_event_at INTEGER NOT NULL,
          service TEXT,
          severity TEXT,
          impact_users INTEGER,
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
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          UNIQUE (source, external_id)
        ) STRICT;
        CREATE INDEX incidents_started ON incidents (started_at DESC, id DESC);
        CREATE INDEX incidents_label_state ON incidents (label_state, started_at DESC);

        CREATE TABLE incident_labels (
          incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
          reviewer TEXT NOT NULL,
          root_cause TEXT,
          component TEXT,
          confidence TEXT CHECK (confidence IN ('high', 'medium', 'low')),
          skipped INTEGER NOT NULL CHECK (skipped IN (0, 1)),
          note TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (incident_id, reviewer)
        ) STRICT;

        CREATE TABLE anomalies (
          id TEXT PRIMARY KEY,
          series_labels TEXT NOT NULL,
          expr TEXT,
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          score REAL,
          detector TEXT,
          label_state TEXT NOT NULL DEFAULT 'unlabeled',
          consensus TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX anomalies_started ON anomalies (started_at DESC, id DESC);
        CREATE INDEX anomalies_label_state ON anomalies (label_state, started_at DESC);

        CREATE TABLE anomaly_labels (
          anomaly_id TEXT NOT NULL REFERENCES anomalies (id) ON DELETE CASCADE,
          reviewer TEXT NOT NULL,
          verdict TEXT CHECK (verdict IN ('true_anomaly', 'false_alarm', 'unknown')),
          confidence TEXT CHECK (confidence IN ('high', 'medium', 'low')),
          skipped INTEGER NOT NULL CHECK (skipped IN (0, 1)),
          note TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (anomaly_id, reviewer)
        ) STRICT;

        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at INTEGER NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          item_kind TEXT NOT NULL,
          item_id TEXT,
          details TEXT NOT NULL
        ) STRICT;
        CREATE INDEX audit_log_item ON audit_log (item_kind, item_id, id);

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at INTEGER NOT NULL,
          updated_by TEXT NOT NULL
        ) STRICT;`,
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
