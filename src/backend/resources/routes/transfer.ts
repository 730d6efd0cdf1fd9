/**
 * `GET incidents/export?format=json|csv` and `POST incidents/import?format=json|csv`, both in the generic format
 * (incident-records.ts). An import is all or nothing: every record is validated first and then stored in one
 * transaction, so a bad line never leaves half a file behind.
 */
import { z } from 'zod';

import { EXPORT_FORMATS, type ExportFormat, type Incident } from 'contract/resources';
import { fileResponse, header, HttpError, queryOf } from '../http';
import { csvToRecords, recordsToCsv, toRecord } from '../incident-records';
import { issuesMessage, parseQuery, readJson } from '../validation';
import { genericEvent, genericIncidentSchema, genericRecords } from '../webhooks/generic';
import { incidentFiltersSchema } from './incidents';
import { ingestAndAnswer } from './ingest';
import { IMPORT_MAX_BODY_BYTES, type RouteContext, type RouteTable } from './route';

const PAGE = 500;
/** An export is one response: beyond this, filter by time. */
const MAX_EXPORT = 100_000;
const MAX_REPORTED_ERRORS = 20;

const exportQuery = z.object({ format: z.string().optional(), ...incidentFiltersSchema });

function formatOf(ctx: RouteContext, fallback: ExportFormat | undefined): ExportFormat {
  const requested = queryOf(ctx.req).get('format')?.trim().toLowerCase();
  const format = requested || fallback;
  if (!format) {
    throw new HttpError(400, `say which format: ?format=${EXPORT_FORMATS.join(' or ?format=')}`);
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new HttpError(400, `unknown format "${format.slice(0, 32)}": use ${EXPORT_FORMATS.join(' or ')}`);
  }
  return format as ExportFormat;
}

/** For the import, the Content-Type says the format when the query string does not. */
function formatFromContentType(ctx: RouteContext): ExportFormat | undefined {
  const type = header(ctx.req, 'Content-Type')?.toLowerCase() ?? '';
  if (type.includes('csv')) {
    return 'csv';
  }
  return type.includes('json') ? 'json' : undefined;
}

export function registerTransferRoutes(router: RouteTable): void {
  router.add('GET', 'incidents/export', {
    access: 'viewer',
    handle: async (ctx) => {
      const format = formatOf(ctx, 'json');
      const q = parseQuery(exportQuery, ctx.req);
      const filters = { status: q.status, source: q.source, service: q.service, from: q.from, to: q.to };
      const incidents: Incident[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await ctx.store.listIncidents({ ...filters, order: 'oldest', limit: PAGE, offset });
        incidents.push(...page.items);
        if (page.items.length < PAGE || offset + PAGE >= page.total) {
          break;
        }
        if (incidents.length >= MAX_EXPORT) {
          throw new HttpError(413, `more than ${MAX_EXPORT} incidents match: narrow the export with from/to`);
        }
      }
      const records = incidents.map(toRecord);
      const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
      return format === 'csv'
        ? fileResponse('text/csv; charset=utf-8', `traceo-incidents-${stamp}.csv`, recordsToCsv(records))
        : fileResponse(
            'application/json',
            `traceo-incidents-${stamp}.json`,
            JSON.stringify({ version: 1, exportedAt: new Date(ctx.now()).toISOString(), incidents: records })
          );
    },
  });

  router.add('POST', 'incidents/import', {
    access: 'editor',
    maxBodyBytes: IMPORT_MAX_BODY_BYTES,
    handle: async (ctx) => {
      const format = formatOf(ctx, formatFromContentType(ctx));
      const raw = format === 'csv' ? csvToRecords(ctx.req.body.toString('utf8')) : genericRecords(readJson(ctx.req));
      const errors: string[] = [];
      const events = raw.flatMap((record, i) => {
        const parsed = genericIncidentSchema.safeParse(record);
        if (!parsed.success) {
          errors.push(issuesMessage(parsed.error, `record ${i + 1}`));
          return [];
        }
        return [genericEvent(parsed.data, { defaultSource: 'generic' })];
      });
      if (errors.length > 0) {
        const shown = errors.slice(0, MAX_REPORTED_ERRORS).join('\n');
        const more = errors.length > MAX_REPORTED_ERRORS ? `\n… and ${errors.length - MAX_REPORTED_ERRORS} more` : '';
        throw new HttpError(
          400,
          `nothing imported, ${errors.length} of ${raw.length} records are invalid:\n${shown}${more}`
        );
      }
      return ingestAndAnswer(ctx, events, 0);
    },
  });
}
