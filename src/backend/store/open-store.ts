/**
 * Opens the store a data source's settings describe, with its schema migrated: the factory of the store
 * InstanceManager in main.ts (one store per data source, reopened when its settings change).
 */
import { log } from 'backend/grafana/logger';
import type { StorageSettings } from 'backend/settings/store-settings';
import { DEFAULT_AUDIT_RETENTION_DAYS, type AuditRetentionOptions } from './audit-retention';
import { PostgresDatabase } from './postgres/postgres-database';
import { postgresMigrations } from './postgres/migrations';
import type { SqlDatabase } from './sql/database';
import { migrate, type MigrationPlan } from './sql/migrate';
import { SqlStore } from './sql/sql-store';
import { sqliteMigrations } from './sqlite/migrations';
import { SqliteDatabase } from './sqlite/sqlite-database';
import type { Store } from './store';

export interface OpenStoreOptions {
  /** Clock for timestamps (tests). */
  now?: () => number;
  /** When and in what batches the audit retention runs (tests); the retention itself is a setting. */
  auditPruning?: Omit<AuditRetentionOptions, 'retentionDays'>;
}

export async function openStore(settings: StorageSettings, options: OpenStoreOptions = {}): Promise<Store> {
  const [db, plan]: [SqlDatabase, MigrationPlan] =
    settings.backend === 'sqlite'
      ? [await SqliteDatabase.open(settings.path), sqliteMigrations]
      : [await PostgresDatabase.open(settings), postgresMigrations];
  try {
    const report = await migrate(db, plan, options.now);
    if (report.applied.length > 0) {
      log.info('Store schema migrated', { backend: settings.backend, location: db.location, applied: report.applied });
    }
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return new SqlStore(db, options.now, {
    retentionDays: settings.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS,
    ...options.auditPruning,
  });
}
