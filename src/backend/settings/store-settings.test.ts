import type { DataSourceInstanceSettings } from 'backend/grafana/plugin-context';
import { InvalidSettingsError } from './errors';
import { defaultStoreDirectory, parseStorageSettings, readWebhookToken } from './store-settings';

function instance(
  jsonData: Record<string, unknown> = {},
  decryptedSecureJsonData: Record<string, string> = {}
): DataSourceInstanceSettings {
  return {
    uid: 'traceo-ml',
    name: 'Traceo ML',
    url: '',
    user: '',
    database: '',
    basicAuthEnabled: false,
    basicAuthUser: '',
    jsonData,
    decryptedSecureJsonData,
    lastUpdatedMs: 1,
    apiVersion: '',
  };
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof InvalidSettingsError) {
      return err.problems;
    }
    throw err;
  }
  throw new Error('expected the settings to be rejected');
}

const grafanaEnv = { GF_PATHS_DATA: '/var/lib/grafana' };

describe('parseStorageSettings', () => {
  it('defaults to one SQLite file per org and data source under Grafana data directory', () => {
    expect(parseStorageSettings(instance(), 3, grafanaEnv)).toEqual({
      backend: 'sqlite',
      path: '/var/lib/grafana/traceo-ml/3-traceo-ml.sqlite',
      defaultPath: true,
      auditRetentionDays: 365,
    });
  });

  it('keeps odd uids out of the file name', () => {
    const settings = parseStorageSettings({ ...instance(), uid: '../x y' }, 1, grafanaEnv);
    expect(settings).toMatchObject({ path: '/var/lib/grafana/traceo-ml/1-___x_y.sqlite' });
  });

  it('falls back to the XDG data home, then ~/.local/share, without GF_PATHS_DATA', () => {
    expect(defaultStoreDirectory({ XDG_DATA_HOME: '/data' })).toBe('/data/traceo-ml');
    expect(defaultStoreDirectory({ HOME: '/home/g' })).toBe('/home/g/.local/share/traceo-ml');
  });

  it('takes sqlitePath as given when absolute, and relative to the store directory otherwise', () => {
    expect(parseStorageSettings(instance({ sqlitePath: '/srv/labels.db' }), 1, grafanaEnv)).toMatchObject({
      path: '/srv/labels.db',
      defaultPath: false,
    });
    expect(parseStorageSettings(instance({ sqlitePath: ' team/a.db ' }), 1, grafanaEnv)).toMatchObject({
      path: '/var/lib/grafana/traceo-ml/team/a.db',
    });
  });

  it('refuses databases that would not survive a restart', () => {
    expect(problemsOf(() => parseStorageSettings(instance({ sqlitePath: ':memory:' }), 1, grafanaEnv))).toEqual([
      expect.stringContaining('jsonData.sqlitePath must be a file path'),
    ]);
  });

  it('reads PostgreSQL with the password from secureJsonData and a display name without secrets', () => {
    const settings = parseStorageSettings(
      instance(
        { storage: 'postgres', postgresDsn: 'postgres://traceo@db.internal:6432/labels?sslmode=require' },
        { postgresPassword: 's3cret' }
      ),
      1,
      grafanaEnv
    );
    expect(settings).toEqual({
      backend: 'postgres',
      dsn: 'postgres://traceo@db.internal:6432/labels?sslmode=require',
      password: 's3cret',
      display: 'db.internal:6432/labels',
      auditRetentionDays: 365,
    });
  });

  it('reads the audit retention in whole days, as a number or text', () => {
    expect(parseStorageSettings(instance({ auditRetentionDays: 30 }), 1, grafanaEnv).auditRetentionDays).toBe(30);
    expect(parseStorageSettings(instance({ auditRetentionDays: ' 90' }), 1, grafanaEnv).auditRetentionDays).toBe(90);
    expect(parseStorageSettings(instance({ auditRetentionDays: '' }), 1, grafanaEnv).auditRetentionDays).toBe(365);
  });

  it.each([
    [{ auditRetentionDays: 0 }, 'jsonData.auditRetentionDays must be at least 1'],
    [{ auditRetentionDays: 1.5 }, 'jsonData.auditRetentionDays must be a whole number of days'],
    [{ auditRetentionDays: 'forever' }, 'jsonData.auditRetentionDays must be a whole number of days'],
    [{ auditRetentionDays: 40_000 }, 'jsonData.auditRetentionDays must be at most 36500'],
    [{ storage: 'postgres' }, 'jsonData.postgresDsn is required'],
    [{ storage: 'postgres', postgresDsn: 'not a url' }, 'jsonData.postgresDsn is not a valid connection URL'],
    [{ storage: 'postgres', postgresDsn: 'mysql://u@h/db' }, 'must start with postgres://'],
    [{ storage: 'postgres', postgresDsn: 'postgres://u:hunter2@h/db' }, 'must not contain a password'],
    [{ storage: 'mongo' }, 'jsonData.storage must be one of sqlite, postgres'],
  ])('rejects %j naming the key and never echoing a secret', (jsonData, message) => {
    const problems = problemsOf(() => parseStorageSettings(instance(jsonData), 1, grafanaEnv));
    expect(problems).toEqual([expect.stringContaining(message)]);
    expect(problems.join()).not.toContain('hunter2');
  });
});

describe('readWebhookToken', () => {
  it('is missing when unset or blank', () => {
    expect(readWebhookToken(instance())).toEqual({ state: 'missing' });
    expect(readWebhookToken(instance({}, { webhookToken: '  ' }))).toEqual({ state: 'missing' });
  });

  it('refuses guessable tokens', () => {
    expect(readWebhookToken(instance({}, { webhookToken: 'short' }))).toEqual({
      state: 'invalid',
      message: expect.stringContaining('at least 16 characters'),
    });
  });

  it('trims the configured token', () => {
    expect(readWebhookToken(instance({}, { webhookToken: ' 0123456789abcdef\n' }))).toEqual({
      state: 'ok',
      token: '0123456789abcdef',
    });
  });
});
