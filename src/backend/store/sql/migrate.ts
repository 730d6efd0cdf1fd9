/**
 * Versioned schema migrations, recorded in `schema_migrations`. Each driver brings its dialect's list; the runner
 * applies the missing versions in order inside one write transaction (PostgreSQL takes an advisory lock first, so
 * Grafana replicas starting together migrate once), and refuses a database newer than the plugin.
 */
import { SchemaTooNewError } from '../errors';
import type { SqlDatabase, SqlSession, SqlTransaction } from './database';

export interface Migration {
  version: number;
  name: string;
  /** DDL script in the driver's dialect. */
  script: string;
}

export interface MigrationPlan {
  /** Returns a row when `schema_migrations` exists. */
  hasMigrationsTable: string;
  /** Creates `schema_migrations` (dialect-specific types). */
  bootstrap: string;
  migrations: readonly Migration[];
  /** Runs first inside the migration transaction, e.g. to take a lock. */
  lock?: (tx: SqlTransaction) => Promise<void>;
}

export interface MigrationReport {
  applied: number[];
  version: number;
}

export async function migrate(
  db: SqlDatabase,
  plan: MigrationPlan,
  now: () => number = Date.now
): Promise<MigrationReport> {
  checkPlan(plan.migrations);
  const latest = plan.migrations.at(-1)?.version ?? 0;
  // Read first: an up-to-date database needs no write transaction, so a read-only one still opens (and serves
  // reads), and replicas starting together do not queue on the migration lock for nothing.
  if ((await db.read((session) => pending(session, plan, latest))).length === 0) {
    return { applied: [], version: latest };
  }
  return db.write(async (tx) => {
    await plan.lock?.(tx);
    if (!(await tx.get(plan.hasMigrationsTable))) {
      await tx.exec(plan.bootstrap);
    }
    // Again under the lock: another replica may have migrated meanwhile.
    const applied: number[] = [];
    for (const migration of await pending(tx, plan, latest)) {
      await tx.exec(migration.script);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now(),
      ]);
      applied.push(migration.version);
    }
    return { applied, version: latest };
  });
}

async function pending(session: SqlSession, plan: MigrationPlan, latest: number): Promise<readonly Migration[]> {
  if (!(await session.get(plan.hasMigrationsTable))) {
    return plan.migrations;
  }
  const rows = await session.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  const done = new Set(rows.map((row) => Number(row.version)));
  const newest = Math.max(0, ...done);
  if (newest > latest) {
    throw new SchemaTooNewError(newest, latest);
  }
  return plan.migrations.filter((migration) => !done.has(migration.version));
}

/** A plan with gaps or reordered versions is a programming error: fail loudly in tests, not in production. */
function checkPlan(migrations: readonly Migration[]): void {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new Error(`migration #${i} has version ${migration.version}, expected ${i + 1}`);
    }
  });
}
