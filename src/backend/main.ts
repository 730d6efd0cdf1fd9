/**
 * Entry point of the data source's backend executable: wires the protocol runtime to our handlers. Nothing
 * else belongs here; each handler lives in its own module.
 */
import { InstanceManager, log, serve } from 'backend/grafana';
import { createPrometheusClient } from 'backend/prometheus/from-settings';
import type { PrometheusClient } from 'backend/prometheus/client';
import { checkHealthHandler } from 'backend/health';
import {
  buildQueryMux,
  defaultAnomalyScoring,
  type PrometheusClientProvider,
  storeAnomalyRecorder,
  storeDetectorWeights,
} from 'backend/query';
import { buildResourceHandler } from 'backend/resources';
import { parseTraceoSettings } from 'backend/settings/parse-settings';
import { parseStorageSettings, readWebhookToken } from 'backend/settings/store-settings';
import { openStore, type Store } from 'backend/store';

/** One Prometheus client (and its connection pool) per data source, rebuilt when its settings change. */
const prometheusClients = new InstanceManager<PrometheusClient>(
  (settings) => createPrometheusClient(parseTraceoSettings(settings)),
  (client) => client.close()
);
const clientFor: PrometheusClientProvider = (ctx) => prometheusClients.get(ctx);

/** One store (SQLite file or PostgreSQL pool) per data source, reopened when its settings change. */
const stores = new InstanceManager<Store>(
  (settings, ctx) => openStore(parseStorageSettings(settings, ctx.orgId)),
  (store) => store.close()
);

/** Labeled anomalies re-weight the detectors of their data source (validated precision). */
const detectorWeights = storeDetectorWeights((ctx) => stores.get(ctx));
/** … and the anomalies every anomaly query detects queue up for those labels. */
const recordAnomalies = storeAnomalyRecorder((ctx) => stores.get(ctx));

/** Anomaly series are scored in worker threads (started on first use), so the gRPC server never waits on them. */
const anomalyScoring = defaultAnomalyScoring();

serve(
  {
    queryData: buildQueryMux(clientFor, { anomalyScoring, detectorWeights, recordAnomalies }).queryData,
    checkHealth: checkHealthHandler(clientFor),
    callResource: buildResourceHandler({
      store: (ctx) => stores.get(ctx),
      webhookToken: (ctx) =>
        ctx.dataSourceInstanceSettings ? readWebhookToken(ctx.dataSourceInstanceSettings) : { state: 'missing' },
      prometheus: clientFor,
    }),
  },
  {
    onShutdown: async () => {
      await Promise.all([prometheusClients.disposeAll(), stores.disposeAll(), anomalyScoring.close()]);
    },
  }
).catch((err: unknown) => {
  log.error('Backend failed to start', { error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
