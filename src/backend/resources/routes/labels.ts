/**
 * Labels of incidents (root cause from the taxonomy, component, confidence, or a skip) and of anomalies
 * (verdict), written by Editors as themselves: the reviewer is always the signed-in Grafana user, never a field
 * of the request. Agreement statistics and the disagreement queue read them back.
 */
import { z } from 'zod';

import { agreementStats } from 'backend/store/agreement';
import { NotFoundError } from 'backend/store/errors';
import type { AnomalyLabelValues, IncidentLabelValues } from 'backend/store/store';
import { ANOMALY_VERDICTS, CONFIDENCES, rootCauseTaxonomy } from 'contract/labels';
import type { Disagreement, Items, LabelKind, LabelSaved } from 'contract/resources';
import { HttpError, jsonResponse } from '../http';
import { nullableText, parseBody, parseQuery, text } from '../validation';
import type { RouteContext, RouteTable } from './route';

const confidence = z.enum(CONFIDENCES, { error: `must be one of ${CONFIDENCES.join(', ')}` });

export const incidentLabelSchema = z.strictObject({
  rootCause: text(64).optional(),
  component: nullableText(512),
  confidence: confidence.optional(),
  skip: z.boolean({ error: 'must be true or false' }).optional(),
  note: nullableText(10_000),
});

const anomalyLabelSchema = z.strictObject({
  verdict: z.enum(ANOMALY_VERDICTS, { error: `must be one of ${ANOMALY_VERDICTS.join(', ')}` }).optional(),
  confidence: confidence.optional(),
  skip: z.boolean({ error: 'must be true or false' }).optional(),
  note: nullableText(10_000),
});

const kindQuery = z.object({
  kind: z.enum(['incident', 'anomaly'], { error: 'must be "incident" or "anomaly"' }).default('incident'),
});

function reviewer(ctx: RouteContext): string {
  // authorize() guarantees a login on editor routes; this keeps the type honest.
  if (!ctx.principal.login) {
    throw new HttpError(403, 'labels are written by signed-in Grafana users');
  }
  return ctx.principal.login;
}

/** Either a skip, or a category with a confidence: never both, never half of one. */
function checkSkipOrAnswer(skip: boolean | undefined, answer: string | undefined, field: string, conf: unknown) {
  if (skip) {
    if (answer !== undefined || conf !== undefined) {
      throw new HttpError(400, `invalid label: a skip carries no ${field} or confidence`);
    }
    return;
  }
  const missing = [answer === undefined ? field : undefined, conf === undefined ? 'confidence' : undefined].filter(
    Boolean
  );
  if (missing.length > 0) {
    throw new HttpError(400, `invalid label: ${missing.join(' and ')} required (or "skip": true)`);
  }
}

async function incidentLabelValues(ctx: RouteContext): Promise<IncidentLabelValues> {
  const input = parseBody(incidentLabelSchema, ctx.req);
  const taxonomy = input.skip ? [] : rootCauseTaxonomy((await ctx.store.getLabelingSettings()).rootCauseExtensions);
  return checkedIncidentLabel(input, taxonomy);
}

/**
 * The rules of an incident label beyond its schema (a skip or a root cause from `taxonomy` with a confidence), as
 * the values to store. Shared with the label import, so a file cannot hold what the form would refuse.
 * @throws HttpError 400
 */
export function checkedIncidentLabel(
  input: z.output<typeof incidentLabelSchema>,
  taxonomy: readonly string[]
): IncidentLabelValues {
  checkSkipOrAnswer(input.skip, input.rootCause, 'rootCause', input.confidence);
  if (input.skip) {
    return { rootCause: null, component: null, confidence: null, skipped: true, note: input.note ?? null };
  }
  if (!taxonomy.includes(input.rootCause!)) {
    throw new HttpError(400, `invalid label: rootCause "${input.rootCause}" is not one of ${taxonomy.join(', ')}`);
  }
  return {
    rootCause: input.rootCause!,
    component: input.component ?? null,
    confidence: input.confidence!,
    skipped: false,
    note: input.note ?? null,
  };
}

function anomalyLabelValues(ctx: RouteContext): AnomalyLabelValues {
  const input = parseBody(anomalyLabelSchema, ctx.req);
  checkSkipOrAnswer(input.skip, input.verdict, 'verdict', input.confidence);
  return input.skip
    ? { verdict: null, confidence: null, skipped: true, note: input.note ?? null }
    : { verdict: input.verdict!, confidence: input.confidence!, skipped: false, note: input.note ?? null };
}

export function registerLabelRoutes(router: RouteTable): void {
  router.add('GET', 'incidents/:id/labels', {
    access: 'viewer',
    handle: async (ctx) => jsonResponse(200, { items: await ctx.store.listIncidentLabels(ctx.params.id) }),
  });

  router.add('POST', 'incidents/:id/labels', {
    access: 'editor',
    handle: async (ctx) => {
      const values = await incidentLabelValues(ctx);
      const label = await ctx.store.putIncidentLabel(ctx.params.id, values, reviewer(ctx));
      const incident = await ctx.store.getIncident(ctx.params.id);
      if (!incident) {
        throw new NotFoundError(`incident ${ctx.params.id} not found`);
      }
      const saved: LabelSaved<typeof label> = { label, labeling: incident.labeling };
      return jsonResponse(200, saved);
    },
  });

  router.add('GET', 'anomalies/:id/labels', {
    access: 'viewer',
    handle: async (ctx) => jsonResponse(200, { items: await ctx.store.listAnomalyLabels(ctx.params.id) }),
  });

  router.add('POST', 'anomalies/:id/labels', {
    access: 'editor',
    handle: async (ctx) => {
      const label = await ctx.store.putAnomalyLabel(ctx.params.id, anomalyLabelValues(ctx), reviewer(ctx));
      const anomaly = await ctx.store.getAnomaly(ctx.params.id);
      if (!anomaly) {
        throw new NotFoundError(`anomaly ${ctx.params.id} not found`);
      }
      const saved: LabelSaved<typeof label> = { label, labeling: anomaly.labeling };
      return jsonResponse(200, saved);
    },
  });

  router.add('GET', 'labels/agreement', {
    access: 'viewer',
    handle: async (ctx) => {
      const { kind } = parseQuery(kindQuery, ctx.req);
      const [answers, settings] = await Promise.all([ctx.store.listAnswers(kind), ctx.store.getLabelingSettings()]);
      return jsonResponse(200, agreementStats(kind, answers, settings.reviewersPerItem));
    },
  });

  router.add('GET', 'labels/disagreements', {
    access: 'viewer',
    handle: async (ctx) => {
      const { kind } = parseQuery(kindQuery, ctx.req);
      const items = await ctx.store.listAnswers(kind as LabelKind, 'disagreement');
      const body: Items<Disagreement> = {
        items: items.map((item) => ({ kind, itemId: item.itemId, title: item.title, answers: item.answers })),
      };
      return jsonResponse(200, body);
    },
  });
}
