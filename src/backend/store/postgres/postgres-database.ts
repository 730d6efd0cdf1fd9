/**
 * SqlDatabase on PostgreSQL through `pg`: one connection pool shared by every request of the data source;
 * writes arriving together share one transaction (batch-writer.ts). Committed means durable: synchronous_commit
 * is the server's call, and its default (on) waits for the WAL flush. Deadlocks and serialization failures
 * between Grafana replicas are retried, since every transaction the store runs can be replayed from scratch.
 */
import pg, { type PoolClient, type QueryResultRow } from 'pg';

import { log } from 'backend/grafana/logger';
import type { Dialect, SqlDatabase, SqlRunResult, SqlSession, SqlTransaction, SqlValue } from '../sql/database';
import { BatchWriter } from './batch-writer';
import { isRetryable, mapPostgresError } from './errors';
import { numberedPlaceholders, statementName } from './placeholders';

const DIALECT: Dialect = { name: 'postgres', lockRows: ' FOR UPDATE' };
const INT8_OID = 20;
const MAX_ATTEMPTS = 3;
const DEFAULT_POOL_SIZE = 10;

export interface PostgresConnection {
  dsn: string;
  password?: string;
  /** host:port/database, for messages. */
  display: string;
  poolSize?: number;
}

/** Anything with pg's `query` (a pool or a checked-out client). */
interface Queryable {
  query<Row extends QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<Row>>;
  query<Row extends QueryResultRow>(text: string): Promise<pg.QueryResult<Row>>;
}

function prepared(sql: string, params: readonly SqlValue[]): pg.QueryConfig {
  return { name: statementName(sql), text: numberedPlaceholders(sql), values: [...params] };
}

class PostgresSession implements SqlTransaction {
  constructor(private readonly target: Queryable) {}

  async all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const result = await this.target.query<QueryResultRow>(prepared(sql, params));
    return result.rows as Row[];
  }

  async get<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row | undefined> {
    return (await this.all<Row>(sql, params))[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<SqlRunResult> {
    const result = await this.target.query(prepared(sql, params));
    return { changes: result.rowCount ?? 0 };
  }

  async exec(script: string): Promise<void> {
    // Without parameters pg uses the simple query protocol, which runs multi-statement scripts.
    await this.target.query(script);
  }
}

/**
 * pg lets the connection string's fields override explicit options (a DSN without a password would blank the
 * `password` option), so the secret goes into the URL handed to pg; it never leaves this process' memory.
 */
function withPassword(dsn: string, password: string | undefined): string {
  if (password === undefined) {
    return dsn;
  }
  const url = new URL(dsn);
  url.password = encodeURIComponent(password);
  return url.toString();
}

export class PostgresDatabase implements SqlDatabase {
  readonly dialect = DIALECT;
  private readonly readSession: PostgresSession;
  private readonly writer: BatchWriter<SqlTransaction>;

  private constructor(
    readonly location: string,
    private readonly pool: pg.Pool,
    poolSize: number
  ) {
    this.readSession = new PostgresSession(pool);
    this.writer = new BatchWriter<SqlTransaction>(
      async () => {
        const client = await pool.connect();
        return {
          session: new PostgresSession(client),
          query: (sql) => client.query(sql),
          release: (broken) => client.release(broken),
        };
      },
      {
        // Half the pool writes in batches; the other half stays free for reads.
        maxConcurrent: Math.max(1, Math.floor(poolSize / 2)),
        maxBatch: 64,
        runAlone: (work) => this.writeAlone(work),
        mapError: (error) => mapPostgresError(error, location),
      }
    );
  }

  /** Creates the pool and checks that the server answers, so that a bad DSN fails now with a clear message. */
  static async open(connection: PostgresConnection): Promise<PostgresDatabase> {
    const poolSize = connection.poolSize ?? DEFAULT_POOL_SIZE;
    const pool = new pg.Pool({
      connectionString: withPassword(connection.dsn, connection.password),
      max: poolSize,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
      application_name: 'traceo-ml',
      // BIGINT (epoch ms, counts) as numbers: every value the store keeps fits in 2^53.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID
            ? (value: string) => Number(value)
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection dropped by the server emits here; unhandled, it would crash the plugin.
    pool.on('error', (error) =>
      log.warn('PostgreSQL connection lost', { server: connection.display, error: error.message })
    );
    const db = new PostgresDatabase(connection.display, pool, poolSize);
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw mapPostgresError(error, connection.display);
    }
    return db;
  }

  write<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.writer.write(work);
  }

  /** Batches committed and jobs they carried (group commit efficiency). */
  get commitStats(): { batches: number; jobs: number; replayed: number } {
    return { ...this.writer.stats };
  }

  /** One transaction of its own, retried on deadlocks and serialization failures. */
  private async writeAlone<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(work);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) {
          throw mapPostgresError(error, this.location);
        }
        log.debug('Retrying a PostgreSQL transaction', { attempt, code: (error as { code?: string }).code });
      }
    }
  }

  async read<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    try {
      return await work(this.readSession);
    } catch (error) {
      throw mapPostgresError(error, this.location);
    }
  }

  async close(): Promise<void> {
    await this.writer.drain();
    await this.pool.end();
  }

  private async attempt<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(new PostgresSession(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection itself failed: do not return it to the pool.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
