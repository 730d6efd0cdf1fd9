/**
 * The little a SQL database driver must offer the store: parameterised statements (`?` placeholders, always;
 * no SQL is ever built from values), durable write transactions and reads. The SQLite and PostgreSQL drivers
 * implement it; the store's SQL is written once against it, in the subset both dialects share.
 */
import type { StorageBackend } from 'contract/settings';

/** What a parameter may be; booleans map to the dialect's boolean (0/1 in SQLite). */
export type SqlValue = string | number | boolean | null;

export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface SqlSession {
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult>;
}

export interface SqlTransaction extends SqlSession {
  /** Runs a script without parameters (migrations only). */
  exec(script: string): Promise<void>;
}

export interface Dialect {
  name: StorageBackend;
  /**
   * Suffix of a SELECT whose rows the transaction is about to update: `FOR UPDATE` in PostgreSQL, where
   * several Grafana replicas write concurrently; empty in SQLite, whose write transactions are serial.
   */
  lockRows: string;
}

export interface SqlDatabase {
  readonly dialect: Dialect;
  /** File path or host:port/database, for messages. */
  readonly location: string;
  /**
   * Runs `work` in a write transaction. Resolves after COMMIT is durable; rejects, with nothing committed, if
   * `work` throws or the commit fails. `work` must only await the transaction's own statements.
   */
  write<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Runs read-only statements; they see committed data only. */
  read<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
