/**
 * SQLite failures an operator can fix, as clear 503 answers naming the file and what to do. Anything else
 * (a constraint violation, a syntax error) is our bug and stays a plain error (500).
 */
import { StorageUnavailableError } from '../errors';

/** Primary result codes (https://sqlite.org/rescode.html); extended codes carry them in the low byte. */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
export const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
export const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

interface SqliteErrorShape {
  code?: string;
  errcode?: number;
  message?: string;
}

export function sqliteErrorCode(error: unknown): number | undefined {
  const e = error as SqliteErrorShape | null;
  return e?.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number' ? e.errcode & 0xff : undefined;
}

export function mapSqliteError(error: unknown, location: string): unknown {
  if (error instanceof StorageUnavailableError) {
    return error;
  }
  const fsCode = (error as { code?: string } | null)?.code;
  if (fsCode === 'ENOSPC' || fsCode === 'EDQUOT') {
    return full(location);
  }
  if (fsCode === 'EROFS' || fsCode === 'EACCES' || fsCode === 'EPERM') {
    return readOnly(location);
  }
  if (fsCode === 'ERR_INVALID_STATE') {
    // node:sqlite's "database is not open": the store was closed under a late request.
    return new StorageUnavailableError(
      'the store is closed (its settings changed or the plugin is stopping): retry',
      'closed'
    );
  }
  switch (sqliteErrorCode(error)) {
    case SQLITE_FULL:
      return full(location);
    case SQLITE_READONLY:
      return readOnly(location);
    case SQLITE_IOERR:
      return new StorageUnavailableError(
        `I/O error on the SQLite database ${location} (disk failing, full or unmounted?): nothing was saved; retry`,
        'io'
      );
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return new StorageUnavailableError(
        `the SQLite database ${location} is locked by another process (a backup tool, a second Grafana?): retry`,
        'busy'
      );
    case SQLITE_CANTOPEN:
      return new StorageUnavailableError(
        `cannot open the SQLite database ${location}: check that its directory exists and the Grafana user may ` +
          'write to it, or set jsonData.sqlitePath to a writable location',
        'open'
      );
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return new StorageUnavailableError(
        `${location} is not a healthy SQLite database (corrupt or another kind of file): restore it from a backup`,
        'corrupt'
      );
    default:
      return error;
  }
}

function full(location: string): StorageUnavailableError {
  return new StorageUnavailableError(
    `the disk holding the SQLite database ${location} is full: nothing was saved; free space and retry`,
    'full'
  );
}

function readOnly(location: string): StorageUnavailableError {
  return new StorageUnavailableError(
    `the SQLite database ${location} is read-only: the Grafana user needs write access to the file, its -wal ` +
      'and -shm files and their directory (or the disk is mounted read-only); nothing was saved',
    'readonly'
  );
}
