/**
 * SqlDatabase on Node's built-in `node:sqlite` (no native npm module: it works inside the single executable).
 *
 * Durability: WAL with synchronous=FULL. In WAL mode, NORMAL survives a crash of the process (kill -9) but a
 * power cut or kernel panic may roll back the last commits, that is, lose labels we already acknowledged; FULL
 * fsyncs the WAL at every commit. Group commit (group-commit.ts) pays that fsync once per event-loop turn rather
 * than once per request, so FULL still ingests thousands of incidents per second.
 *
 * Two connections: one writer, fed by the group-commit queue, and one reader (query_only). The reader never sees
 * the writer's batch before it commits, so nothing that could still roll back is ever shown. WAL also lets
 * `sqlite3 <file> ".backup <copy>"` (or VACUUM INTO) take a consistent copy while the plugin runs.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { log } from 'backend/grafana/logger';
import type { Dialect, SqlDatabase, SqlRunResult, SqlSession, SqlTransaction, SqlValue } from '../sql/database';
import { GroupCommitQueue, type TransactionControl } from './group-commit';
import { mapSqliteError, SQLITE_CANTOPEN, SQLITE_READONLY, sqliteErrorCode } from './errors';

const DIALECT: Dialect = { name: 'sqlite', lockRows: '' };
/** How long a statement waits for a lock held by another process (backup, sqlite3 shell) before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/** WAL file size kept after checkpoints; without a limit it stays as large as the biggest burst ever was. */
const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

type NodeSqliteValue = string | number | null;

function bind(params: readonly SqlValue[]): NodeSqliteValue[] {
  return params.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
}

class SqliteSession implements SqlTransaction {
  private readonly statements = new Map<string, StatementSync>();

  constructor(private db: DatabaseSync) {}

  /** Moves to a new connection (the writer reopened); the old one's prepared statements go with it. */
  reset(db: DatabaseSync): void {
    this.db = db;
    this.statements.clear();
  }

  async all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return this.statement(sql).all(...bind(params)) as Row[];
  }

  async get<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row | undefined> {
    return this.statement(sql).get(...bind(params)) as Row | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<SqlRunResult> {
    const result = this.statement(sql).run(...bind(params));
    return { changes: Number(result.changes) };
  }

  async exec(script: string): Promise<void> {
    this.db.exec(script);
  }

  /** Prepared once per connection: the store issues the same few dozen statements over and over. */
  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** `writer()` is read at every statement: the connection may be reopened between two batches. */
function transactionControl(writer: () => DatabaseSync): TransactionControl {
  return {
    // IMMEDIATE takes the write lock up front, so a batch never fails half-way on a lock upgrade.
    begin: () => writer().exec('BEGIN IMMEDIATE'),
    commit: () => writer().exec('COMMIT'),
    rollback: () => writer().exec('ROLLBACK'),
    savepoint: () => writer().exec('SAVEPOINT job'),
    releaseSavepoint: () => writer().exec('RELEASE job'),
    rollbackToSavepoint: () => writer().exec('ROLLBACK TO job'),
    get inTransaction() {
      return writer().isTransaction;
    },
  };
}

type DatabaseSyncClass = typeof DatabaseSync;

/** The write connection with our durability settings. */
function openWriter(Database: DatabaseSyncClass, path: string): DatabaseSync {
  const writer = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    const mode = writer.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode?: string } | undefined;
    if (mode?.journal_mode !== 'wal') {
      // E.g. a network file system without shared memory: still durable (FULL), but readers block writers.
      log.warn('SQLite store could not switch to WAL mode', { path, journalMode: mode?.journal_mode });
    }
    writer.exec(
      `PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA journal_size_limit = ${JOURNAL_SIZE_LIMIT};`
    );
    return writer;
  } catch (error) {
    writer.close();
    throw error;
  }
}

export class SqliteDatabase implements SqlDatabase {
  readonly dialect = DIALECT;
  private readonly queue: GroupCommitQueue<SqliteSession>;
  private readonly readSession: SqliteSession;
  private readonly writeSession: SqliteSession;
  /**
   * Set when a write failed because the file could not be written or opened. SQLite opens a file it may not write
   * read-only and keeps it so for the connection's life, so after the operator fixed the permissions only a new
   * connection can write: the next batch opens one first, with no restart or re-save of the data source.
   */
  private reopenWriter = false;

  private constructor(
    readonly location: string,
    private writer: DatabaseSync,
    private readonly reader: DatabaseSync,
    private readonly Database: DatabaseSyncClass
  ) {
    this.writeSession = new SqliteSession(writer);
    this.queue = new GroupCommitQueue(
      transactionControl(() => this.writer),
      this.writeSession,
      {
        mapError: (error) => {
          const code = sqliteErrorCode(error);
          if (code === SQLITE_READONLY || code === SQLITE_CANTOPEN) {
            this.reopenWriter = true;
          }
          return mapSqliteError(error, location);
        },
        beforeBatch: () => this.reopenWriterIfNeeded(),
      }
    );
    this.readSession = new SqliteSession(reader);
  }

  /** Opens (creating if needed) the database file and its directory. */
  static async open(path: string): Promise<SqliteDatabase> {
    // Loaded on first use: the module exists from Node 22.5 on, and only this driver needs it.
    const { DatabaseSync } = await import('node:sqlite');
    let writer: DatabaseSync | undefined;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writer = openWriter(DatabaseSync, path);
      const reader = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
      reader.exec('PRAGMA query_only = ON');
      return new SqliteDatabase(path, writer, reader, DatabaseSync);
    } catch (error) {
      writer?.close();
      throw mapSqliteError(error, path);
    }
  }

  /** Between batches only (no transaction open): swaps in a fresh write connection when the last one failed. */
  private reopenWriterIfNeeded(): void {
    if (!this.reopenWriter) {
      return;
    }
    // If the file is still read-only, the new connection is too: this batch fails as before and the next retries.
    const fresh = openWriter(this.Database, this.location);
    const old = this.writer;
    this.writer = fresh;
    this.writeSession.reset(fresh);
    this.reopenWriter = false;
    old.close();
    log.info('SQLite store reopened its write connection after a read-only or open failure', { path: this.location });
  }

  write<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.queue.enqueue(work);
  }

  async read<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    try {
      return await work(this.readSession);
    } catch (error) {
      throw mapSqliteError(error, this.location);
    }
  }

  /** Transactions and jobs committed so far (group commit efficiency). */
  get commitStats(): { transactions: number; jobs: number } {
    return { ...this.queue.stats };
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.reader.close();
    this.writer.close();
  }
}
