/** `GET audit`: the trail of every change, newest first, filterable by item and actor. */
import { z } from 'zod';

import { jsonResponse } from '../http';
import { paging, parseQuery, text } from '../validation';
import type { RouteTable } from './route';

const auditQuery = z.object({
  itemKind: z.enum(['incident', 'anomaly', 'settings'], { error: 'must be incident, anomaly or settings' }).optional(),
  itemId: text(512).optional(),
  actor: text(512).optional(),
  ...paging(100, 1000),
});

export function registerAuditRoutes(router: RouteTable): void {
  router.add('GET', 'audit', {
    access: 'viewer',
    handle: async (ctx) => jsonResponse(200, await ctx.store.listAudit(parseQuery(auditQuery, ctx.req))),
  });
}
