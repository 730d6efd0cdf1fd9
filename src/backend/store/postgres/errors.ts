/**
 * PostgreSQL failures an operator can fix, as clear 503 answers naming the server (never the DSN, whose query
 * string may hold secrets). Anything else (a constraint violation, a syntax error) is our bug: a plain error.
 */
import { StorageUnavailableError } from '../errors';

interface PgErrorShape {
  code?: string;
  message?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
]);

export function mapPostgresError(error: unknown, location: string): unknown {
  if (error instanceof StorageUnavailableError) {
    return error;
  }
  const { code = '', message = '' } = (error ?? {}) as PgErrorShape;
  const unavailable = (text: string, reason: string) =>
    new StorageUnavailableError(`PostgreSQL ${location}: ${text}`, reason);

  if (code === '53100') {
    return unavailable('the server disk is full: nothing was saved; free space and retry', 'full');
  }
  if (code === '25006') {
    return unavailable(
      'the database is read-only (a standby, or default_transaction_read_only): nothing was saved',
      'readonly'
    );
  }
  if (code === '28P01' || code === '28000') {
    return unavailable(
      'the server refused the credentials: check the DSN user and secureJsonData.postgresPassword',
      'auth'
    );
  }
  if (code === '3D000') {
    return unavailable('the database does not exist: create it or fix jsonData.postgresDsn', 'open');
  }
  if (code === '42501') {
    return unavailable('permission denied: the user needs CREATE on the schema and DML on its tables', 'permission');
  }
  if (code === '53300' || code === '53200' || code === '57P03') {
    return unavailable('the server is overloaded or starting up (too many connections, out of memory): retry', 'busy');
  }
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || NETWORK_CODES.has(code)) {
    return unavailable(`cannot reach the server (${code}): nothing was saved; retry`, 'connection');
  }
  // pg's own wording for a pool that cannot connect in time or a connection dropped mid-query.
  if (
    /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error/i.test(
      message
    )
  ) {
    return unavailable(`cannot reach the server (${message}): nothing was saved; retry`, 'connection');
  }
  if (/Cannot use a pool after calling end/i.test(message)) {
    return new StorageUnavailableError(
      'the store is closed (its settings changed or the plugin is stopping): retry',
      'closed'
    );
  }
  return error;
}

/** Serialization failures and deadlocks are the server asking us to run the transaction again. */
export function isRetryable(error: unknown): boolean {
  const code = (error as PgErrorShape | null)?.code;
  return code === '40001' || code === '40P01';
}
