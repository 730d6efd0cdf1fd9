/**
 * Detected anomalies offered for labeling. Recording them is internal (Grafana's own calls, e.g. a scheduled
 * detector, or an Editor); re-recording the same onset is idempotent.
 */
import { z } from 'zod';

import { NotFoundError } from 'backend/store/errors';
import { derivedAnomalyId, URL_SAFE_ID } from 'backend/store/ids';
import { LABEL_STATES } from 'contract/labels';
import { jsonResponse } from '../http';
import { instant, nullableText, paging, parseQuery, parseWith, readJson, stringMap, text } from '../validation';
import type { RouteTable } from './route';

const MAX_BATCH = 1000;

const anomalySchema = z.object({
  id: text(128).regex(URL_SAFE_ID, { error: 'may only contain letters, digits, ".", "_", "~" and "-"' }).optional(),
  seriesLabels: stringMap(100, 4096),
  expr: nullableText(10_000),
  startedAt: instant,
  endedAt: instant.nullable().optional(),
  score: z.number().min(0).max(100).nullable().optional(),
  detector: nullableText(128),
});

const listQuery = z.object({
  labelState: z.enum(LABEL_STATES, { error: `must be one of ${LABEL_STATES.join(', ')}` }).optional(),
  notReviewedBy: z.literal('me', { error: 'must be "me"' }).optional(),
  from: instant.optional(),
  to: instant.optional(),
  order: z.enum(['newest', 'oldest']).optional(),
  ...paging(50, 500),
});

export function registerAnomalyRoutes(router: RouteTable): void {
  router.add('GET', 'anomalies', {
    access: 'viewer',
    handle: async (ctx) => {
      const q = parseQuery(listQuery, ctx.req);
      return jsonResponse(
        200,
        await ctx.store.listAnomalies({
          labelState: q.labelState,
          notReviewedBy: q.notReviewedBy === 'me' ? ctx.principal.actor : undefined,
          from: q.from,
          to: q.to,
          order: q.order,
          limit: q.limit,
          offset: q.offset,
        })
      );
    },
  });

  router.add('POST', 'anomalies', {
    access: 'internal',
    handle: async (ctx) => {
      const body = readJson(ctx.req);
      const list = Array.isArray(body) ? body : [body];
      if (list.length > MAX_BATCH) {
        return jsonResponse(413, { message: `at most ${MAX_BATCH} anomalies per request` });
      }
      const inputs = list.map((item, i) => {
        const a = parseWith(anomalySchema, item, list.length > 1 ? `anomaly #${i + 1}` : 'anomaly');
        const expr = a.expr ?? null;
        return {
          id: a.id ?? derivedAnomalyId(expr, a.seriesLabels, a.startedAt),
          seriesLabels: a.seriesLabels,
          expr,
          startedAt: a.startedAt,
          endedAt: a.endedAt ?? null,
          score: a.score ?? null,
          detector: a.detector ?? null,
        };
      });
      const outcomes = await ctx.store.upsertAnomalies(inputs, ctx.principal.actor);
      return jsonResponse(outcomes.some((o) => o.outcome === 'created') ? 201 : 200, { items: outcomes });
    },
  });

  router.add('GET', 'anomalies/:id', {
    access: 'viewer',
    handle: async (ctx) => {
      const anomaly = await ctx.store.getAnomaly(ctx.params.id);
      if (!anomaly) {
        throw new NotFoundError(`anomaly ${ctx.params.id} not found`);
      }
      return jsonResponse(200, anomaly);
    },
  });
}
