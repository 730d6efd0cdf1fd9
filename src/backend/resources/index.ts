/**
 * The data source's CallResource handler: the route table of src/backend/resources/README.md. Each request is
 * matched, authorised (role or webhook token), size-checked, then handed to its route with the data source's
 * store. Every failure answers `{ "message": ... }` with its status.
 */
import { isPluginError } from 'backend/grafana/errors';
import { log } from 'backend/grafana/logger';
import type { PluginContext } from 'backend/grafana/plugin-context';
import type { CallResourceHandler, CallResourceResponse } from 'backend/grafana/resource';
import type { WebhookTokenSetting } from 'backend/settings/store-settings';
import type { Store } from 'backend/store/store';
import { authorize } from './access';
import { errorResponse, HttpError } from './http';
import { Router } from './router';
import { registerAnomalyRoutes } from './routes/anomalies';
import { registerAuditRoutes } from './routes/audit';
import { registerIncidentRoutes } from './routes/incidents';
import { registerLabelRoutes } from './routes/labels';
import { DEFAULT_MAX_BODY_BYTES, type Route } from './routes/route';
import { registerSettingsRoutes } from './routes/settings';
import { registerSnapshotRoutes } from './routes/snapshot';
import { registerTransferRoutes } from './routes/transfer';
import { registerWebhookRoutes } from './routes/webhooks';
import type { RangeQuerier } from './snapshot/capture';
import { SnapshotService } from './snapshot/snapshot-service';
import { checkBodySize } from './validation';

export interface ResourceDeps {
  /** The data source's store (opened once per data source and settings version). */
  store(ctx: PluginContext): Promise<Store>;
  webhookToken(ctx: PluginContext): WebhookTokenSetting;
  /** The data source's Prometheus, for metrics snapshots; without it snapshots are off. */
  prometheus?(ctx: PluginContext): Promise<RangeQuerier>;
  now?: () => number;
}

export function buildRouter(): Router<Route> {
  const router = new Router<Route>();
  registerIncidentRoutes(router);
  registerTransferRoutes(router);
  registerLabelRoutes(router);
  registerSnapshotRoutes(router);
  registerAnomalyRoutes(router);
  registerAuditRoutes(router);
  registerSettingsRoutes(router);
  registerWebhookRoutes(router);
  return router;
}

export function buildResourceHandler(deps: ResourceDeps): CallResourceHandler {
  const router = buildRouter();
  const now = deps.now ?? Date.now;
  // One snapshot queue per store: a store is one data source at one settings version.
  const snapshotServices = new WeakMap<Store, SnapshotService>();
  const snapshotsFor = (store: Store, ctx: PluginContext): SnapshotService | undefined => {
    const prometheus = deps.prometheus;
    if (!prometheus) {
      return undefined;
    }
    let service = snapshotServices.get(store);
    if (!service) {
      service = new SnapshotService(store, () => prometheus(ctx), now);
      snapshotServices.set(store, service);
    }
    return service;
  };

  return async (req, callContext): Promise<CallResourceResponse> => {
    try {
      const { route, params } = router.match(req.method, req.path);
      const principal = authorize(route.access, req, () => deps.webhookToken(req.pluginContext), route.webhookActor);
      checkBodySize(req, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const store = await deps.store(req.pluginContext);
      return await route.handle({
        req,
        params,
        principal,
        store,
        snapshots: snapshotsFor(store, req.pluginContext),
        now,
        signal: callContext.signal,
      });
    } catch (err) {
      return errorAnswer(err, req.method, req.path);
    }
  };
}

function errorAnswer(err: unknown, method: string, path: string): CallResourceResponse {
  if (err instanceof HttpError) {
    return errorResponse(err.status, err.message, err.headers);
  }
  if (isPluginError(err)) {
    if (err.status >= 500) {
      log.warn('Resource request failed', { method, path, status: err.status, error: err.message });
    }
    return errorResponse(err.status, err.message);
  }
  // A bug of ours: log the details, answer without internals.
  log.error('Resource handler failed', {
    method,
    path,
    error: err instanceof Error ? (err.stack ?? err.message) : err,
  });
  return errorResponse(500, `internal error while handling ${method} ${path}; the plugin log has the details`);
}
