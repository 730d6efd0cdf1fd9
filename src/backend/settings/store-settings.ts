/**
 * Where a data source keeps its incidents and labels, and the webhook secret: read from the same instance
 * settings as the Prometheus ones, but parsed on their own, because a broken store configuration must not stop
 * panels from querying Prometheus (and the reverse).
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

import { z } from 'zod';

import type { DataSourceInstanceSettings } from 'backend/grafana/plugin-context';
import { DEFAULT_AUDIT_RETENTION_DAYS, MAX_AUDIT_RETENTION_DAYS, STORAGE_BACKENDS } from 'contract/settings';
import { InvalidSettingsError } from './errors';

export type StorageSettings = (
  | {
      backend: 'sqlite';
      /** Absolute path of the database file. */
      path: string;
      /** True when the path came from the built-in default rather than jsonData.sqlitePath. */
      defaultPath: boolean;
    }
  | {
      backend: 'postgres';
      /** Connection string without the password. */
      dsn: string;
      password?: string;
      /** `host:port/database`, for messages: never the DSN, whose query string may hold secrets. */
      display: string;
    }
) & {
  /** Audit entries older than this many days are deleted by the store; default 365. */
  auditRetentionDays?: number;
};

/** Where the store's file goes without jsonData.sqlitePath; Grafana's data directory when we know it. */
export interface DataDirEnvironment {
  GF_PATHS_DATA?: string;
  XDG_DATA_HOME?: string;
  HOME?: string;
}

/** Shorter secrets are guessable by anyone who can reach Grafana; 16 characters is what `openssl rand -hex 8` gives. */
export const MIN_WEBHOOK_TOKEN_LENGTH = 16;

export type WebhookTokenSetting =
  { state: 'missing' } | { state: 'invalid'; message: string } | { state: 'ok'; token: string };

const optionalText = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || undefined : v === null ? undefined : v),
  z.string({ error: 'must be a string' }).optional()
);

const storeJsonDataSchema = z.object({
  storage: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.enum(STORAGE_BACKENDS, { error: `must be one of ${STORAGE_BACKENDS.join(', ')}` }).optional()
  ),
  sqlitePath: optionalText,
  postgresDsn: optionalText,
  auditRetentionDays: z.preprocess(
    (v) => (v === '' || v === null ? undefined : typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z
      .number({ error: 'must be a whole number of days' })
      .int({ error: 'must be a whole number of days' })
      .min(1, { error: 'must be at least 1' })
      .max(MAX_AUDIT_RETENTION_DAYS, { error: `must be at most ${MAX_AUDIT_RETENTION_DAYS}` })
      .default(DEFAULT_AUDIT_RETENTION_DAYS)
  ),
});

export function parseStorageSettings(
  instance: DataSourceInstanceSettings,
  orgId: number,
  env: DataDirEnvironment = process.env
): StorageSettings {
  const parsed = storeJsonDataSchema.safeParse(instance.jsonData ?? {});
  if (!parsed.success) {
    throw new InvalidSettingsError(parsed.error.issues.map((i) => `jsonData.${i.path.join('.')} ${i.message}`));
  }
  const { storage = 'sqlite', sqlitePath, postgresDsn, auditRetentionDays } = parsed.data;
  const secure = instance.decryptedSecureJsonData ?? {};
  const where =
    storage === 'postgres'
      ? readPostgres(postgresDsn, secure.postgresPassword)
      : readSqlite(sqlitePath, instance.uid, orgId, env);
  return { ...where, auditRetentionDays };
}

export function readWebhookToken(instance: DataSourceInstanceSettings): WebhookTokenSetting {
  const token = (instance.decryptedSecureJsonData ?? {}).webhookToken?.trim() ?? '';
  if (token === '') {
    return { state: 'missing' };
  }
  if (token.length < MIN_WEBHOOK_TOKEN_LENGTH) {
    return {
      state: 'invalid',
      message: `secureJsonData.webhookToken must be at least ${MIN_WEBHOOK_TOKEN_LENGTH} characters`,
    };
  }
  return { state: 'ok', token };
}

/** `<data dir>/traceo-ml`: Grafana's data directory (GF_PATHS_DATA) when set, else the XDG data home. */
export function defaultStoreDirectory(env: DataDirEnvironment): string {
  const dataDir =
    env.GF_PATHS_DATA?.trim() || env.XDG_DATA_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.local', 'share');
  return join(resolve(dataDir), 'traceo-ml');
}

function readSqlite(
  sqlitePath: string | undefined,
  uid: string,
  orgId: number,
  env: DataDirEnvironment
): StorageSettings {
  const dir = defaultStoreDirectory(env);
  if (sqlitePath === undefined) {
    // One file per data source: two data sources (or orgs) never see each other's labels by accident.
    const safeUid = (uid || 'default').replace(/[^A-Za-z0-9_-]/g, '_');
    return { backend: 'sqlite', path: join(dir, `${orgId}-${safeUid}.sqlite`), defaultPath: true };
  }
  if (sqlitePath === ':memory:' || sqlitePath.startsWith('file:')) {
    throw new InvalidSettingsError([
      'jsonData.sqlitePath must be a file path: in-memory and URI databases would lose every label on restart',
    ]);
  }
  // A relative path would depend on the directory Grafana starts plugins in; anchor it to the data directory.
  return {
    backend: 'sqlite',
    path: isAbsolute(sqlitePath) ? sqlitePath : resolve(dir, sqlitePath),
    defaultPath: false,
  };
}

function readPostgres(dsn: string | undefined, password: string | undefined): StorageSettings {
  if (dsn === undefined) {
    throw new InvalidSettingsError(['jsonData.postgresDsn is required when jsonData.storage is "postgres"']);
  }
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    throw new InvalidSettingsError([
      'jsonData.postgresDsn is not a valid connection URL (expected postgres://user@host:5432/database)',
    ]);
  }
  const problems: string[] = [];
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    problems.push('jsonData.postgresDsn must start with postgres:// or postgresql://');
  }
  if (url.password !== '') {
    problems.push('jsonData.postgresDsn must not contain a password: put it in secureJsonData.postgresPassword');
  }
  if (url.hostname === '') {
    problems.push('jsonData.postgresDsn has no host');
  }
  if (problems.length > 0) {
    throw new InvalidSettingsError(problems);
  }
  const database = url.pathname.replace(/^\//, '') || '(default database)';
  return {
    backend: 'postgres',
    dsn,
    password: password === '' ? undefined : password,
    display: `${url.hostname}:${url.port || '5432'}/${decodeURIComponent(database)}`,
  };
}
