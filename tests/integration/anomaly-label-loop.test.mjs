/**
 * The anomaly labeling loop against a real store — a SQLite file and a PostgreSQL schema — the way the anomaly
 * handler uses it in the executable: detected episodes recorded for labeling (record-episodes.ts), reviewers'
 * verdicts, and the detector weights read back from them (label-weights.ts).
 *
 *   node --test tests/integration/anomaly-label-loop.test.mjs     (with the Node 24 runtime)
 */
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';

import { loadBackend } from './backend-bundle.mjs';
import {
  backend as storeApi,
  freshDatabase,
  instanceSettings,
  steppingClock,
  stopOwnPostgres,
} from './store-backends.mjs';

const weightsApi = await loadBackend(
  'detector-weights',
  `export { readLabelWeights, storeDetectorWeights } from 'backend/query/anomaly/label-weights';
   export { storeAnomalyRecorder } from 'backend/query/anomaly/record-episodes';
   export { resolveOptions } from 'ml/ensemble/options';`
);
const BASE = weightsApi.resolveOptions({}).weights;

after(stopOwnPostgres);

const T0 = Date.UTC(2025, 0, 1, 12);
const MIN = 60_000;

for (const kind of ['sqlite', 'postgres']) {
  describe(`the anomaly labeling loop on a ${kind} store`, () => {
    let db;
    let store;

    beforeEach(async () => {
      db = await freshDatabase(kind);
      store = await storeApi.openStore(db.settings(), { now: steppingClock() });
    });

    afterEach(async () => {
      await store.close();
      await db.dispose();
    });

    /** Records `count` anomalies credited to `detector` and has two reviewers agree on `verdict` for each. */
    async function reviewed(prefix, detector, verdict, count) {
      const anomalies = Array.from({ length: count }, (_, i) => ({
        id: `${prefix}-${i}`,
        seriesLabels: { __name__: 'node_load1', instance: `host-${i}` },
        expr: 'node_load1',
        startedAt: T0 + i * MIN,
        endedAt: null,
        score: 90,
        detector,
      }));
      await store.upsertAnomalies(anomalies, 'grafana');
      for (const { id } of anomalies) {
        for (const reviewer of ['alice', 'bob']) {
          await store.putAnomalyLabel(id, { verdict, confidence: 'high', skipped: false, note: null }, reviewer);
        }
      }
    }

    it('has no weights to give before anything is reviewed', async () => {
      await store.upsertAnomalies(
        [{ id: 'open', seriesLabels: {}, expr: null, startedAt: T0, endedAt: null, score: 80, detector: 'residual' }],
        'grafana'
      );
      assert.equal(await weightsApi.readLabelWeights(store), undefined);
    });

    it('lowers the detector reviewers keep overruling and raises the one they confirm', async () => {
      await reviewed('forest', 'isolationForest', 'false_alarm', 12);
      await reviewed('residual', 'residual, magnitude', 'true_anomaly', 10);
      // Disagreement and "unknown" verdicts say nothing about precision.
      await reviewed('unsure', 'isolationForest', 'unknown', 5);
      await store.upsertAnomalies(
        [{ id: 'split', seriesLabels: {}, expr: null, startedAt: T0, endedAt: null, score: 70, detector: 'shift' }],
        'grafana'
      );
      await store.putAnomalyLabel(
        'split',
        { verdict: 'true_anomaly', confidence: null, skipped: false, note: null },
        'alice'
      );
      await store.putAnomalyLabel(
        'split',
        { verdict: 'false_alarm', confidence: null, skipped: false, note: null },
        'bob'
      );

      const result = await weightsApi.readLabelWeights(store);
      assert.equal(result.labeled, 22);
      assert.ok(result.weights.isolationForest < BASE.isolationForest, JSON.stringify(result.weights));
      assert.ok(result.weights.residual > BASE.residual, JSON.stringify(result.weights));
      assert.ok(result.weights.magnitude > BASE.magnitude, JSON.stringify(result.weights));
      assert.equal(result.weights.shift, undefined);
    });

    it('caches per data source version and falls back to the defaults when the store fails', async () => {
      await reviewed('forest', 'isolationForest', 'false_alarm', 6);
      let now = 0;
      let opened = 0;
      const provider = weightsApi.storeDetectorWeights(
        async () => {
          opened++;
          return store;
        },
        // No time limit here: a busy CI machine must not turn this test's store reads into "no weights yet".
        { ttlMs: 60_000, now: () => now, maxWaitMs: Infinity }
      );
      const ctx = (lastUpdatedMs) => ({ dataSourceInstanceSettings: { ...instanceSettings(), lastUpdatedMs } });
      const first = await provider(ctx(1));
      assert.ok(first.weights.isolationForest < BASE.isolationForest);
      await reviewed('more', 'isolationForest', 'true_anomaly', 30);
      assert.deepEqual(await provider(ctx(1)), first, 'within the minute the cached weights are kept');
      assert.equal(opened, 1);
      now = 60_000;
      const later = await provider(ctx(1));
      assert.ok(later.weights.isolationForest > first.weights.isolationForest, 'new verdicts count after the minute');
      await store.close();
      now = 120_000;
      assert.equal(await provider(ctx(2)), undefined, 'a closed store means default weights, not a failed query');
      store = await storeApi.openStore(db.settings(), { now: steppingClock() });
    });

    it('answers without weights at once when the store is slow, and with them once it has answered', async () => {
      await reviewed('forest', 'isolationForest', 'false_alarm', 6);
      let release;
      const slowStore = new Promise((resolve) => (release = () => resolve(store)));
      const provider = weightsApi.storeDetectorWeights(() => slowStore, { maxWaitMs: 50 });
      const ctx = { dataSourceInstanceSettings: instanceSettings() };
      const started = Date.now();
      assert.equal(await provider(ctx), undefined);
      assert.ok(Date.now() - started < 1000, 'the query did not wait for the store');
      release();
      // The read started by the first query finishes in the background; a later query finds its answer.
      let later;
      for (const waitUntil = Date.now() + 10_000; !later && Date.now() < waitUntil;) {
        later = await provider(ctx);
      }
      assert.ok(later?.weights.isolationForest < BASE.isolationForest, 'the weights arrived after the store did');
    });

    it('records detected anomalies once, updates them when they end, and feeds the weights once reviewed', async () => {
      const record = weightsApi.storeAnomalyRecorder(async () => store);
      const ctx = { dataSourceInstanceSettings: instanceSettings() };
      const detected = (endedAt) => ({
        id: 'ano_detected',
        seriesLabels: { instance: 'host-1' },
        expr: 'node_load1',
        startedAt: T0,
        endedAt,
        score: 97.5,
        detector: 'isolationForest, residual',
      });
      const audited = async () => (await store.listAudit({ limit: 100, offset: 0 })).items.map((e) => e.action);
      await record(ctx, [detected(null)]);
      await record(ctx, [detected(null)]);
      assert.deepEqual(await audited(), ['anomaly.created'], 'a refresh with nothing new writes nothing');
      await record(ctx, [detected(T0 + 5 * MIN)]);
      assert.equal((await store.getAnomaly('ano_detected')).endedAt, T0 + 5 * MIN);
      assert.deepEqual((await audited()).sort(), ['anomaly.created', 'anomaly.updated']);

      for (const reviewer of ['alice', 'bob']) {
        await store.putAnomalyLabel(
          'ano_detected',
          { verdict: 'false_alarm', confidence: 'high', skipped: false, note: null },
          reviewer
        );
      }
      const { weights, labeled } = await weightsApi.readLabelWeights(store);
      assert.equal(labeled, 1);
      assert.ok(weights.isolationForest < BASE.isolationForest && weights.residual < BASE.residual);
    });

    it('never fails the query when recording fails', async () => {
      const record = weightsApi.storeAnomalyRecorder(async () => {
        throw new Error('the store is read-only');
      });
      await record({ dataSourceInstanceSettings: instanceSettings() }, [
        { id: 'x', seriesLabels: {}, expr: null, startedAt: T0, endedAt: null, score: 90, detector: null },
      ]);
    });
  });
}
