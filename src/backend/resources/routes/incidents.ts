/** Incident CRUD: list and read (Viewer), create and correct (Editor), delete (Admin). */
import { z } from 'zod';

import { NotFoundError } from 'backend/store/errors';
import { LABEL_STATES } from 'contract/labels';
import { INCIDENT_SOURCES, INCIDENT_STATUSES, type IncidentPatch } from 'contract/resources';
import { jsonResponse } from '../http';
import {
  instant,
  nullableText,
  numberLike,
  paging,
  parseBody,
  parseQuery,
  parseWith,
  readJson,
  text,
} from '../validation';
import { LabelQueue } from '../label-queue';
import { genericEvent, genericIncidentSchema, genericRecords } from '../webhooks/generic';
import { ingestAndAnswer } from './ingest';
import type { RouteTable } from './route';

const MAX_CREATE_BATCH = 1000;

export const incidentFiltersSchema = {
  status: z.enum(INCIDENT_STATUSES, { error: 'must be "firing" or "resolved"' }).optional(),
  source: z.enum(INCIDENT_SOURCES, { error: `must be one of ${INCIDENT_SOURCES.join(', ')}` }).optional(),
  service: text(512).optional(),
  from: instant.optional(),
  to: instant.optional(),
};

const listQuery = z.object({
  ...incidentFiltersSchema,
  q: text(200).optional(),
  labelState: z.enum(LABEL_STATES, { error: `must be one of ${LABEL_STATES.join(', ')}` }).optional(),
  /** `me` (the caller's personal queue) or nothing. */
  notReviewedBy: z.literal('me', { error: 'must be "me"' }).optional(),
  /** `learning`: most informative to label first (LabelQueue); the default of the queues that still need labels. */
  order: z.enum(['newest', 'oldest', 'learning'], { error: 'must be "newest", "oldest" or "learning"' }).optional(),
  ...paging(50, 500),
});

const patchSchema = z
  .strictObject(
    {
      title: text(1024).trim().min(1, { error: 'must not be empty' }).optional(),
      status: z.enum(INCIDENT_STATUSES, { error: 'must be "firing" or "resolved"' }).optional(),
      service: nullableText(512),
      severity: nullableText(64),
      endedAt: instant.nullable().optional(),
      impactUsers: numberLike(z.number().int({ error: 'must be a whole number' }).min(0).nullable().optional()),
      reportedRootCause: nullableText(10_000),
      contributingFactors: z.array(text(10_000)).max(1000).optional(),
      resolutionAction: nullableText(100_000),
      prevention: nullableText(100_000),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `cannot be changed: ${issue.keys.join(', ')}` : undefined,
    }
  )
  .refine((patch) => Object.keys(patch).length > 0, { error: 'names no field to change' });

/** A queue of incidents still waiting for labels: there the order that teaches the models most is the default. */
function needsLabels(q: z.infer<typeof listQuery>): boolean {
  return q.labelState === 'unlabeled' || q.labelState === 'partial' || q.notReviewedBy === 'me';
}

export function registerIncidentRoutes(router: RouteTable): void {
  router.add('GET', 'incidents', {
    access: 'viewer',
    handle: async (ctx) => {
      const q = parseQuery(listQuery, ctx.req);
      const filters = {
        status: q.status,
        source: q.source,
        service: q.service,
        from: q.from,
        to: q.to,
        search: q.q,
        labelState: q.labelState,
        notReviewedBy: q.notReviewedBy === 'me' ? ctx.principal.actor : undefined,
      };
      const order = q.order ?? (needsLabels(q) ? 'learning' : 'newest');
      const page =
        order === 'learning'
          ? await new LabelQueue(ctx.store).page(filters, q.limit, q.offset)
          : await ctx.store.listIncidents({ ...filters, order, limit: q.limit, offset: q.offset });
      return jsonResponse(200, page);
    },
  });

  router.add('POST', 'incidents', {
    access: 'editor',
    handle: async (ctx) => {
      const records = genericRecords(readJson(ctx.req));
      if (records.length > MAX_CREATE_BATCH) {
        return jsonResponse(413, {
          message: `at most ${MAX_CREATE_BATCH} incidents per request; use incidents/import`,
        });
      }
      const events = records.map((record, i) =>
        genericEvent(parseWith(genericIncidentSchema, record, records.length > 1 ? `incident #${i + 1}` : 'incident'), {
          forceSource: 'manual',
        })
      );
      return ingestAndAnswer(ctx, events, 0);
    },
  });

  router.add('GET', 'incidents/:id', {
    access: 'viewer',
    handle: async (ctx) => {
      const incident = await ctx.store.getIncident(ctx.params.id);
      if (!incident) {
        throw new NotFoundError(`incident ${ctx.params.id} not found`);
      }
      return jsonResponse(200, incident);
    },
  });

  router.add('PATCH', 'incidents/:id', {
    access: 'editor',
    handle: async (ctx) => {
      const patch: IncidentPatch = parseBody(patchSchema, ctx.req);
      return jsonResponse(200, await ctx.store.updateIncident(ctx.params.id, patch, ctx.principal.actor));
    },
  });

  router.add('DELETE', 'incidents/:id', {
    access: 'admin',
    handle: async (ctx) => {
      await ctx.store.deleteIncident(ctx.params.id, ctx.principal.actor);
      return { status: 204 };
    },
  });
}
