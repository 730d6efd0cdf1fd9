/** `POST incidents/:id/snapshot`: capture the configured expressions around the incident now (Editor). */
import { HttpError, jsonResponse } from '../http';
import type { RouteTable } from './route';

export function registerSnapshotRoutes(router: RouteTable): void {
  router.add('POST', 'incidents/:id/snapshot', {
    access: 'editor',
    handle: async (ctx) => {
      if (!ctx.snapshots) {
        throw new HttpError(409, 'no Prometheus configured for this data source: set jsonData.prometheusUrl');
      }
      return jsonResponse(200, await ctx.snapshots.captureNow(ctx.params.id, ctx.principal.actor, ctx.signal));
    },
  });
}
