/**
 * The storage failing under the backend: a read-only database file (and a read-only PostgreSQL), and the disk
 * filling up while the backend writes. Each time: a clear 503 naming the problem, reads keep working, nothing
 * acknowledged is lost, and writes work again once the operator fixed the cause.
 *
 *   node --test tests/integration/store-failures.test.mjs   (Node 24)
 *
 * The disk-full test mounts a small tmpfs in a private mount namespace of the backend (unshare, as root or in a
 * user namespace) and fills it from outside through /proc/<pid>/root.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  unlinkSync,
  writeSync,
  openSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { WEBHOOK_TOKEN, genericIncident } from './ingest-harness.mjs';
import { callResource, startBackend } from './store-backend-process.mjs';
import { backend as store, freshDatabase, instanceSettings, stopOwnPostgres } from './store-backends.mjs';

after(stopOwnPostgres);

const isRoot = process.getuid?.() === 0;

/** Under root, file permissions bind nobody: the backend runs as an unprivileged user for this test. */
function unprivileged() {
  if (!isRoot) {
    return {};
  }
  const id = (flag) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A firing incident event as the store ingests it. */
const firingIncident = (externalId, title = 'ro') => ({
  source: 'generic',
  externalId,
  status: 'firing',
  observedAt: 1.7e12,
  startedAt: 1.7e12,
  endedAt: null,
  title,
  details: {},
});

const label = (incidentId, login, rootCause = 'disk_full') => ({
  method: 'POST',
  path: `incidents/${incidentId}/labels`,
  login,
  body: { rootCause, confidence: 'high' },
});

/** Reopens the database: the incident's labels (by reviewer) and the incident count are what was stored. */
async function assertStoredAndDispose(db, id, reviewers, incidents) {
  const reopened = await store.openStore(db.settings());
  try {
    assert.deepEqual(
      (await reopened.listIncidentLabels(id)).map((l) => l.reviewer),
      reviewers
    );
    assert.equal((await reopened.listIncidents({ limit: 10, offset: 0 })).total, incidents);
  } finally {
    await reopened.close();
    await db.dispose();
  }
}

describe('read-only SQLite file', () => {
  it('serves reads, refuses writes with a clear 503 and loses nothing', async () => {
    const db = await freshDatabase('sqlite');
    const seeded = await store.openStore(db.settings());
    const [{ id }] = await seeded.ingestIncidents([firingIncident('RO-1')], 'grafana');
    await seeded.putIncidentLabel(
      id,
      { rootCause: 'disk_full', component: null, confidence: 'high', skipped: false, note: null },
      'alice'
    );
    await seeded.close();

    // The file is read-only; its directory stays writable, so SQLite can still create the -shm index that
    // reading a WAL database needs (see the next test for a read-only directory too).
    const user = unprivileged();
    if (user.uid !== undefined) {
      chownSync(db.dir, user.uid, user.gid);
    }
    for (const name of readdirSync(db.dir)) {
      chmodSync(join(db.dir, name), 0o444);
    }
    const instance = db.instance({}, { webhookToken: WEBHOOK_TOKEN });
    const plugin = await startBackend(user);
    try {
      const list = await callResource(plugin, instance, { path: 'incidents', user: 'Viewer' });
      assert.equal(list.status, 200, list.text);
      assert.equal(list.json.total, 1);
      assert.deepEqual(list.json.items[0].labeling.reviewers, ['alice']);

      const write = await callResource(plugin, instance, label(id, 'bob'));
      assert.equal(write.status, 503);
      assert.match(
        write.json.message,
        /the SQLite database .*traceo\.sqlite is read-only: the Grafana user needs write access/
      );
      const hook = await callResource(plugin, instance, {
        method: 'POST',
        path: 'webhooks/generic',
        user: null,
        headers: { 'X-Traceo-Webhook-Token': WEBHOOK_TOKEN },
        body: genericIncident(),
      });
      assert.equal(hook.status, 503);
      assert.match(hook.json.message, /read-only/);
    } finally {
      await plugin.stop();
      for (const name of readdirSync(db.dir)) {
        chmodSync(join(db.dir, name), 0o644);
      }
    }
    await assertStoredAndDispose(db, id, ['alice'], 1);
  });

  it('writes again without a restart once the file is writable again', async () => {
    const db = await freshDatabase('sqlite');
    const seeded = await store.openStore(db.settings());
    const [{ id }] = await seeded.ingestIncidents([firingIncident('RO-2')], 'grafana');
    await seeded.close();
    const user = unprivileged();
    // Every file of the store belongs to the backend's user, as Grafana's data directory does; only the mode changes.
    // Files appear while the backend runs (SQLite creates -shm and -wal with the database's mode), so list each time.
    const setMode = (mode) =>
      readdirSync(db.dir).forEach((name) => {
        if (user.uid !== undefined) {
          chownSync(join(db.dir, name), user.uid, user.gid);
        }
        chmodSync(join(db.dir, name), mode);
      });
    if (user.uid !== undefined) {
      chownSync(db.dir, user.uid, user.gid);
    }
    setMode(0o444);
    const instance = db.instance({}, { webhookToken: WEBHOOK_TOKEN });
    const plugin = await startBackend(user);
    try {
      // The backend opens the store while the file is read-only: SQLite opens it read-only.
      const refused = await callResource(plugin, instance, label(id, 'bob'));
      assert.equal(refused.status, 503);
      assert.match(refused.json.message, /is read-only/);

      // The operator fixes the permissions; the same backend, same data source settings, writes again.
      setMode(0o644);
      const saved = await callResource(plugin, instance, label(id, 'bob'));
      assert.equal(saved.status, 200, saved.text);
      const hook = await callResource(plugin, instance, {
        method: 'POST',
        path: 'webhooks/generic',
        user: null,
        headers: { 'X-Traceo-Webhook-Token': WEBHOOK_TOKEN },
        body: genericIncident(),
      });
      assert.equal(hook.status, 201, hook.text);
      const labels = await callResource(plugin, instance, { path: `incidents/${id}/labels`, user: 'Viewer' });
      assert.deepEqual(
        labels.json.items.map((l) => l.reviewer),
        ['bob']
      );
    } finally {
      await plugin.stop();
      setMode(0o644);
    }
    await assertStoredAndDispose(db, id, ['bob'], 2);
  });

  it('answers every route with a clear 503 when neither the file nor its directory is writable', async () => {
    const db = await freshDatabase('sqlite');
    const seeded = await store.openStore(db.settings());
    await seeded.close();
    const user = unprivileged();
    if (user.uid !== undefined) {
      chownSync(db.dir, user.uid, user.gid);
    }
    for (const name of readdirSync(db.dir)) {
      chmodSync(join(db.dir, name), 0o444);
    }
    chmodSync(db.dir, 0o555);
    const missing = instanceSettings({ sqlitePath: join(db.dir, 'sub', 'new.sqlite') });
    const plugin = await startBackend(user);
    try {
      // A WAL database cannot even be read without creating its -shm file next to it.
      const existing = await callResource(plugin, db.instance(), { path: 'incidents', user: 'Viewer' });
      assert.equal(existing.status, 503);
      assert.match(existing.json.message, /traceo\.sqlite is read-only: the Grafana user needs write access/);
      const created = await callResource(plugin, missing, { path: 'incidents', user: 'Viewer' });
      assert.equal(created.status, 503);
      assert.match(created.json.message, /new\.sqlite is read-only|cannot open the SQLite database/);
    } finally {
      await plugin.stop();
      chmodSync(db.dir, 0o755);
      await db.dispose();
    }
  });
});

describe('read-only PostgreSQL', () => {
  it('serves reads and refuses writes with a clear 503', async () => {
    const db = await freshDatabase('postgres');
    const seeded = await store.openStore(db.settings());
    await seeded.ingestIncidents([firingIncident('RO-1')], 'grafana');
    await seeded.close();
    // Every session of the store is read-only, as on a hot standby.
    const dsn = new URL(db.dsn);
    dsn.searchParams.set('options', `${dsn.searchParams.get('options')} -c default_transaction_read_only=on`);
    const readOnly = await store.openStore({ ...db.settings(), dsn: dsn.toString() });
    try {
      assert.equal((await readOnly.listIncidents({ limit: 10, offset: 0 })).total, 1);
      await assert.rejects(readOnly.ingestIncidents([firingIncident('RO-2', 'x')], 'grafana'), (err) => {
        assert.equal(err.status, 503);
        assert.equal(err.reason, 'readonly');
        assert.match(err.message, /^PostgreSQL .*: the database is read-only/);
        return true;
      });
    } finally {
      await readOnly.close();
      await db.dispose();
    }
  });
});

/** Runs the backend with a tmpfs of `size` mounted over `dir`, in a mount namespace of its own. */
function inSmallDisk(dir, size) {
  return (node, script) => [
    'unshare',
    ...(isRoot ? ['--mount'] : ['--user', '--map-root-user', '--mount']),
    '--propagation',
    'private',
    'sh',
    '-c',
    'mount -t tmpfs -o size="$1" tmpfs "$2" && exec "$3" "$4"',
    'sh',
    size,
    dir,
    node,
    script,
  ];
}

/** Fills the file system behind `path` until it has no space left. */
function fill(path) {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) {
      writeSync(fd, block);
    }
  } catch (err) {
    assert.equal(err.code, 'ENOSPC');
  } finally {
    closeSync(fd);
  }
}

describe('disk full under SQLite', () => {
  it('answers 503 while the disk is full, keeps every acknowledged write and recovers', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'traceo-full-'));
    const instance = instanceSettings({}, { webhookToken: WEBHOOK_TOKEN });
    let plugin;
    try {
      plugin = await startBackend({ env: { GF_PATHS_DATA: dataDir }, wrap: inSmallDisk(dataDir, '4m') });
    } catch (err) {
      // Without mount namespaces (no root, user namespaces disabled) there is no way to fill a disk safely.
      t.skip(`cannot mount a private tmpfs here: ${err.message.split('\n')[0]}`);
      rmSync(dataDir, { recursive: true, force: true });
      return;
    }
    const view = `/proc/${plugin.pid}/root${dataDir}`;
    try {
      const hook = (body) =>
        callResource(plugin, instance, {
          method: 'POST',
          path: 'webhooks/generic',
          user: null,
          headers: { 'X-Traceo-Webhook-Token': WEBHOOK_TOKEN },
          body,
        });
      const acked = [];
      for (let i = 0; i < 20; i++) {
        const res = await hook(genericIncident({ incident_id: `FULL-${i}` }));
        assert.equal(res.status, 201, res.text);
        acked.push(res.json.incidents[0].id);
      }
      // The default location: <GF_PATHS_DATA>/traceo-ml/<org>-<uid>.sqlite, on the small disk.
      assert.ok(existsSync(join(view, 'traceo-ml', '1-traceo-ml.sqlite')), 'store file under GF_PATHS_DATA');
      for (const id of acked.slice(0, 5)) {
        assert.equal((await callResource(plugin, instance, label(id, 'alice'))).status, 200);
      }

      fill(join(view, 'filler'));
      const big = genericIncident({ incident_id: 'FULL-X', error_logs: Array(4).fill('x'.repeat(90_000)) });
      const refused = await hook(big);
      assert.equal(refused.status, 503, refused.text);
      assert.match(refused.json.message, /the disk holding the SQLite database .* is full: nothing was saved/);
      let labelRefused;
      for (let i = 0; i < 50 && labelRefused?.status !== 503; i++) {
        labelRefused = await callResource(plugin, instance, label(acked[10 + (i % 10)], `r${i}`));
      }
      assert.equal(labelRefused.status, 503);

      const list = await callResource(plugin, instance, { path: 'incidents?limit=100', user: 'Viewer' });
      assert.equal(list.status, 200);
      const listed = new Set(list.json.items.map((i) => i.id));
      assert.ok(
        acked.every((id) => listed.has(id)),
        'every acknowledged incident is still served'
      );
      assert.ok(!list.json.items.some((i) => i.externalId === 'FULL-X'), 'the refused incident was not stored');

      unlinkSync(join(view, 'filler'));
      const recovered = await hook(big);
      assert.equal(recovered.status, 201, recovered.text);

      // What is on the disk, read by a fresh process: copy the files out before the namespace goes away.
      const copy = mkdtempSync(join(tmpdir(), 'traceo-full-copy-'));
      for (const name of readdirSync(join(view, 'traceo-ml'))) {
        copyFileSync(join(view, 'traceo-ml', name), join(copy, name));
      }
      const reopened = await store.openStore({
        backend: 'sqlite',
        path: join(copy, '1-traceo-ml.sqlite'),
        defaultPath: false,
      });
      try {
        const all = await reopened.listIncidents({ limit: 100, offset: 0 });
        assert.equal(all.total, 21);
        for (const id of acked.slice(0, 5)) {
          assert.deepEqual(
            (await reopened.listIncidentLabels(id)).map((l) => l.reviewer),
            ['alice']
          );
        }
      } finally {
        await reopened.close();
        rmSync(copy, { recursive: true, force: true });
      }
    } finally {
      await plugin.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
