/**
 * The resource routes end to end against real stores: webhook ingestion in every format, roles, validation,
 * bad input of every kind, labels and agreement, export/import round trips between SQLite and PostgreSQL.
 *
 *   node --test tests/integration/ingest-routes.test.mjs   (Node 24; uses $PG_URL or starts its own PostgreSQL)
 */
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';

import {
  alert,
  alertmanagerPayload,
  at,
  genericIncident,
  MIN,
  pagerdutyPayload,
  resourceClient,
  WEBHOOK_TOKEN,
} from './ingest-harness.mjs';
import { freshDatabase, steppingClock, stopOwnPostgres } from './store-backends.mjs';

after(stopOwnPostgres);

const HOSTILE = 'x\'); DROP TABLE incidents; -- " OR 1=1 /* ünï 🔥 */ %_\\';

for (const kind of ['sqlite', 'postgres']) {
  describe(`resource routes on ${kind}`, () => {
    let db;
    let client;
    let call;
    let webhook;

    beforeEach(async () => {
      db = await freshDatabase(kind);
      client = resourceClient(db.instance({}, { webhookToken: WEBHOOK_TOKEN }), {
        now: steppingClock(Date.UTC(2025, 0, 2)),
      });
      ({ call, webhook } = client);
    });

    afterEach(async () => {
      await client.close();
      await db.dispose();
    });

    const incidents = async (query = '') => (await call('GET', `incidents${query}`, { user: 'Viewer' })).json;

    describe('routing and roles', () => {
      it('answers unknown paths with 404 and wrong methods with 405, as JSON', async () => {
        const missing = await call('GET', 'nothing/here');
        assert.equal(missing.status, 404);
        assert.match(missing.json.message, /no resource at nothing\/here/);
        const wrong = await call('PUT', 'incidents');
        assert.equal(wrong.status, 405);
        assert.deepEqual(wrong.headers.Allow, ['GET, POST']);
        assert.match(wrong.json.message, /PUT is not allowed here; use GET, POST/);
      });

      it('lets Viewers read but not label, edit or delete', async () => {
        await webhook('generic', genericIncident());
        const [incident] = (await incidents()).items;
        assert.equal((await call('GET', `incidents/${incident.id}`, { user: 'Viewer' })).status, 200);
        const label = await call('POST', `incidents/${incident.id}/labels`, {
          user: 'Viewer',
          body: { rootCause: 'disk_full', confidence: 'high' },
        });
        assert.equal(label.status, 403);
        assert.equal(
          label.json.message,
          'labeling and editing incidents needs the Editor role or higher; viewer has Viewer'
        );
        assert.equal(
          (await call('PATCH', `incidents/${incident.id}`, { user: 'Viewer', body: { service: 'x' } })).status,
          403
        );
        assert.equal((await call('DELETE', `incidents/${incident.id}`, { user: 'Editor' })).status, 403);
        assert.equal((await call('PUT', 'settings/labeling', { user: 'Editor', body: {} })).status, 403);
        assert.equal((await call('GET', 'incidents', { user: 'None' })).status, 403);
        const deleted = await call('DELETE', `incidents/${incident.id}`, { user: 'Admin' });
        assert.equal(deleted.status, 204);
        assert.equal((await call('GET', `incidents/${incident.id}`)).status, 404);
      });

      it('gives Grafana itself (no user) the internal and webhook routes only', async () => {
        const read = await call('GET', 'incidents', { user: null });
        assert.equal(read.status, 403);
        assert.match(read.json.message, /signed-in Grafana users/);
        const anomaly = { seriesLabels: { __name__: 'up', job: 'node' }, expr: 'up', startedAt: at(0), score: 88 };
        const created = await call('POST', 'anomalies', { user: null, body: anomaly });
        assert.equal(created.status, 201);
        const again = await call('POST', 'anomalies', { user: null, body: anomaly });
        assert.deepEqual(again.json.items, [{ id: created.json.items[0].id, outcome: 'unchanged' }]);
        assert.equal((await call('POST', 'anomalies', { user: 'Viewer', body: anomaly })).status, 403);
      });
    });

    describe('webhook authentication', () => {
      it('refuses deliveries without, or with a wrong, token; accepts the header and a bearer token', async () => {
        const body = genericIncident();
        const none = await call('POST', 'webhooks/generic', { body, user: null });
        assert.equal(none.status, 401);
        assert.match(none.json.message, /send it in the X-Traceo-Webhook-Token header/);
        const wrong = await call('POST', 'webhooks/generic', {
          body,
          user: null,
          headers: { 'X-Traceo-Webhook-Token': `${WEBHOOK_TOKEN}x` },
        });
        assert.equal(wrong.status, 401);
        assert.equal(wrong.json.message, 'invalid webhook token');
        // A signed-in Editor is no substitute for the token.
        assert.equal((await call('POST', 'webhooks/generic', { body, user: 'Admin' })).status, 401);
        const bearer = await call('POST', 'webhooks/generic', {
          body,
          user: null,
          headers: { authorization: `Bearer ${WEBHOOK_TOKEN}` },
        });
        assert.equal(bearer.status, 201);
        assert.equal((await webhook('generic', body)).status, 200);
      });

      it('keeps webhooks off until a long enough token is configured', async () => {
        for (const secure of [{}, { webhookToken: 'short' }]) {
          const other = resourceClient(db.instance({}, secure));
          const res = await other.webhook('generic', genericIncident());
          await other.close();
          assert.equal(res.status, 403);
          assert.match(res.json.message, /webhooks are disabled/);
        }
      });
    });

    describe('Alertmanager', () => {
      it('creates one incident per alert, ignores redeliveries and resolves on resolved', async () => {
        const firing = alertmanagerPayload([alert({ fingerprint: 'aaa1' }), alert({ fingerprint: 'bbb2' })]);
        const first = await webhook('alertmanager', firing);
        assert.equal(first.status, 201);
        assert.deepEqual([first.json.received, first.json.created, first.json.unchanged], [2, 2, 0]);
        const retry = await webhook('alertmanager', firing);
        assert.equal(retry.status, 200);
        assert.deepEqual([retry.json.created, retry.json.unchanged], [0, 2]);

        const resolved = await webhook(
          'alertmanager',
          alertmanagerPayload([alert({ fingerprint: 'aaa1', status: 'resolved', end: 25 })])
        );
        assert.equal(resolved.json.updated, 1);
        const list = await incidents('?status=resolved');
        assert.equal(list.total, 1);
        const incident = list.items[0];
        assert.equal(incident.source, 'alertmanager');
        assert.equal(incident.title, 'p99 latency above 2s');
        assert.equal(incident.service, 'checkout');
        assert.equal(incident.severity, 'critical');
        // startsAt carried nanoseconds (.123456789): kept to the millisecond.
        assert.equal(incident.durationMinutes, (25 * MIN - 123) / MIN);
        assert.equal(incident.alertLabels.alertname, 'HighLatency');
        assert.equal(incident.url, 'http://prometheus:9090/graph?g0.expr=latency');
        assert.equal((await incidents()).total, 2);
      });

      it('handles resolve-before-fire and a later re-fire as a new incident', async () => {
        await webhook(
          'alertmanager',
          alertmanagerPayload([alert({ fingerprint: 'ccc3', status: 'resolved', end: 10 })])
        );
        const late = await webhook('alertmanager', alertmanagerPayload([alert({ fingerprint: 'ccc3' })]));
        assert.equal(late.json.unchanged, 1);
        assert.equal((await incidents('?status=resolved')).total, 1);
        const refire = await webhook('alertmanager', alertmanagerPayload([alert({ fingerprint: 'ccc3', start: 60 })]));
        assert.equal(refire.json.created, 1);
        assert.equal((await incidents('?status=firing')).total, 1);
      });

      it('rejects malformed payloads with a 400 naming the fields', async () => {
        const notJson = await webhook('alertmanager', '{"alerts": [');
        assert.equal(notJson.status, 400);
        assert.match(notJson.json.message, /request body is not valid JSON/);
        const empty = await webhook('alertmanager', Buffer.alloc(0));
        assert.equal(empty.status, 400);
        assert.match(empty.json.message, /request body is empty/);
        const shape = await webhook('alertmanager', { alerts: 'many' });
        assert.equal(shape.status, 400);
        assert.match(shape.json.message, /alerts: must be a list of alerts/);
        const badAlert = await webhook(
          'alertmanager',
          alertmanagerPayload([{ ...alert({ fingerprint: 'x' }), status: 'burning', startsAt: 'yesterday' }])
        );
        assert.equal(badAlert.status, 400);
        assert.match(badAlert.json.message, /alerts\.0\.status: must be "firing" or "resolved"/);
        assert.match(badAlert.json.message, /alerts\.0\.startsAt: must be an RFC 3339 time/);
        assert.equal((await incidents()).total, 0);
      });
    });

    describe('Grafana Alerting', () => {
      it('records real alerts with their Grafana links and ignores the contact point test', async () => {
        const payload = {
          ...alertmanagerPayload([
            {
              ...alert({ fingerprint: 'g1' }),
              values: { B: 2.7 },
              valueString: "[ var='B' labels={} value=2.7 ]",
              dashboardURL: 'http://grafana/d/abc',
              panelURL: 'http://grafana/d/abc?viewPanel=2',
            },
            {
              status: 'firing',
              labels: { alertname: 'TestAlert', instance: 'Grafana' },
              annotations: { summary: 'Notification test' },
              startsAt: at(0),
              endsAt: '0001-01-01T00:00:00Z',
              fingerprint: 'test',
            },
          ]),
          orgId: 1,
          title: '[FIRING:1] HighLatency',
          state: 'alerting',
          message: 'long text',
        };
        const res = await webhook('grafana', payload);
        assert.equal(res.status, 201);
        assert.deepEqual([res.json.received, res.json.created, res.json.ignored], [2, 1, 1]);
        const [incident] = (await incidents()).items;
        assert.equal(incident.source, 'grafana');
        assert.equal(incident.annotations.panelURL, 'http://grafana/d/abc?viewPanel=2');
        assert.equal(incident.annotations.valueString, "[ var='B' labels={} value=2.7 ]");
      });
    });

    describe('PagerDuty v3', () => {
      it('follows an incident through triggered, acknowledged and resolved, once each', async () => {
        assert.equal((await webhook('pagerduty', pagerdutyPayload('incident.triggered', 'triggered'))).status, 201);
        const ack = pagerdutyPayload('incident.acknowledged', 'acknowledged', { occurredMinute: 3 });
        assert.equal((await webhook('pagerduty', ack)).json.updated, 1);
        assert.equal((await webhook('pagerduty', ack)).json.unchanged, 1);
        const resolved = pagerdutyPayload('incident.resolved', 'resolved', { occurredMinute: 20 });
        assert.equal((await webhook('pagerduty', resolved)).json.updated, 1);
        // The trigger retried after the resolution changes nothing.
        assert.equal(
          (await webhook('pagerduty', pagerdutyPayload('incident.triggered', 'triggered'))).json.unchanged,
          1
        );
        const [incident] = (await incidents()).items;
        assert.equal(incident.externalId, 'Q1ABCDEF');
        assert.equal(incident.status, 'resolved');
        assert.equal(incident.durationMinutes, 20);
        assert.equal(incident.service, 'checkout');
        assert.equal(incident.severity, 'P1');
        assert.equal(incident.annotations.pagerdutyStatus, 'resolved');
        assert.equal(incident.url, 'https://acme.pagerduty.com/incidents/Q1ABCDEF');
      });

      it('acknowledges events without an incident, and rejects broken incident data', async () => {
        const ping = await webhook('pagerduty', pagerdutyPayload('pagey.ping', 'triggered', { type: 'pagey' }));
        assert.equal(ping.status, 200);
        assert.deepEqual([ping.json.received, ping.json.ignored, ping.json.created], [1, 1, 0]);
        const broken = pagerdutyPayload('incident.triggered', 'exploded');
        const res = await webhook('pagerduty', broken);
        assert.equal(res.status, 400);
        assert.match(
          res.json.message,
          /invalid event\.data: status: must be "triggered", "acknowledged" or "resolved"/
        );
        assert.equal((await webhook('pagerduty', { event: {} })).status, 400);
      });
    });

    describe('generic format', () => {
      it('stores every field of the generic format', async () => {
        const res = await webhook('generic', genericIncident());
        assert.equal(res.status, 201);
        const incident = (await call('GET', `incidents/${res.json.incidents[0].id}`)).json;
        assert.equal(incident.externalId, 'INC-1001');
        assert.equal(incident.source, 'generic');
        assert.equal(incident.status, 'resolved');
        assert.equal(incident.durationMinutes, 42);
        assert.equal(incident.impactUsers, 1200);
        assert.equal(incident.reportedRootCause, 'connection pool exhausted');
        assert.deepEqual(incident.contributingFactors, ['traffic spike', 'slow queries']);
        assert.deepEqual(incident.metricsSnapshot, { p99_ms: 2300, error_rate: 0.07 });
        assert.deepEqual(incident.errorLogs, ['ERROR pool timeout after 30000ms']);
        assert.deepEqual(incident.traceIds, ['4bf92f3577b34da6a3ce929d0e0e4736']);
        assert.equal(incident.resolutionAction, 'raised pool size to 50');
        assert.equal(incident.prevention, 'alert on pool saturation');
        assert.equal(incident.labeling.state, 'unlabeled');
      });

      it('updates a firing incident when its resolution arrives, and accepts batches', async () => {
        const { duration_minutes: _unused, ...firing } = genericIncident();
        assert.equal((await webhook('generic', firing)).status, 201);
        assert.equal((await incidents('?status=firing')).total, 1);
        const batch = await webhook('generic', [
          genericIncident(),
          genericIncident({ incident_id: 'INC-1002', timestamp: 1735732800 }),
        ]);
        assert.deepEqual([batch.json.created, batch.json.updated], [1, 1]);
        assert.equal((await incidents('?status=resolved')).total, 2);
      });

      it('names every invalid field of a bad record', async () => {
        const res = await webhook('generic', {
          incident_id: '',
          timestamp: 'last tuesday',
          duration_minutes: -5,
          impact_users: 1.5,
          trace_ids: [42],
        });
        assert.equal(res.status, 400);
        for (const message of [
          'incident_id: must not be empty',
          'timestamp: must be an ISO 8601 time or epoch seconds/milliseconds',
          'duration_minutes: must be at least 0',
          'impact_users: must be a whole number',
          'trace_ids.0: must be a string',
        ]) {
          assert.ok(res.json.message.includes(message), `${res.json.message} should mention ${message}`);
        }
        assert.equal((await webhook('generic', { timestamp: at(0) })).status, 400);
        assert.equal((await webhook('generic', 'null')).status, 400);
      });

      it('stores SQL-injection strings verbatim in every text field', async () => {
        const hostile = genericIncident({
          incident_id: HOSTILE,
          service: HOSTILE,
          severity: HOSTILE.slice(0, 60),
          root_cause: HOSTILE,
          contributing_factors: [HOSTILE, HOSTILE],
          metrics_snapshot: { [HOSTILE]: HOSTILE },
          error_logs: [HOSTILE],
          trace_ids: [HOSTILE],
          resolution_action: HOSTILE,
          prevention: HOSTILE,
          title: HOSTILE,
          url: HOSTILE,
          annotations: { [HOSTILE]: HOSTILE },
          alert_labels: { k: HOSTILE },
        });
        const res = await webhook('generic', hostile);
        assert.equal(res.status, 201);
        const id = res.json.incidents[0].id;
        const stored = (await call('GET', `incidents/${id}`)).json;
        for (const field of [
          'externalId',
          'service',
          'reportedRootCause',
          'resolutionAction',
          'prevention',
          'title',
          'url',
        ]) {
          assert.equal(stored[field], HOSTILE, field);
        }
        assert.equal(stored.severity, HOSTILE.slice(0, 60));
        assert.deepEqual(stored.contributingFactors, [HOSTILE, HOSTILE]);
        assert.deepEqual(stored.metricsSnapshot, { [HOSTILE]: HOSTILE });
        assert.deepEqual(stored.annotations, { [HOSTILE]: HOSTILE });
        const label = await call('POST', `incidents/${id}/labels`, {
          body: { rootCause: 'config_error', confidence: 'low', component: HOSTILE, note: HOSTILE },
          user: { login: HOSTILE, name: 'x', email: '', role: 'Editor' },
        });
        assert.equal(label.status, 200);
        assert.equal(label.json.label.component, HOSTILE);
        assert.equal(label.json.label.reviewer, HOSTILE);
        // As filters, the same strings match literally or not at all.
        assert.equal((await incidents(`?service=${encodeURIComponent(HOSTILE)}`)).total, 1);
        assert.equal((await incidents(`?service=${encodeURIComponent("' OR '1'='1")}`)).total, 0);
        assert.equal((await incidents(`?q=${encodeURIComponent('%_\\')}`)).total, 1);
        assert.equal((await call('GET', `audit?actor=${encodeURIComponent(HOSTILE)}`)).json.total, 1);
        assert.equal((await incidents()).total, 1);
      });

      it('refuses NUL characters, which no store could keep faithfully', async () => {
        const res = await webhook('generic', genericIncident({ service: 'a\u0000b' }));
        assert.equal(res.status, 400);
        assert.match(res.json.message, /service: must not contain NUL characters/);
      });
    });

    describe('limits and unknown formats', () => {
      it('refuses oversized payloads with 413 before reading them', async () => {
        const huge = Buffer.alloc(4 * 1024 * 1024 + 1, 0x20);
        const res = await webhook('alertmanager', huge);
        assert.equal(res.status, 413);
        assert.match(res.json.message, /exceeds the 4\.0 MiB limit/);
        const label = await call('POST', 'incidents/x/labels', { body: Buffer.alloc(300 * 1024, 0x20) });
        assert.equal(label.status, 413);
        // Authentication comes first: an anonymous flood learns nothing.
        assert.equal((await call('POST', 'webhooks/generic', { body: huge, user: null })).status, 401);
      });

      it('names the supported formats when asked for another', async () => {
        const res = await webhook('opsgenie', {});
        assert.equal(res.status, 404);
        assert.match(
          res.json.message,
          /unknown webhook format "opsgenie": use one of grafana, alertmanager, pagerduty, generic/
        );
        const exported = await call('GET', 'incidents/export?format=xml', { user: 'Viewer' });
        assert.equal(exported.status, 400);
        assert.match(exported.json.message, /unknown format "xml": use json or csv/);
        const imported = await call('POST', 'incidents/import?format=yaml', { body: 'a: 1' });
        assert.equal(imported.status, 400);
        const untyped = await call('POST', 'incidents/import', {
          body: '[]',
          headers: { 'Content-Type': 'text/plain' },
        });
        assert.equal(untyped.status, 400);
        assert.match(untyped.json.message, /say which format/);
      });
    });

    describe('labels', () => {
      let id;
      beforeEach(async () => {
        id = (await webhook('generic', genericIncident())).json.incidents[0].id;
      });

      const label = (body, login = 'alice', role = 'Editor') =>
        call('POST', `incidents/${id}/labels`, { body, user: { login, name: login, email: '', role } });

      it('records the signed-in user as reviewer and reaches consensus with a second one', async () => {
        const first = await label({ rootCause: 'database_slow', component: 'orders-db', confidence: 'high' });
        assert.equal(first.status, 200);
        assert.equal(first.json.label.reviewer, 'alice');
        assert.deepEqual(first.json.labeling, {
          state: 'partial',
          reviewers: ['alice'],
          skippedBy: [],
          consensus: null,
        });
        const second = await label({ rootCause: 'database_slow', confidence: 'medium' }, 'bob', 'Admin');
        assert.equal(second.json.labeling.state, 'consensus');
        assert.equal(second.json.labeling.consensus, 'database_slow');
        const listed = await call('GET', `incidents/${id}/labels`, { user: 'Viewer' });
        assert.deepEqual(
          listed.json.items.map((l) => [l.reviewer, l.rootCause, l.component]),
          [
            ['alice', 'database_slow', 'orders-db'],
            ['bob', 'database_slow', null],
          ]
        );
      });

      it('validates the label against the taxonomy and the skip rules', async () => {
        const unknown = await label({ rootCause: 'gremlins', confidence: 'high' });
        assert.equal(unknown.status, 400);
        assert.match(unknown.json.message, /rootCause "gremlins" is not one of memory_leak, database_slow/);
        const noConfidence = await label({ rootCause: 'disk_full' });
        assert.equal(noConfidence.status, 400);
        assert.match(noConfidence.json.message, /confidence required/);
        const both = await label({ skip: true, rootCause: 'disk_full' });
        assert.equal(both.status, 400);
        assert.match(both.json.message, /a skip carries no rootCause or confidence/);
        const extra = await label({ rootCause: 'disk_full', confidence: 'high', reviewer: 'mallory' });
        assert.equal(extra.status, 400);
        assert.match(extra.json.message, /reviewer/);
        const badConfidence = await label({ rootCause: 'disk_full', confidence: 'certain' });
        assert.match(badConfidence.json.message, /confidence: must be one of high, medium, low/);
        const skipped = await label({ skip: true, note: 'not enough context' });
        assert.equal(skipped.status, 200);
        assert.deepEqual(skipped.json.labeling.skippedBy, ['alice']);
      });

      it('answers 404 for labels of unknown incidents', async () => {
        const res = await call('POST', 'incidents/inc_000000000000000000000000/labels', {
          body: { rootCause: 'disk_full', confidence: 'high' },
        });
        assert.equal(res.status, 404);
        assert.equal(res.json.message, 'incident inc_000000000000000000000000 not found');
        assert.equal((await call('GET', 'incidents/nope/labels')).status, 404);
      });

      it('accepts root causes an Admin added to the taxonomy', async () => {
        const settings = (await call('GET', 'settings/labeling', { user: 'Viewer' })).json;
        assert.equal(settings.rootCauses.length, 9);
        const bad = await call('PUT', 'settings/labeling', {
          user: 'Admin',
          body: { ...settings, rootCauses: undefined, rootCauseExtensions: ['Bad Name', 'disk_full'] },
        });
        assert.equal(bad.status, 400);
        assert.match(bad.json.message, /rootCauseExtensions\.0: must be lower_snake_case/);
        const { rootCauses: _derived, ...editable } = settings;
        const put = await call('PUT', 'settings/labeling', {
          user: 'Admin',
          body: { ...editable, rootCauseExtensions: ['gc_pause'] },
        });
        assert.equal(put.status, 200);
        assert.deepEqual(put.json.rootCauses.slice(-2), ['unknown', 'gc_pause']);
        assert.equal((await label({ rootCause: 'gc_pause', confidence: 'low' })).status, 200);
      });

      it('orders the queue for learning from the stored consensus, and follows new labels', async () => {
        const ids = [id];
        for (let i = 0; i < 6; i++) {
          const service = i % 2 === 0 ? 'orders-db' : 'edge-proxy';
          const body = genericIncident({ incident_id: `INC-L${i}`, service, duration_minutes: 10 + 100 * (i % 2) });
          ids.push((await webhook('generic', body)).json.incidents[0].id);
        }
        for (const [i, cause] of [
          [1, 'database_slow'],
          [2, 'network_latency'],
        ]) {
          id = ids[i];
          await label({ rootCause: cause, confidence: 'high' }, 'alice');
          await label({ rootCause: cause, confidence: 'high' }, 'bob');
        }
        const queue = async () => (await call('GET', 'incidents?order=learning&limit=10', { user: 'Viewer' })).json;
        const first = await queue();
        assert.equal(first.total, 7);
        const settledTail = (page) => page.items.filter((item) => item.labeling.state === 'consensus').map((i) => i.id);
        assert.deepEqual(
          first.items
            .slice(-2)
            .map((i) => i.id)
            .sort(),
          [ids[1], ids[2]].sort()
        );
        assert.deepEqual((await queue()).items, first.items);

        // A new consensus: the incident joins the settled tail of the very next page.
        id = ids[3];
        await label({ rootCause: 'database_slow', confidence: 'high' }, 'alice');
        await label({ rootCause: 'database_slow', confidence: 'high' }, 'bob');
        const after = await queue();
        assert.equal(settledTail(after).length, 3);
        assert.ok(settledTail(after).includes(ids[3]));
        assert.equal(
          after.items.slice(0, 4).every((item) => item.labeling.state !== 'consensus'),
          true
        );
      });

      it('reports agreement and the disagreement queue', async () => {
        const ids = [id];
        for (let i = 0; i < 3; i++) {
          ids.push((await webhook('generic', genericIncident({ incident_id: `INC-A${i}` }))).json.incidents[0].id);
        }
        const answers = [
          ['disk_full', 'disk_full'],
          ['memory_leak', 'memory_leak'],
          ['disk_full', 'memory_leak'],
          ['memory_leak', 'memory_leak'],
        ];
        for (const [i, [a, b]] of answers.entries()) {
          id = ids[i];
          await label({ rootCause: a, confidence: 'high' }, 'alice');
          await label({ rootCause: b, confidence: 'high' }, 'bob');
        }
        const stats = (await call('GET', 'labels/agreement', { user: 'Viewer' })).json;
        assert.equal(stats.pairedItems, 4);
        assert.equal(stats.agreedItems, 3);
        assert.equal(stats.percentAgreement, 0.75);
        // A: disk 2, memory 2; B: disk 1, memory 3 → p_e = .5·.25 + .5·.75 = .5, κ = (.75 − .5)/.5
        assert.equal(stats.cohensKappa, 0.5);
        assert.deepEqual(stats.categories, ['disk_full', 'memory_leak']);
        const queue = (await call('GET', 'labels/disagreements', { user: 'Viewer' })).json;
        assert.deepEqual(
          queue.items.map((d) => [d.itemId, d.answers.map((a) => a.category)]),
          [[ids[2], ['disk_full', 'memory_leak']]]
        );
        assert.equal((await call('GET', 'labels/agreement?kind=spam')).status, 400);
      });
    });

    describe('edits, audit and transfer', () => {
      it('patches what an editor may correct and nothing else', async () => {
        const id = (await webhook('generic', genericIncident())).json.incidents[0].id;
        const bad = await call('PATCH', `incidents/${id}`, { body: { source: 'manual', id: 'x' } });
        assert.equal(bad.status, 400);
        assert.match(bad.json.message, /cannot be changed: source, id/);
        const ok = await call('PATCH', `incidents/${id}`, { body: { service: 'payments', severity: null } });
        assert.equal(ok.status, 200);
        assert.equal(ok.json.service, 'payments');
        assert.equal(ok.json.severity, null);
        assert.equal((await call('PATCH', 'incidents/inc_nope', { body: { service: 'x' } })).status, 404);
      });

      it('keeps a full audit trail with who did what', async () => {
        await webhook('alertmanager', alertmanagerPayload([alert({ fingerprint: 'a1' })]));
        const [incident] = (await incidents()).items;
        await call('POST', `incidents/${incident.id}/labels`, { body: { rootCause: 'disk_full', confidence: 'high' } });
        await call('DELETE', `incidents/${incident.id}`, { user: 'Admin' });
        const trail = (await call('GET', `audit?itemId=${incident.id}`, { user: 'Viewer' })).json;
        assert.deepEqual(
          trail.items.map((e) => [e.action, e.actor]),
          [
            ['incident.deleted', 'admin'],
            ['label.created', 'editor'],
            ['incident.created', 'webhook:alertmanager'],
          ]
        );
        assert.equal(trail.items[0].details.labels[0].rootCause, 'disk_full');
      });

      /** Labels of every incident, by incident id, as a reviewer sees them (times included). */
      const allLabels = async (caller, list) => {
        const out = {};
        for (const incident of list) {
          out[incident.id] = (await caller('GET', `incidents/${incident.id}/labels`, { user: 'Viewer' })).json.items;
        }
        return out;
      };

      for (const format of ['json', 'csv']) {
        it(`exports ${format} and imports it, labels included, into the other backend unchanged`, async () => {
          await webhook('generic', genericIncident());
          await webhook('generic', genericIncident({ incident_id: HOSTILE, service: 'multi\nline, "quoted"' }));
          await webhook('alertmanager', alertmanagerPayload([alert({ fingerprint: 'e1' })]));
          await webhook('pagerduty', pagerdutyPayload('incident.resolved', 'resolved', { occurredMinute: 9 }));
          const [first, second] = (await incidents('?order=oldest')).items;
          const labelAs = (incident, login, body) => call('POST', `incidents/${incident.id}/labels`, { login, body });
          await labelAs(first, 'alice', {
            rootCause: 'disk_full',
            confidence: 'high',
            component: 'db-1',
            note: HOSTILE,
          });
          await labelAs(first, 'bob', { rootCause: 'disk_full', confidence: 'medium' });
          await labelAs(second, 'alice', { skip: true, note: 'no context' });
          await labelAs(second, HOSTILE, { rootCause: 'memory_leak', confidence: 'low', component: 'a, "b"\nc' });

          const exported = await call('GET', `incidents/export?format=${format}`, { user: 'Viewer' });
          assert.equal(exported.status, 200);
          assert.match(
            exported.headers['Content-Disposition'][0],
            new RegExp(`attachment; filename="traceo-incidents-\\d{4}-\\d{2}-\\d{2}\\.${format}"`)
          );
          // CSV: the labels come as a second file, one row per label.
          const labelsFile =
            format === 'csv' ? await call('GET', 'labels/export?format=csv', { user: 'Viewer' }) : undefined;
          if (labelsFile) {
            assert.equal(labelsFile.status, 200);
            assert.match(labelsFile.headers['Content-Disposition'][0], /filename="traceo-labels-[\d-]+\.csv"/);
            const lines = labelsFile.text.trimEnd().split('\r\n');
            assert.equal(
              lines[0],
              'incident_id,source,reviewer,root_cause,component,confidence,skipped,note,created_at,updated_at'
            );
            assert.ok(lines[1].startsWith(`${first.externalId},generic,alice,disk_full,db-1,high,false,`), lines[1]);
          } else {
            assert.equal(exported.json?.version ?? JSON.parse(exported.text).version, 2);
            assert.equal(JSON.parse(exported.text).labels.length, 4);
          }

          const otherKind = kind === 'sqlite' ? 'postgres' : 'sqlite';
          const target = await freshDatabase(otherKind);
          const other = resourceClient(target.instance());
          try {
            const importAll = async () => {
              const imported = await other.call('POST', `incidents/import?format=${format}`, {
                body: exported.text,
                user: 'Admin',
              });
              if (!labelsFile) {
                return [imported];
              }
              const labels = await other.call('POST', 'labels/import', {
                body: labelsFile.text,
                user: 'Admin',
                headers: { 'Content-Type': 'text/csv' },
              });
              return [imported, labels];
            };
            const [imported, importedLabels = imported] = await importAll();
            assert.equal(imported.status, 201, imported.text);
            assert.equal(imported.json.created, 4);
            assert.equal(importedLabels.status, 201, importedLabels.text);
            assert.deepEqual(importedLabels.json.labels, { received: 4, created: 4, updated: 0, unchanged: 0 });
            const [again, againLabels = again] = await importAll();
            assert.equal(again.json.unchanged, 4);
            assert.equal(againLabels.status, 200);
            assert.deepEqual(againLabels.json.labels, { received: 4, created: 0, updated: 0, unchanged: 4 });

            const strip = ({ createdAt: _c, updatedAt: _u, ...rest }) => rest;
            const beforeList = (await incidents('?limit=10')).items;
            const afterList = (await other.call('GET', 'incidents?limit=10')).json.items;
            assert.deepEqual(afterList.map(strip), beforeList.map(strip));
            assert.equal(
              afterList[afterList.length - 1].labeling.state,
              beforeList[beforeList.length - 1].labeling.state
            );
            assert.deepEqual(await allLabels(other.call, afterList), await allLabels(call, beforeList));
          } finally {
            await other.close();
            await target.dispose();
          }
        });
      }

      it('imports labels all or nothing, with the label rules, keeping newer stored labels', async () => {
        const id = (await webhook('generic', genericIncident())).json.incidents[0].id;
        const header = 'incident_id,source,reviewer,root_cause,confidence,skipped,updated_at';
        const csv = (...rows) => [header, ...rows].join('\n');
        const post = (body, user = 'Admin') =>
          call('POST', 'labels/import?format=csv', { body, user, headers: { 'Content-Type': 'text/csv' } });

        assert.equal((await post(csv(`INC-1001,generic,carol,disk_full,high,false,${at(1)}`), 'Viewer')).status, 403);
        const byEditor = await post(csv(`INC-1001,generic,carol,disk_full,high,false,${at(1)}`), 'Editor');
        assert.equal(byEditor.status, 403);
        assert.match(byEditor.json.message, /importing labels in other reviewers' names needs the Admin role/);
        const bad = await post(
          csv(
            `INC-1001,generic,carol,disk_full,high,false,${at(1)}`,
            `INC-1001,generic,dave,gremlins,high,false,${at(1)}`,
            `INC-1001,generic,erin,disk_full,,false,${at(1)}`,
            `INC-1001,generic,frank,disk_full,high,true,${at(1)}`,
            `INC-1001,generic,,disk_full,high,false,not-a-time`
          )
        );
        assert.equal(bad.status, 400);
        assert.match(bad.json.message, /nothing imported, 4 of 5 labels are invalid/);
        assert.match(bad.json.message, /invalid label 2: rootCause "gremlins" is not one of/);
        assert.match(bad.json.message, /invalid label 3: confidence required/);
        assert.match(bad.json.message, /invalid label 4: a skip carries no rootCause or confidence/);
        assert.match(bad.json.message, /invalid label 5: reviewer: must not be empty; updated_at: must be an ISO/);
        const orphan = await post(csv(`INC-404,generic,carol,disk_full,high,false,${at(1)}`));
        assert.equal(orphan.status, 400);
        assert.match(orphan.json.message, /nothing imported: incident inc_[0-9a-f]+ not found; import its incident/);
        assert.deepEqual((await call('GET', `incidents/${id}/labels`)).json.items, []);

        // carol's own label is newer than the file's: the import keeps it.
        await call('POST', `incidents/${id}/labels`, {
          login: 'carol',
          body: { rootCause: 'memory_leak', confidence: 'low' },
        });
        const ok = await post(
          csv(`INC-1001,generic,carol,disk_full,high,false,${at(1)}`, `INC-1001,,dave,disk_full,medium,false,${at(2)}`)
        );
        assert.equal(ok.status, 201, ok.text);
        assert.deepEqual(ok.json.labels, { received: 2, created: 1, updated: 0, unchanged: 1 });
        const stored = (await call('GET', `incidents/${id}/labels`)).json.items;
        assert.deepEqual(Object.fromEntries(stored.map((l) => [l.reviewer, [l.rootCause, l.confidence]])), {
          carol: ['memory_leak', 'low'],
          dave: ['disk_full', 'medium'],
        });
        const dave = stored.find((l) => l.reviewer === 'dave');
        assert.equal(dave.updatedAt, Date.parse(at(2)));
        assert.equal(dave.createdAt, Date.parse(at(2)));
        const trail = (await call('GET', `audit?itemId=${id}&actor=admin`, { user: 'Viewer' })).json.items;
        assert.equal(trail[0].action, 'label.created');
        assert.equal(trail[0].details.imported, true);
        assert.equal(trail[0].details.label.reviewer, 'dave');
      });

      it('imports all or nothing, naming the bad records', async () => {
        const csv = [
          'incident_id,timestamp,service,duration_minutes,contributing_factors',
          `INC-1,${at(0)},checkout,5,"[""a"",""b""]"`,
          `INC-2,not-a-time,payments,-1,plain text`,
          `INC-3,${at(5)},search,,`,
        ].join('\n');
        const res = await call('POST', 'incidents/import', { body: csv, headers: { 'Content-Type': 'text/csv' } });
        assert.equal(res.status, 400);
        assert.match(res.json.message, /nothing imported, 1 of 3 records are invalid/);
        assert.match(res.json.message, /record 2: timestamp: must be an ISO 8601 time/);
        assert.equal((await incidents()).total, 0);
        const fixed = csv.replace('not-a-time', at(1)).replace(',-1,', ',1,');
        const ok = await call('POST', 'incidents/import?format=csv', { body: fixed });
        assert.equal(ok.json.created, 3);
        const inc2 = (await incidents('?q=INC-2')).items[0];
        assert.deepEqual(inc2.contributingFactors, ['plain text']);
        const broken = await call('POST', 'incidents/import?format=csv', { body: 'incident_id,timestamp\n"INC-9,x' });
        assert.equal(broken.status, 400);
        assert.match(broken.json.message, /CSV line 2: quoted field never closed/);
      });
    });
  });
}
