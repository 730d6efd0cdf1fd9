/**
 * The two store backends as the integration tests use them: a real SQLite file in a temporary directory and a
 * real PostgreSQL (the server at $PG_URL, from scripts/integration.sh, or a fixture of our own), each test
 * getting a fresh database. Also loads the store code through the esbuild bundle.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { query, startPostgresFixture, stopPostgresFixture } from '../../scripts/postgres/fixture.mjs';
import { loadBackend } from './backend-bundle.mjs';

export const backend = await loadBackend(
  'store',
  `
  export { openStore } from 'backend/store/open-store';
  export { parseStorageSettings, readWebhookToken } from 'backend/settings/store-settings';
  export * from 'backend/store/errors';
  `
);

let postgres;

/** The PostgreSQL server for this test process: $PG_URL or a fixture started (and later stopped) here. */
export async function postgresServer() {
  if (!postgres) {
    if (process.env.PG_URL) {
      postgres = { url: process.env.PG_URL };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'traceo-pg-it-'));
      const fixture = await startPostgresFixture({ dir, fresh: true });
      postgres = { url: fixture.url, dir };
    }
  }
  return postgres;
}

export async function stopOwnPostgres() {
  if (postgres?.dir) {
    await stopPostgresFixture({ dir: postgres.dir });
  }
  postgres = undefined;
}

/** Instance settings as Grafana sends them, for a store of the given kind. */
export function instanceSettings(jsonData = {}, secure = {}) {
  return {
    uid: 'traceo-ml',
    name: 'Traceo ML',
    url: '',
    user: '',
    database: '',
    basicAuthEnabled: false,
    basicAuthUser: '',
    jsonData,
    decryptedSecureJsonData: secure,
    lastUpdatedMs: 1,
    apiVersion: '',
  };
}

/**
 * A fresh database of one kind. `settings()` are the StorageSettings to open it with, `instance()` the Grafana
 * instance settings that lead to them, `raw(sql)` runs SQL behind the store's back, `dispose()` removes it.
 */
export async function freshDatabase(kind) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'traceo-sqlite-it-'));
    const path = join(dir, 'traceo.sqlite');
    return {
      kind,
      path,
      dir,
      settings: () => ({ backend: 'sqlite', path, defaultPath: false }),
      instance: (extra = {}, secure = {}) =>
        instanceSettings({ storage: 'sqlite', sqlitePath: path, ...extra }, secure),
      raw: async (sql, params = []) => {
        const db = new DatabaseSync(path, { timeout: 5000 });
        try {
          return /^\s*select/i.test(sql) ? db.prepare(sql).all(...params) : db.prepare(sql).run(...params);
        } finally {
          db.close();
        }
      },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  // A schema per test rather than a database: CREATE DATABASE copies a template and takes ~1 s; a schema is
  // instant. The store finds it through search_path, as it would find any schema an operator chooses.
  const server = await postgresServer();
  const schema = `traceo_it_${randomBytes(6).toString('hex')}`;
  await query(server.url, `CREATE SCHEMA ${schema}`);
  const url = new URL(server.url);
  const password = decodeURIComponent(url.password);
  url.password = '';
  url.searchParams.set('options', `-c search_path=${schema}`);
  const dsn = url.toString();
  const withPassword = new URL(dsn);
  withPassword.password = password;
  return {
    kind,
    dsn,
    password,
    settings: () => ({ backend: 'postgres', dsn, password, display: `${url.hostname}:${url.port}${url.pathname}` }),
    instance: (extra = {}, secure = {}) =>
      instanceSettings({ storage: 'postgres', postgresDsn: dsn, ...extra }, { postgresPassword: password, ...secure }),
    raw: async (sql, params = []) => {
      let n = 0;
      return (
        await query(
          withPassword.toString(),
          sql.replace(/\?/g, () => `$${++n}`),
          params
        )
      ).rows;
    },
    dispose: async () => query(server.url, `DROP SCHEMA ${schema} CASCADE`),
  };
}

/** A clock that never repeats: rater order in the tests must not depend on two writes sharing a millisecond. */
export function steppingClock(start = Date.UTC(2025, 0, 1)) {
  let t = start;
  return () => (t += 1);
}
