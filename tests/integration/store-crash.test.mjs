/**
 * kill -9 of the backend in the middle of writes: every label the backend acknowledged (answered 200 over
 * gRPC) must be in the store afterwards, for SQLite and PostgreSQL alike; then a restarted backend serves them
 * and takes new writes.
 *
 *   node --test tests/integration/store-crash.test.mjs   (Node 24; uses $PG_URL or starts its own PostgreSQL)
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import { WEBHOOK_TOKEN, genericIncident } from './ingest-harness.mjs';
import { callResource, startBackend } from './store-backend-process.mjs';
import { backend as store, freshDatabase, stopOwnPostgres } from './store-backends.mjs';

after(stopOwnPostgres);

const INCIDENTS = 40;
const IN_FLIGHT = 16;
/** Acknowledged labels before the kill: enough that many group-commit batches are behind us. */
const KILL_AFTER_ACKS = 300;

for (const kind of ['sqlite', 'postgres']) {
  describe(`kill -9 during label writes: ${kind}`, () => {
    it('keeps every acknowledged label', async () => {
      const db = await freshDatabase(kind);
      const instance = db.instance({}, { webhookToken: WEBHOOK_TOKEN });
      let plugin = await startBackend();
      try {
        const created = await callResource(plugin, instance, {
          method: 'POST',
          path: 'webhooks/generic',
          user: null,
          headers: { 'X-Traceo-Webhook-Token': WEBHOOK_TOKEN },
          body: Array.from({ length: INCIDENTS }, (_, i) => genericIncident({ incident_id: `CRASH-${i}` })),
        });
        assert.equal(created.status, 201, created.text);
        const ids = created.json.incidents.map((i) => i.id);

        // Writers: each request labels one (incident, reviewer) pair never written before.
        const acknowledged = [];
        let failedInFlight = 0;
        let next = 0;
        let killed = false;
        const writer = async () => {
          while (!killed) {
            const n = next++;
            const incidentId = ids[n % INCIDENTS];
            const reviewer = `reviewer-${Math.floor(n / INCIDENTS)}`;
            try {
              const res = await callResource(plugin, instance, {
                method: 'POST',
                path: `incidents/${incidentId}/labels`,
                login: reviewer,
                body: { rootCause: 'database_slow', confidence: 'medium', note: `n=${n}` },
              });
              assert.equal(res.status, 200, res.text);
              acknowledged.push({ incidentId, reviewer, n });
              if (acknowledged.length >= KILL_AFTER_ACKS && !killed) {
                killed = true;
                plugin.kill('SIGKILL');
              }
            } catch (err) {
              if (!killed) {
                throw err;
              }
              failedInFlight += 1;
            }
          }
        };
        await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
        const exit = await plugin.exited;
        assert.equal(exit.signal, 'SIGKILL');
        plugin.client.close();

        // Straight from the database, as the next backend will find it.
        const reopened = await store.openStore(db.settings());
        const present = new Set();
        try {
          for (const id of ids) {
            for (const label of await reopened.listIncidentLabels(id)) {
              present.add(`${id}/${label.reviewer}`);
            }
          }
        } finally {
          await reopened.close();
        }
        const lost = acknowledged.filter((a) => !present.has(`${a.incidentId}/${a.reviewer}`));
        assert.deepEqual(lost, [], `${lost.length} acknowledged labels lost`);
        // Committed but not acknowledged (the answer died with the process) is allowed; the reverse is not.
        assert.ok(present.size >= acknowledged.length);
        assert.ok(failedInFlight > 0, 'the kill should have hit requests in flight');

        plugin = await startBackend();
        const sample = acknowledged.at(-1);
        const labels = await callResource(plugin, instance, {
          path: `incidents/${sample.incidentId}/labels`,
          user: 'Viewer',
        });
        assert.equal(labels.status, 200);
        assert.ok(labels.json.items.some((l) => l.reviewer === sample.reviewer));
        const after = await callResource(plugin, instance, {
          method: 'POST',
          path: `incidents/${ids[0]}/labels`,
          login: 'after-restart',
          body: { skip: true },
        });
        assert.equal(after.status, 200, after.text);
      } finally {
        await plugin.stop();
        await db.dispose();
      }
    });
  });
}
