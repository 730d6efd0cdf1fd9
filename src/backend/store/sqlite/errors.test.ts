import { StorageUnavailableError } from '../errors';
import { mapSqliteError } from './errors';

/** The shape node:sqlite throws. */
function sqliteError(errcode: number, message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_SQLITE_ERROR', errcode, errstr: message });
}

const FILE = '/var/lib/grafana/traceo-ml/1-traceo-ml.sqlite';

describe('mapSqliteError', () => {
  it.each([
    [
      sqliteError(13, 'database or disk is full'),
      'full',
      /disk holding the SQLite database .* is full: nothing was saved/,
    ],
    [sqliteError(8, 'attempt to write a readonly database'), 'readonly', /is read-only: the Grafana user needs write/],
    [sqliteError(8 | (3 << 8), 'readonly rollback'), 'readonly', /read-only/],
    [sqliteError(10 | (3 << 8), 'disk I/O error'), 'io', /I\/O error/],
    [sqliteError(5, 'database is locked'), 'busy', /locked by another process/],
    [sqliteError(14, 'unable to open database file'), 'open', /jsonData.sqlitePath/],
    [sqliteError(26, 'file is not a database'), 'corrupt', /restore it from a backup/],
    [Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }), 'full', /is full/],
    [Object.assign(new Error('EACCES: permission denied, mkdir'), { code: 'EACCES' }), 'readonly', /read-only/],
  ])('maps %s to a 503 (%s) naming the file', (error, reason, message) => {
    const mapped = mapSqliteError(error, FILE);
    expect(mapped).toBeInstanceOf(StorageUnavailableError);
    expect(mapped).toMatchObject({ status: 503, reason });
    expect((mapped as Error).message).toMatch(message);
    expect((mapped as Error).message).toContain(FILE);
  });

  it('leaves our own bugs (constraint violations, syntax errors) alone', () => {
    const constraint = sqliteError(19 | (8 << 8), 'UNIQUE constraint failed');
    expect(mapSqliteError(constraint, FILE)).toBe(constraint);
    const plain = new Error('boom');
    expect(mapSqliteError(plain, FILE)).toBe(plain);
  });
});
