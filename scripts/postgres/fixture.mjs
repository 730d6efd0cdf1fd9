/**
 * A real PostgreSQL for tests, from the Debian `postgresql` package: a throw-away cluster in a temporary
 * directory, listening on a free loopback port, password-protected (scram-sha-256) so the tests exercise the
 * DSN + secureJsonData.postgresPassword split. PostgreSQL refuses to run as root, so under root the cluster runs
 * as an unprivileged user (PG_FIXTURE_USER, default `nobody`).
 *
 * Layout of a fixture directory:
 *   data/            the cluster
 *   postgres.log     server log
 *   fixture.json     { url, dir, port, user, pid }  (url carries the password: test fixture only)
 *   fixture.env      the same as KEY=value lines (PG_URL=…), for shells
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { freePort, isAlive, sleep } from '../lib/process-utils.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export const DEFAULT_FIXTURE_DIR = join(tmpdir(), 'traceo-postgres-fixture');
const SUPERUSER = 'traceo';
const DATABASE = 'traceo';

/** Starts a cluster in `dir`, or returns the running one when `dir` already holds a live fixture. */
export async function startPostgresFixture({ dir = DEFAULT_FIXTURE_DIR, fresh = false } = {}) {
  const running = !fresh && readFixture(dir);
  if (running && (await canConnect(running.url))) {
    return running;
  }
  if (running) {
    await stopPostgresFixture({ dir, keep: true });
  }
  const bin = postgresBinDir();
  const runAs = processUser();

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const password = randomBytes(18).toString('hex');
  writeFileSync(join(dir, 'pwfile'), `${password}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(dir, runAs.uid, runAs.gid);
    chownSync(join(dir, 'pwfile'), runAs.uid, runAs.gid);
  }
  const run = (tool, args) =>
    execFileSync(join(bin, tool), args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });

  try {
    run('initdb', [
      '-D',
      join(dir, 'data'),
      '-U',
      SUPERUSER,
      `--pwfile=${join(dir, 'pwfile')}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--no-locale',
      // Skips fsyncing the freshly created files only; the running server still fsyncs every commit.
      '--no-sync',
    ]);
    rmSync(join(dir, 'pwfile'));
    const port = await freePort();
    run('pg_ctl', [
      '-D',
      join(dir, 'data'),
      '-l',
      join(dir, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=100`,
      'start',
    ]);
    const admin = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
    await query(admin, `CREATE DATABASE ${DATABASE}`);
    const pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const fixture = {
      url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${DATABASE}`,
      dir,
      port,
      user: runAs?.name ?? null,
      pid,
    };
    writeFileSync(join(dir, 'fixture.json'), `${JSON.stringify(fixture, null, 2)}\n`);
    writeFileSync(join(dir, 'fixture.env'), envLines(fixture));
    return fixture;
  } catch (err) {
    const detail = err.stderr?.toString().trim() || err.message;
    const log = existsSync(join(dir, 'postgres.log'))
      ? readFileSync(join(dir, 'postgres.log'), 'utf8').slice(-2000)
      : '';
    await stopPostgresFixture({ dir, keep: true }).catch(() => undefined);
    throw new Error(`could not start PostgreSQL: ${detail}${log ? `\n${log}` : ''}`);
  }
}

/** Stops the cluster (fast shutdown) and removes its directory unless `keep`. */
export async function stopPostgresFixture({ dir = DEFAULT_FIXTURE_DIR, keep = false } = {}) {
  let stopped = false;
  const pidFile = join(dir, 'data', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && isAlive(pid)) {
      // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
      process.kill(pid, 'SIGINT');
      const deadline = Date.now() + 15_000;
      while (isAlive(pid) && Date.now() < deadline) {
        await sleep(100);
      }
      if (isAlive(pid)) {
        process.kill(pid, 'SIGKILL');
      }
      stopped = true;
    }
  }
  if (!keep) {
    rmSync(dir, { recursive: true, force: true });
  }
  return { stopped };
}

export function envLines(fixture) {
  return [`PG_URL=${fixture.url}`, `PG_FIXTURE_DIR=${fixture.dir}`, `PG_PID=${fixture.pid}`, ''].join('\n');
}

/** Runs one statement with a short-lived client (fixture bookkeeping: databases for isolated test runs). */
export async function query(url, sql, params = []) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the fixture's server; returns its URL. */
export async function createDatabase(url, name) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`invalid database name ${name}`);
  }
  await query(url, `CREATE DATABASE ${name}`);
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

export async function dropDatabase(url, name) {
  await query(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

function postgresBinDir() {
  if (process.env.PG_BIN_DIR) {
    return process.env.PG_BIN_DIR;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL not found: install the Debian postgresql package (bash scripts/install-system-deps.sh) or set PG_BIN_DIR'
    );
  }
  return join(root, versions[0], 'bin');
}

/** Under root, the unprivileged account the server runs as; otherwise undefined (run as ourselves). */
function processUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return undefined;
  }
  const name = process.env.PG_FIXTURE_USER || 'nobody';
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { name, uid, gid };
}

function readFixture(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

async function canConnect(url) {
  try {
    await query(url, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}
