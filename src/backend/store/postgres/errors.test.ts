import { isRetryable, mapPostgresError } from './errors';

const SERVER = 'db.internal:5432/traceo';
const pgError = (code: string, message = 'server said no') => Object.assign(new Error(message), { code });

describe('mapPostgresError', () => {
  it.each([
    ['53100', 'full'],
    ['25006', 'readonly'],
    ['28P01', 'auth'],
    ['3D000', 'open'],
    ['42501', 'permission'],
    ['53300', 'busy'],
    ['57P01', 'connection'],
    ['08006', 'connection'],
    ['ECONNREFUSED', 'connection'],
  ])('maps %s to a 503 (%s) naming the server', (code, reason) => {
    const mapped = mapPostgresError(pgError(code), SERVER);
    expect(mapped).toMatchObject({ status: 503, reason });
    expect((mapped as Error).message).toContain(`PostgreSQL ${SERVER}`);
  });

  it("recognises pg's own connection failures", () => {
    expect(mapPostgresError(new Error('timeout exceeded when trying to connect'), SERVER)).toMatchObject({
      reason: 'connection',
    });
    expect(mapPostgresError(new Error('Cannot use a pool after calling end on the pool'), SERVER)).toMatchObject({
      reason: 'closed',
    });
  });

  it('leaves our own bugs alone', () => {
    const unique = pgError('23505', 'duplicate key value violates unique constraint');
    expect(mapPostgresError(unique, SERVER)).toBe(unique);
  });
});

describe('isRetryable', () => {
  it('retries serialization failures and deadlocks only', () => {
    expect(isRetryable(pgError('40001'))).toBe(true);
    expect(isRetryable(pgError('40P01'))).toBe(true);
    expect(isRetryable(pgError('23505'))).toBe(false);
    expect(isRetryable(new Error('x'))).toBe(false);
  });
});
