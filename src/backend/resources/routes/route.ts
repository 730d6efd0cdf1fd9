/** What a route is: who may call it, how big its body may be, and its handler over a prepared context. */
import type { CallResourceRequest, CallResourceResponse } from 'backend/grafana/resource';
import type { Store } from 'backend/store/store';
import type { Access, Principal } from '../access';
import type { Router } from '../router';
import type { SnapshotService } from '../snapshot/snapshot-service';

export interface RouteContext {
  req: CallResourceRequest;
  params: Record<string, string>;
  principal: Principal;
  store: Store;
  /** Captures metrics snapshots; absent when the data source has no Prometheus to ask. */
  snapshots?: SnapshotService;
  now: () => number;
  signal: AbortSignal;
}

export interface Route {
  access: Access;
  /** Largest request body accepted (413 beyond); default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  /** Audit actor of webhook routes, e.g. `webhook:alertmanager`. */
  webhookActor?: string;
  handle(ctx: RouteContext): Promise<CallResourceResponse>;
}

export type RouteTable = Router<Route>;

/** Plenty for any label, patch or settings document. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
/** Alertmanager groups can carry hundreds of alerts with long annotations. */
export const WEBHOOK_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Below gRPC's 16 MiB message limit, with room for the rest of the request. */
export const IMPORT_MAX_BODY_BYTES = 15 * 1024 * 1024;
