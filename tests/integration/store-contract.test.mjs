/**
 * The store contract: one suite, run against a real SQLite file and a real PostgreSQL. Whatever a test here
 * expects, both backends must do, byte for byte.
 *
 *   node --test tests/integration/store-contract.test.mjs   (Node 24; uses $PG_URL or starts its own PostgreSQL)
 */
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';

import { backend, freshDatabase, steppingClock, stopOwnPostgres } from './store-backends.mjs';

after(stopOwnPostgres);

const T0 = Date.UTC(2025, 0, 1, 12);
const MIN = 60_000;

/** Text that breaks naive SQL, JSON, CSV and LIKE handling; every text field must store it verbatim. */
const NASTY = [
  "Robert'); DROP TABLE incidents;--",
  '" OR 1=1 --',
  "'; DELETE FROM incident_labels WHERE ''='",
  '50% of_users \\ back\\slash',
  'ünïcødé ✓ 🔥 \u2028 line\nbreak\ttab',
  '$1 ? :name @p',
];

function event(overrides = {}) {
  return {
    source: 'generic',
    externalId: 'INC-1',
    status: 'firing',
    observedAt: T0,
    startedAt: T0,
    endedAt: null,
    title: 'Checkout latency',
    details: { service: 'checkout', severity: 'critical' },
    ...overrides,
  };
}

const rootCause = (rootCause, confidence = 'high') => ({
  rootCause,
  component: null,
  confidence,
  skipped: false,
  note: null,
});
const skip = { rootCause: null, component: null, confidence: null, skipped: true, note: null };
const page = { limit: 50, offset: 0 };

for (const kind of ['sqlite', 'postgres']) {
  describe(`store contract: ${kind}`, () => {
    let db;
    let store;
    const open = () => backend.openStore(db.settings(), { now: steppingClock() });

    beforeEach(async () => {
      db = await freshDatabase(kind);
      store = await open();
    });

    afterEach(async () => {
      await store?.close().catch(() => undefined);
      await db.dispose();
    });

    describe('schema', () => {
      it('records its migrations and applies none twice', async () => {
        await store.close();
        store = await open();
        const rows = await db.raw('SELECT version, name FROM schema_migrations ORDER BY version');
        assert.deepEqual(
          rows.map((r) => Number(r.version)),
          [1, 2]
        );
      });

      it('refuses a database migrated by a newer plugin', async () => {
        await store.close();
        store = undefined;
        await db.raw('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [99, 'future', 1]);
        await assert.rejects(open(), (err) => {
          assert.equal(err.status, 503);
          assert.match(err.message, /schema is at version 99, newer than this plugin's 2: upgrade/);
          return true;
        });
      });
    });

    describe('incident ingestion', () => {
      it('creates an incident, then treats a redelivery as unchanged', async () => {
        const [created] = await store.ingestIncidents([event()], 'webhook:generic');
        assert.equal(created.outcome, 'created');
        assert.match(created.id, /^inc_[0-9a-f]{24}$/);
        const [again] = await store.ingestIncidents([event()], 'webhook:generic');
        assert.deepEqual(again, { ...created, outcome: 'unchanged' });
        const list = await store.listIncidents(page);
        assert.equal(list.total, 1);
        const audit = await store.listAudit({ itemId: created.id, ...page });
        assert.deepEqual(
          audit.items.map((e) => e.action),
          ['incident.created']
        );
        assert.equal(audit.items[0].actor, 'webhook:generic');
      });

      it('resolves on a resolved event and survives resolve-before-fire', async () => {
        const resolved = event({ status: 'resolved', observedAt: T0 + 30 * MIN, endedAt: T0 + 30 * MIN });
        const [a] = await store.ingestIncidents([resolved], 'webhook:generic');
        const [b] = await store.ingestIncidents([event()], 'webhook:generic');
        assert.equal(a.outcome, 'created');
        assert.equal(b.outcome, 'unchanged');
        const incident = await store.getIncident(a.id);
        assert.equal(incident.status, 'resolved');
        assert.equal(incident.endedAt, T0 + 30 * MIN);
        assert.equal(incident.durationMinutes, 30);

        const other = await store.ingestIncidents(
          [event({ externalId: 'INC-2' }), { ...resolved, externalId: 'INC-2' }],
          'webhook:generic'
        );
        assert.deepEqual(
          other.map((r) => r.outcome),
          ['created', 'updated']
        );
        assert.equal((await store.getIncident(other[0].id)).status, 'resolved');
      });

      it('keeps the same sender id of different sources apart', async () => {
        const results = await store.ingestIncidents(
          [event({ source: 'generic' }), event({ source: 'pagerduty' })],
          'grafana'
        );
        assert.notEqual(results[0].id, results[1].id);
        assert.equal((await store.listIncidents(page)).total, 2);
      });

      it('stores hostile text verbatim in every text field', async () => {
        const [text, title, service, severity, rootCauseText, action, prevention, url] = [...NASTY, ...NASTY].slice(
          0,
          8
        );
        const hostile = event({
          externalId: NASTY.join('|'),
          title,
          details: {
            service,
            severity,
            reportedRootCause: rootCauseText,
            contributingFactors: NASTY,
            errorLogs: NASTY,
            traceIds: NASTY,
            resolutionAction: action,
            prevention,
            url,
            alertLabels: Object.fromEntries(NASTY.map((n, i) => [`k${i}${n}`, n])),
            annotations: { summary: text },
            metricsSnapshot: { [NASTY[0]]: NASTY, nested: { value: NASTY[1], n: 1.5 } },
          },
        });
        const [{ id }] = await store.ingestIncidents([hostile], NASTY[0]);
        const stored = await store.getIncident(id);
        assert.equal(stored.externalId, NASTY.join('|'));
        assert.equal(stored.title, title);
        assert.equal(stored.service, service);
        assert.equal(stored.severity, severity);
        assert.equal(stored.reportedRootCause, rootCauseText);
        assert.deepEqual(stored.contributingFactors, NASTY);
        assert.deepEqual(stored.errorLogs, NASTY);
        assert.deepEqual(stored.traceIds, NASTY);
        assert.equal(stored.resolutionAction, action);
        assert.equal(stored.prevention, prevention);
        assert.equal(stored.url, url);
        assert.deepEqual(stored.alertLabels, hostile.details.alertLabels);
        assert.deepEqual(stored.metricsSnapshot, hostile.details.metricsSnapshot);

        const label = { ...rootCause('disk_full'), component: NASTY[2], note: NASTY[0] };
        await store.putIncidentLabel(id, label, NASTY[1]);
        const [saved] = await store.listIncidentLabels(id);
        assert.equal(saved.component, NASTY[2]);
        assert.equal(saved.note, NASTY[0]);
        assert.equal(saved.reviewer, NASTY[1]);
        // Every table is still there and holds exactly what we wrote.
        assert.equal((await store.listIncidents(page)).total, 1);
        assert.equal((await store.listAudit({ actor: NASTY[0], ...page })).total, 1);
        for (const needle of ['50% of_users', "Robert'); DROP", '\\ back']) {
          const found = await store.listIncidents({ search: needle, ...page });
          assert.equal(found.total, 1, `search for ${needle}`);
        }
        assert.equal((await store.listIncidents({ search: '%', ...page })).total, 1);
        assert.equal((await store.listIncidents({ search: '_users', ...page })).total, 1);
        assert.equal((await store.listIncidents({ search: 'x%y', ...page })).total, 0);
      });
    });

    describe('listing', () => {
      beforeEach(async () => {
        const events = Array.from({ length: 7 }, (_, i) =>
          event({
            externalId: `INC-${i}`,
            title: `Incident ${i}`,
            startedAt: T0 + i * MIN,
            observedAt: T0 + i * MIN,
            status: i % 2 === 0 ? 'firing' : 'resolved',
            endedAt: i % 2 === 0 ? null : T0 + (i + 1) * MIN,
            source: i < 5 ? 'generic' : 'alertmanager',
            details: { service: i < 3 ? 'checkout' : 'payments' },
          })
        );
        await store.ingestIncidents(events, 'grafana');
      });

      it('pages newest first with the total', async () => {
        const first = await store.listIncidents({ limit: 3, offset: 0 });
        assert.equal(first.total, 7);
        assert.deepEqual(
          first.items.map((i) => i.externalId),
          ['INC-6', 'INC-5', 'INC-4']
        );
        const last = await store.listIncidents({ limit: 3, offset: 6 });
        assert.deepEqual(
          last.items.map((i) => i.externalId),
          ['INC-0']
        );
        const oldest = await store.listIncidents({ limit: 2, offset: 0, order: 'oldest' });
        assert.deepEqual(
          oldest.items.map((i) => i.externalId),
          ['INC-0', 'INC-1']
        );
      });

      it('filters by status, source, service, time and text', async () => {
        const ids = async (q) => (await store.listIncidents({ ...page, ...q })).items.map((i) => i.externalId).sort();
        assert.deepEqual(await ids({ status: 'resolved' }), ['INC-1', 'INC-3', 'INC-5']);
        assert.deepEqual(await ids({ source: 'alertmanager' }), ['INC-5', 'INC-6']);
        assert.deepEqual(await ids({ service: 'checkout', status: 'firing' }), ['INC-0', 'INC-2']);
        assert.deepEqual(await ids({ from: T0 + 2 * MIN, to: T0 + 3 * MIN }), ['INC-2', 'INC-3']);
        assert.deepEqual(await ids({ search: 'INCIDENT 4' }), ['INC-4']);
      });

      it('filters by label state and by what a reviewer has not seen yet', async () => {
        const all = await store.listIncidents(page);
        const byExternal = Object.fromEntries(all.items.map((i) => [i.externalId, i.id]));
        await store.putIncidentLabel(byExternal['INC-0'], rootCause('disk_full'), 'alice');
        await store.putIncidentLabel(byExternal['INC-0'], rootCause('disk_full'), 'bob');
        await store.putIncidentLabel(byExternal['INC-1'], rootCause('disk_full'), 'alice');
        await store.putIncidentLabel(byExternal['INC-1'], rootCause('memory_leak'), 'bob');
        await store.putIncidentLabel(byExternal['INC-2'], rootCause('cpu_saturation'), 'alice');
        await store.putIncidentLabel(byExternal['INC-3'], skip, 'alice');
        const ids = async (q) => (await store.listIncidents({ ...page, ...q })).items.map((i) => i.externalId).sort();
        assert.deepEqual(await ids({ labelState: 'consensus' }), ['INC-0']);
        assert.deepEqual(await ids({ labelState: 'disagreement' }), ['INC-1']);
        assert.deepEqual(await ids({ labelState: 'partial' }), ['INC-2']);
        assert.deepEqual(await ids({ labelState: 'unlabeled' }), ['INC-3', 'INC-4', 'INC-5', 'INC-6']);
        assert.deepEqual(await ids({ notReviewedBy: 'alice' }), ['INC-4', 'INC-5', 'INC-6']);
        assert.deepEqual(await ids({ notReviewedBy: 'bob', labelState: 'partial' }), ['INC-2']);
        const summary = (await store.getIncident(byExternal['INC-0'])).labeling;
        assert.deepEqual(summary, {
          state: 'consensus',
          consensus: 'disk_full',
          reviewers: ['alice', 'bob'],
          skippedBy: [],
        });
        assert.deepEqual((await store.getIncident(byExternal['INC-3'])).labeling.skippedBy, ['alice']);
      });
    });

    describe('edits and deletion', () => {
      it('patches fields, audits the change and 404s unknown incidents', async () => {
        const [{ id }] = await store.ingestIncidents([event()], 'grafana');
        const updated = await store.updateIncident(id, { service: 'payments', status: 'resolved' }, 'alice');
        assert.equal(updated.service, 'payments');
        assert.equal(updated.status, 'resolved');
        assert.ok(updated.endedAt > 0);
        const same = await store.updateIncident(id, { service: 'payments' }, 'alice');
        assert.equal(same.updatedAt, updated.updatedAt);
        const audit = await store.listAudit({ itemId: id, ...page });
        assert.deepEqual(
          audit.items.map((e) => e.action),
          ['incident.updated', 'incident.created']
        );
        assert.deepEqual(audit.items[0].details.changes.service, { before: 'checkout', after: 'payments' });
        await assert.rejects(store.updateIncident('inc_missing', { service: 'x' }, 'alice'), { status: 404 });
      });

      it('deletes an incident with its labels and keeps both in the audit trail', async () => {
        const [{ id }] = await store.ingestIncidents([event()], 'grafana');
        await store.putIncidentLabel(id, rootCause('disk_full'), 'alice');
        await store.deleteIncident(id, 'admin');
        assert.equal(await store.getIncident(id), undefined);
        await assert.rejects(store.listIncidentLabels(id), { status: 404 });
        const rows = await db.raw('SELECT COUNT(*) AS n FROM incident_labels');
        assert.equal(Number(rows[0].n), 0);
        const [deleted] = (await store.listAudit({ itemId: id, ...page })).items;
        assert.equal(deleted.action, 'incident.deleted');
        assert.equal(deleted.actor, 'admin');
        assert.equal(deleted.details.incident.externalId, 'INC-1');
        assert.equal(deleted.details.labels[0].rootCause, 'disk_full');
        await assert.rejects(store.deleteIncident(id, 'admin'), { status: 404 });
      });
    });

    describe('labels', () => {
      let id;
      beforeEach(async () => {
        [{ id }] = await store.ingestIncidents([event()], 'grafana');
      });

      it('keeps one label per reviewer, replaced and audited when it changes', async () => {
        const first = await store.putIncidentLabel(id, rootCause('disk_full', 'low'), 'alice');
        const same = await store.putIncidentLabel(id, rootCause('disk_full', 'low'), 'alice');
        assert.deepEqual(same, first);
        const changed = await store.putIncidentLabel(id, rootCause('memory_leak'), 'alice');
        assert.equal(changed.createdAt, first.createdAt);
        assert.ok(changed.updatedAt > first.updatedAt);
        const labels = await store.listIncidentLabels(id);
        assert.equal(labels.length, 1);
        assert.equal(labels[0].rootCause, 'memory_leak');
        assert.equal(labels[0].skipped, false);
        const audit = await store.listAudit({ itemId: id, ...page });
        assert.deepEqual(
          audit.items.map((e) => e.action),
          ['label.updated', 'label.created', 'incident.created']
        );
        assert.equal(audit.items[0].details.before.rootCause, 'disk_full');
        assert.equal(audit.items[0].details.after.rootCause, 'memory_leak');
      });

      it('derives consensus and disagreement, never counting skips', async () => {
        const state = async () => (await store.getIncident(id)).labeling;
        await store.putIncidentLabel(id, skip, 'carol');
        assert.equal((await state()).state, 'unlabeled');
        await store.putIncidentLabel(id, rootCause('disk_full'), 'alice');
        assert.equal((await state()).state, 'partial');
        await store.putIncidentLabel(id, rootCause('memory_leak'), 'bob');
        assert.equal((await state()).state, 'disagreement');
        await store.putIncidentLabel(id, rootCause('disk_full'), 'dave');
        assert.deepEqual(await state(), {
          state: 'consensus',
          consensus: 'disk_full',
          reviewers: ['alice', 'bob', 'dave'],
          skippedBy: ['carol'],
        });
        const labels = await store.listIncidentLabels(id);
        assert.equal(labels.find((l) => l.reviewer === 'carol').skipped, true);
      });

      it('refuses labels for unknown incidents', async () => {
        await assert.rejects(store.putIncidentLabel('inc_000000000000000000000000', rootCause('disk_full'), 'alice'), {
          status: 404,
          message: 'incident inc_000000000000000000000000 not found',
        });
      });

      it('re-derives every state when the reviewers per item change', async () => {
        await store.putIncidentLabel(id, rootCause('disk_full'), 'alice');
        assert.equal((await store.getIncident(id)).labeling.state, 'partial');
        const settings = await store.getLabelingSettings();
        assert.deepEqual(settings, { rootCauseExtensions: [], reviewersPerItem: 2, snapshotQueries: [] });
        await store.putLabelingSettings(
          { ...settings, reviewersPerItem: 1, rootCauseExtensions: ['gc_pause'] },
          'admin'
        );
        assert.equal((await store.getIncident(id)).labeling.state, 'consensus');
        assert.deepEqual((await store.getLabelingSettings()).rootCauseExtensions, ['gc_pause']);
        const [entry] = (await store.listAudit({ itemKind: 'settings', ...page })).items;
        assert.equal(entry.action, 'settings.updated');
        assert.equal(entry.details.before.reviewersPerItem, 2);
        assert.equal(entry.details.after.reviewersPerItem, 1);
      });

      it('imports labels with their reviewer and times, once, never over a newer one, all or nothing', async () => {
        const imported = (reviewer, values, at) => ({
          incidentId: id,
          reviewer,
          values,
          createdAt: at - MIN,
          updatedAt: at,
        });
        const [{ id: second }] = await store.ingestIncidents([event({ externalId: 'INC-2' })], 'grafana');
        const secondEvent = event({ externalId: 'INC-3' });
        const labels = [
          imported('alice', { ...rootCause('disk_full'), component: 'db', note: NASTY[0] }, T0 + 5 * MIN),
          imported('bob', skip, T0 + 6 * MIN),
          { ...imported('alice', rootCause('memory_leak', 'low'), T0 + 7 * MIN), incidentId: second },
        ];
        const first = await store.importIncidents([secondEvent], labels, 'importer');
        assert.deepEqual(first.labels, ['created', 'created', 'created']);
        assert.deepEqual(
          first.incidents.map((i) => i.outcome),
          ['created']
        );
        const stored = await store.listIncidentLabels(id);
        assert.deepEqual(
          stored.map((l) => [l.reviewer, l.rootCause, l.component, l.skipped, l.note, l.createdAt, l.updatedAt]),
          [
            ['alice', 'disk_full', 'db', false, NASTY[0], T0 + 4 * MIN, T0 + 5 * MIN],
            ['bob', null, null, true, null, T0 + 5 * MIN, T0 + 6 * MIN],
          ]
        );
        assert.equal((await store.getIncident(second)).labeling.state, 'partial');
        const again = await store.importIncidents([secondEvent], labels, 'importer');
        assert.deepEqual(again.labels, ['unchanged', 'unchanged', 'unchanged']);
        assert.equal((await store.listAudit({ itemKind: 'incident', actor: 'importer', ...page })).total, 4);

        // A newer file replaces alice's label; an older one does not.
        const newer = await store.importIncidents(
          [],
          [imported('alice', rootCause('cpu_saturation'), T0 + 9 * MIN)],
          'i'
        );
        assert.deepEqual(newer.labels, ['updated']);
        const older = await store.importIncidents([], [imported('alice', rootCause('disk_full'), T0 + 8 * MIN)], 'i');
        assert.deepEqual(older.labels, ['unchanged']);
        const alice = (await store.listIncidentLabels(id)).find((l) => l.reviewer === 'alice');
        assert.deepEqual(
          [alice.rootCause, alice.createdAt, alice.updatedAt],
          ['cpu_saturation', T0 + 4 * MIN, T0 + 9 * MIN]
        );

        // A label of an unknown incident rolls back the whole import, incidents included.
        const orphan = { ...imported('carol', rootCause('disk_full'), T0), incidentId: 'inc_000000000000000000000000' };
        await assert.rejects(
          store.importIncidents([event({ externalId: 'INC-4' })], [imported('carol', skip, T0), orphan], 'i'),
          { status: 404, message: 'incident inc_000000000000000000000000 not found' }
        );
        assert.equal((await store.listIncidents(page)).total, 3);
        assert.equal((await store.listIncidentLabels(id)).length, 2);

        const both = await store.listLabelsOfIncidents([second, 'inc_000000000000000000000000', id]);
        assert.deepEqual(
          both.map((l) => [l.incidentId, l.reviewer]),
          [
            [second, 'alice'],
            [id, 'alice'],
            [id, 'bob'],
          ]
        );
      });

      it('versions the labeled set: every change of labels or consensus, nothing else', async () => {
        const versions = [await store.labelSetVersion('incident')];
        const expectChange = async (changed) => {
          const version = await store.labelSetVersion('incident');
          assert.equal(version !== versions.at(-1), changed, `version ${version} after ${versions.join(', ')}`);
          versions.push(version);
        };
        const [{ id: other }] = await store.ingestIncidents([event({ externalId: 'INC-2' })], 'grafana');
        await store.listIncidents(page);
        await expectChange(false);
        await store.putIncidentLabel(id, rootCause('disk_full'), 'alice');
        await expectChange(true);
        await store.putIncidentLabel(id, rootCause('disk_full'), 'alice');
        await expectChange(false);
        await store.putIncidentLabel(id, rootCause('memory_leak'), 'alice');
        await expectChange(true);
        await store.putIncidentLabel(id, rootCause('memory_leak'), 'bob');
        await expectChange(true);
        assert.equal((await store.getIncident(id)).labeling.state, 'consensus');
        await store.updateIncident(id, { severity: 'low' }, 'editor');
        await expectChange(true);
        await store.updateIncident(other, { severity: 'low' }, 'editor');
        await expectChange(false);
        const settings = await store.getLabelingSettings();
        await store.putLabelingSettings({ ...settings, reviewersPerItem: 3 }, 'admin');
        await expectChange(true);
        await store.importIncidents(
          [],
          [{ incidentId: other, reviewer: 'carol', values: skip, createdAt: T0, updatedAt: T0 }],
          'importer'
        );
        await expectChange(true);
        await store.deleteIncident(other, 'admin');
        await expectChange(true);
        assert.equal(await store.labelSetVersion('anomaly'), await store.labelSetVersion('anomaly'));
      });

      it('lists answers per item in labeling order, optionally only disagreements', async () => {
        const [{ id: other }] = await store.ingestIncidents([event({ externalId: 'INC-2', title: 'Other' })], 'g');
        await store.putIncidentLabel(id, rootCause('disk_full'), 'bob');
        await store.putIncidentLabel(id, rootCause('disk_full'), 'alice');
        await store.putIncidentLabel(other, rootCause('disk_full'), 'alice');
        await store.putIncidentLabel(other, rootCause('network_latency', 'low'), 'bob');
        await store.putIncidentLabel(other, skip, 'carol');
        const answers = await store.listAnswers('incident');
        const byId = Object.fromEntries(answers.map((a) => [a.itemId, a]));
        assert.deepEqual(
          byId[id].answers.map((a) => a.reviewer),
          ['bob', 'alice']
        );
        assert.equal(byId[other].title, 'Other');
        assert.deepEqual(
          byId[other].answers.map((a) => [a.reviewer, a.category, a.confidence]),
          [
            ['alice', 'disk_full', 'high'],
            ['bob', 'network_latency', 'low'],
          ]
        );
        const open = await store.listAnswers('incident', 'disagreement');
        assert.deepEqual(
          open.map((a) => a.itemId),
          [other]
        );
      });
    });

    describe('audit retention', () => {
      const DAY = 86_400_000;
      let t;
      const clock = () => (t += 1);
      /** A store whose retention runs only when asked (or on the given schedule), `days` of retention. */
      const openWith = (days, pruning = { firstRunMs: 3_600_000 }) =>
        backend.openStore({ ...db.settings(), auditRetentionDays: days }, { now: clock, auditPruning: pruning });

      beforeEach(async () => {
        t = T0;
        await store.close();
        store = undefined;
      });

      it('deletes entries past the retention in small batches and keeps the rest', async () => {
        store = await openWith(30, { firstRunMs: 3_600_000, batchSize: 2 });
        const old = await store.ingestIncidents(
          [1, 2, 3, 4, 5].map((n) => event({ externalId: `INC-${n}` })),
          'grafana'
        );
        t += DAY; // alice labels a day later: 29 days old at the prune, kept
        await store.putIncidentLabel(old[0].id, rootCause('disk_full'), 'alice');
        t = T0 + 30 * DAY + 3_600_000; // the incidents' entries are now 30 days and an hour old
        await store.putIncidentLabel(old[1].id, rootCause('disk_full'), 'bob');
        assert.equal((await store.listAudit(page)).total, 7);

        const result = await store.pruneAudit();
        assert.deepEqual(result, { deleted: 5, batches: 3 });
        const left = await store.listAudit(page);
        assert.deepEqual(
          left.items.map((e) => [e.action, e.actor]),
          [
            ['label.created', 'bob'],
            ['label.created', 'alice'],
          ]
        );
        assert.deepEqual(await store.pruneAudit(), { deleted: 0, batches: 1 });
        // The incidents and labels themselves are untouched.
        assert.equal((await store.listIncidents(page)).total, 5);
      });

      it('runs on its own after opening, with the retention from the data source settings', async () => {
        const instance = db.instance({ auditRetentionDays: '7' });
        const settings = backend.parseStorageSettings(instance, 1);
        assert.equal(settings.auditRetentionDays, 7);
        store = await backend.openStore(settings, { now: clock, auditPruning: { firstRunMs: 3_600_000 } });
        await store.ingestIncidents([event(), event({ externalId: 'INC-2' })], 'grafana');
        await store.close();
        t += 8 * DAY;
        store = await backend.openStore(settings, { now: clock, auditPruning: { firstRunMs: 20 } });
        await store.ingestIncidents([event({ externalId: 'INC-3' })], 'grafana');
        const deadline = Date.now() + 5000;
        while ((await store.listAudit(page)).total > 1 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const left = await store.listAudit(page);
        assert.deepEqual(
          left.items.map((e) => e.itemId),
          [(await store.listIncidents({ search: 'INC-3', ...page })).items[0].id]
        );
      });
    });

    describe('anomalies', () => {
      const anomaly = (overrides = {}) => ({
        id: 'ano-1',
        seriesLabels: { __name__: 'node_load1', instance: 'a:9100' },
        expr: 'node_load1',
        startedAt: T0,
        endedAt: null,
        score: 91.5,
        detector: 'ensemble',
        ...overrides,
      });

      it('records anomalies idempotently and labels them with verdicts', async () => {
        assert.deepEqual(await store.upsertAnomalies([anomaly()], 'grafana'), [{ id: 'ano-1', outcome: 'created' }]);
        assert.deepEqual(await store.upsertAnomalies([anomaly()], 'grafana'), [{ id: 'ano-1', outcome: 'unchanged' }]);
        assert.deepEqual(await store.upsertAnomalies([anomaly({ endedAt: T0 + MIN })], 'grafana'), [
          { id: 'ano-1', outcome: 'updated' },
        ]);
        const verdict = (v) => ({ verdict: v, confidence: 'medium', skipped: false, note: null });
        await store.putAnomalyLabel('ano-1', verdict('false_alarm'), 'alice');
        await store.putAnomalyLabel('ano-1', verdict('false_alarm'), 'bob');
        const stored = await store.getAnomaly('ano-1');
        assert.deepEqual(stored.seriesLabels, anomaly().seriesLabels);
        assert.equal(stored.score, 91.5);
        assert.equal(stored.endedAt, T0 + MIN);
        assert.deepEqual(stored.labeling, {
          state: 'consensus',
          consensus: 'false_alarm',
          reviewers: ['alice', 'bob'],
          skippedBy: [],
        });
        assert.equal((await store.listAnomalies({ labelState: 'consensus', ...page })).total, 1);
        assert.equal((await store.listAnomalyLabels('ano-1')).length, 2);
        const [answers] = await store.listAnswers('anomaly');
        assert.equal(answers.title, 'node_load1');
        await assert.rejects(store.putAnomalyLabel('ano-404', verdict('unknown'), 'alice'), { status: 404 });
      });
    });

    describe('durability and lifecycle', () => {
      it('keeps everything across a reopen', async () => {
        const [{ id }] = await store.ingestIncidents([event()], 'grafana');
        await store.putIncidentLabel(id, rootCause('disk_full'), 'alice');
        await store.close();
        store = await open();
        assert.equal((await store.getIncident(id)).externalId, 'INC-1');
        assert.equal((await store.listIncidentLabels(id))[0].rootCause, 'disk_full');
      });

      it('commits hundreds of concurrent writes, each exactly once', async () => {
        const events = Array.from({ length: 50 }, (_, i) => event({ externalId: `C-${i}` }));
        const ingested = await Promise.all(events.map((e) => store.ingestIncidents([e], 'webhook:generic')));
        const ids = ingested.map(([r]) => r.id);
        const reviewers = ['r1', 'r2', 'r3', 'r4'];
        const writes = ids.flatMap((id) => reviewers.map((r) => store.putIncidentLabel(id, rootCause('disk_full'), r)));
        const duplicates = events.map((e) => store.ingestIncidents([e], 'webhook:generic'));
        const [labels, again] = await Promise.all([Promise.all(writes), Promise.all(duplicates)]);
        assert.equal(labels.length, 200);
        assert.ok(again.every(([r]) => r.outcome === 'unchanged'));
        const rows = await db.raw('SELECT COUNT(*) AS n FROM incident_labels');
        assert.equal(Number(rows[0].n), 200);
        assert.equal((await store.listIncidents({ labelState: 'consensus', ...page })).total, 50);
      });

      it('isolates a failing write from the others committed with it', async () => {
        const [{ id }] = await store.ingestIncidents([event()], 'grafana');
        const results = await Promise.allSettled([
          store.putIncidentLabel(id, rootCause('disk_full'), 'alice'),
          store.putIncidentLabel('inc_missing', rootCause('disk_full'), 'alice'),
          store.putIncidentLabel(id, rootCause('disk_full'), 'bob'),
        ]);
        assert.deepEqual(
          results.map((r) => r.status),
          ['fulfilled', 'rejected', 'fulfilled']
        );
        assert.equal(results[1].reason.status, 404);
        assert.equal((await store.listIncidentLabels(id)).length, 2);
      });

      it('refuses work after close with a retryable 503', async () => {
        await store.close();
        await assert.rejects(store.ingestIncidents([event()], 'grafana'), (err) => {
          assert.equal(err.status, 503);
          assert.match(err.message, /closed/);
          return true;
        });
        store = undefined;
      });
    });
  });
}
