/**
 * Metrics snapshots around incidents, captured from the real Prometheus fixture: on demand (POST
 * incidents/:id/snapshot) and in the background after a webhook, with NaN as null and a failing expression
 * recorded next to the others rather than failing them.
 *
 *   node --test tests/integration/ingest-snapshot.test.mjs   (Node 24; $PROM_URL or its own Prometheus fixture)
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { startPrometheusFixture, stopPrometheusFixture } from '../../scripts/prometheus/fixture.mjs';
import { api, genericIncident, resourceClient, WEBHOOK_TOKEN } from './ingest-harness.mjs';
import { freshDatabase } from './store-backends.mjs';

const HOUR = 3_600_000;
let fixture;
let ownFixtureDir;

before(async () => {
  if (process.env.PROM_URL) {
    fixture = { url: process.env.PROM_URL, end: Number(process.env.PROM_DATA_END) };
  } else {
    ownFixtureDir = mkdtempSync(join(tmpdir(), 'traceo-prom-snap-'));
    fixture = await startPrometheusFixture({ dir: ownFixtureDir, fresh: true });
  }
});

after(async () => {
  if (ownFixtureDir) {
    await stopPrometheusFixture({ dir: ownFixtureDir });
  }
});

const QUERIES = [
  { name: 'anomaly', expr: 'traceo_test_anomaly' },
  { name: 'special', expr: 'traceo_test_special' },
  { name: 'broken', expr: 'rate(' },
];

describe('metrics snapshots', () => {
  let db;
  let client;
  let prometheus;
  let start;

  before(async () => {
    db = await freshDatabase('sqlite');
    const instance = db.instance({ prometheusUrl: fixture.url }, { webhookToken: WEBHOOK_TOKEN });
    prometheus = api.createPrometheusClient(api.parseTraceoSettings(instance));
    client = resourceClient(instance, { prometheus: async () => prometheus });
    // Three hours before the fixture's last sample: the hour before and after are all in its history.
    start = fixture.end * 1000 - 3 * HOUR;
    const put = await client.call('PUT', 'settings/labeling', {
      user: 'Admin',
      body: { rootCauseExtensions: [], reviewersPerItem: 2, snapshotQueries: QUERIES },
    });
    assert.equal(put.status, 200, put.text);
  });

  after(async () => {
    await client.close();
    prometheus.close();
    await db.dispose();
  });

  it('captures every expression an hour around the incident on demand', async () => {
    const created = await client.call('POST', 'incidents', {
      body: genericIncident({ incident_id: 'SNAP-1', timestamp: start, duration_minutes: 30 }),
    });
    const id = created.json.incidents[0].id;
    const res = await client.call('POST', `incidents/${id}/snapshot`);
    assert.equal(res.status, 200, res.text);
    const capture = res.json.capturedMetrics;
    assert.equal(capture.from, start - HOUR);
    assert.equal(capture.to, start + 30 * 60_000 + HOUR);
    assert.equal(capture.complete, true);
    const [anomaly, special, broken] = capture.queries;
    assert.equal(anomaly.series.length, 2);
    assert.deepEqual(anomaly.series.map((s) => s.labels.case).sort(), ['noise', 'spike']);
    for (const series of anomaly.series) {
      assert.ok(series.timestamps.every((t) => t >= capture.from && t <= capture.to));
      assert.equal(series.timestamps.length, series.values.length);
    }
    // NaN samples come back as null, like the frames we answer panels with.
    assert.ok(special.series[0].values.includes(null));
    assert.match(broken.error, /parse error/);
    assert.deepEqual(broken.series, []);

    // The same numbers Prometheus gives anyone who asks.
    const direct = await fetch(
      `${fixture.url}/api/v1/query_range?query=traceo_test_anomaly{case="spike"}&start=${capture.from / 1000}` +
        `&end=${capture.to / 1000}&step=${capture.stepSeconds}`
    ).then((r) => r.json());
    const spike = anomaly.series.find((s) => s.labels.case === 'spike');
    assert.deepEqual(
      spike.values,
      direct.data.result[0].values.map(([, v]) => Number(v))
    );

    const trail = await client.call('GET', `audit?itemId=${id}`);
    assert.equal(trail.json.items[0].action, 'incident.snapshot');
  });

  it('captures in the background after a webhook, without delaying its answer', async () => {
    const delivered = await client.webhook('generic', genericIncident({ incident_id: 'SNAP-2', timestamp: start }));
    assert.equal(delivered.status, 201);
    const id = delivered.json.incidents[0].id;
    let incident;
    for (let i = 0; i < 100 && !incident?.capturedMetrics; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      incident = (await client.call('GET', `incidents/${id}`)).json;
    }
    assert.ok(incident.capturedMetrics, 'captured within 5 s');
    assert.equal(incident.capturedMetrics.queries.length, 3);
    const trail = await client.call('GET', `audit?itemId=${id}`);
    assert.deepEqual(
      trail.json.items.map((e) => [e.action, e.actor]),
      [
        ['incident.snapshot', 'webhook:generic'],
        ['incident.created', 'webhook:generic'],
      ]
    );
  });

  it('answers 404 for unknown incidents and 409 without snapshot queries', async () => {
    assert.equal((await client.call('POST', 'incidents/inc_nope/snapshot')).status, 404);
    const other = await freshDatabase('sqlite');
    const bare = resourceClient(other.instance({ prometheusUrl: fixture.url }), { prometheus: async () => prometheus });
    try {
      const created = await bare.call('POST', 'incidents', { body: genericIncident() });
      const res = await bare.call('POST', `incidents/${created.json.incidents[0].id}/snapshot`);
      assert.equal(res.status, 409);
      assert.match(res.json.message, /no snapshot queries configured/);
    } finally {
      await bare.close();
      await other.dispose();
    }
  });
});
