/**
 * `POST webhooks/<format>`: incident ingestion from Grafana Alerting, Alertmanager, PagerDuty (v3) and the
 * generic format. Authenticated by the webhook token, idempotent by incident id (see incident-merge.ts).
 */
import { WEBHOOK_FORMATS, type WebhookFormat } from 'contract/resources';
import { HttpError } from '../http';
import { parseBody, parseWith, readJson } from '../validation';
import { alertmanagerEvents, alertmanagerSchema } from '../webhooks/alertmanager';
import { genericEvent, genericIncidentSchema, genericRecords } from '../webhooks/generic';
import { grafanaEvents, grafanaSchema } from '../webhooks/grafana';
import { pagerdutyEvents, pagerdutySchema } from '../webhooks/pagerduty';
import type { ParsedWebhook } from '../webhooks/parsed-webhook';
import { ingestAndAnswer } from './ingest';
import { WEBHOOK_MAX_BODY_BYTES, type RouteContext, type RouteTable } from './route';

/** Largest generic batch in one delivery: bigger sets belong in the import. */
const MAX_GENERIC_BATCH = 1000;

const parsers: Record<WebhookFormat, (ctx: RouteContext) => ParsedWebhook> = {
  grafana: (ctx) => grafanaEvents(parseBody(grafanaSchema, ctx.req), ctx.now()),
  alertmanager: (ctx) => alertmanagerEvents(parseBody(alertmanagerSchema, ctx.req), ctx.now()),
  pagerduty: (ctx) => pagerdutyEvents(parseBody(pagerdutySchema, ctx.req), ctx.now()),
  generic: (ctx) => {
    const records = genericRecords(readJson(ctx.req));
    if (records.length > MAX_GENERIC_BATCH) {
      throw new HttpError(413, `at most ${MAX_GENERIC_BATCH} incidents per delivery; use incidents/import for more`);
    }
    const events = records.map((record, i) =>
      genericEvent(parseWith(genericIncidentSchema, record, records.length > 1 ? `incident #${i + 1}` : 'incident'), {
        forceSource: 'generic',
      })
    );
    return { events, ignored: 0 };
  },
};

export function registerWebhookRoutes(router: RouteTable): void {
  for (const format of WEBHOOK_FORMATS) {
    router.add('POST', `webhooks/${format}`, {
      access: 'webhook',
      webhookActor: `webhook:${format}`,
      maxBodyBytes: WEBHOOK_MAX_BODY_BYTES,
      handle: async (ctx) => {
        const { events, ignored } = parsers[format](ctx);
        return ingestAndAnswer(ctx, events, ignored);
      },
    });
  }
  router.add('POST', 'webhooks/:format', {
    access: 'webhook',
    handle: async (ctx) => {
      throw new HttpError(
        404,
        `unknown webhook format "${ctx.params.format}": use one of ${WEBHOOK_FORMATS.join(', ')}`
      );
    },
  });
}
