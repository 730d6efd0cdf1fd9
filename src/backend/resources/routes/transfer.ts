/**
 * Export and import in the generic format (incident-records.ts) with the reviewers' labels (label-records.ts):
 *
 * - `GET incidents/export?format=json` — one document `{ version: 2, exportedAt, incidents, labels }`;
 *   `?format=csv` — the incidents only (one row per incident);
 * - `GET labels/export?format=csv|json` — the labels of the same incidents (one row per label), the CSV
 *   companion of the incidents file;
 * - `POST incidents/import` takes either file (a JSON document's `labels` come along), `POST labels/import` a
 *   labels file once its incidents are stored.
 *
 * An import is all or nothing: every record is validated first and then stored in one transaction, so a bad line
 * never leaves half a file behind; importing the same file twice changes nothing.
 */
import { z } from 'zod';

import { NotFoundError } from 'backend/store/errors';
import type { ImportedIncidentLabel, IncidentEvent } from 'backend/store/store';
import { rootCauseTaxonomy } from 'contract/labels';
import { EXPORT_FORMATS, type ExportFormat, type ImportResult, type Incident } from 'contract/resources';
import { fileResponse, header, HttpError, jsonResponse, queryOf } from '../http';
import { csvToRecords, recordsToCsv, toRecord } from '../incident-records';
import { csvToLabelRecords, importedLabel, labelsToCsv, toLabelRecord, type ExportedLabel } from '../label-records';
import { issuesMessage, parseQuery, readJson } from '../validation';
import { genericEvent, genericIncidentSchema, genericRecords } from '../webhooks/generic';
import { incidentFiltersSchema } from './incidents';
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

/** The incidents an export covers, oldest first. */
async function exportedIncidents(ctx: RouteContext): Promise<Incident[]> {
  const q = parseQuery(exportQuery, ctx.req);
  const filters = { status: q.status, source: q.source, service: q.service, from: q.from, to: q.to };
  const incidents: Incident[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await ctx.store.listIncidents({ ...filters, order: 'oldest', limit: PAGE, offset });
    incidents.push(...page.items);
    if (page.items.length < PAGE || offset + PAGE >= page.total) {
      return incidents;
    }
    if (incidents.length >= MAX_EXPORT) {
      throw new HttpError(413, `more than ${MAX_EXPORT} incidents match: narrow the export with from/to`);
    }
  }
}

async function exportedLabels(ctx: RouteContext, incidents: readonly Incident[]): Promise<ExportedLabel[]> {
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const labels = await ctx.store.listLabelsOfIncidents(incidents.map((incident) => incident.id));
  return labels.map((label) => toLabelRecord(label, byId.get(label.incidentId)!));
}

function refuse(errors: readonly string[], received: number, what: string): never {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS).join('\n');
  const more = errors.length > MAX_REPORTED_ERRORS ? `\n… and ${errors.length - MAX_REPORTED_ERRORS} more` : '';
  throw new HttpError(400, `nothing imported, ${errors.length} of ${received} ${what} are invalid:\n${shown}${more}`);
}

function incidentEvents(raw: readonly unknown[]): IncidentEvent[] {
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
    refuse(errors, raw.length, 'records');
  }
  return events;
}

/**
 * Imported labels are answers in other reviewers' names, and they count towards consensus and agreement: writing
 * them in bulk is an Admin's decision (like deleting incidents), while an Editor may still import incidents alone.
 */
function checkMayImportLabels(ctx: RouteContext): void {
  const user = ctx.req.pluginContext.user;
  if (String(user?.role).toLowerCase() !== 'admin') {
    throw new HttpError(
      403,
      `importing labels in other reviewers' names needs the Admin role; ${user?.login ?? 'the caller'} has ` +
        `${user?.role || 'no role'}: import the incidents without their labels, or ask an Admin`
    );
  }
}

async function importedLabels(ctx: RouteContext, raw: readonly unknown[]): Promise<ImportedIncidentLabel[]> {
  if (raw.length === 0) {
    return [];
  }
  checkMayImportLabels(ctx);
  const taxonomy = rootCauseTaxonomy((await ctx.store.getLabelingSettings()).rootCauseExtensions);
  const errors: string[] = [];
  const labels = raw.flatMap((record, i) => {
    const label = importedLabel(record, taxonomy, `label ${i + 1}`);
    if ('problem' in label) {
      errors.push(label.problem);
      return [];
    }
    return [label];
  });
  if (errors.length > 0) {
    refuse(errors, raw.length, 'labels');
  }
  return labels;
}

/** A JSON import's labels: the `labels` list of our export document, if any. */
function jsonLabels(body: unknown): unknown[] {
  const labels = body !== null && typeof body === 'object' ? (body as { labels?: unknown }).labels : undefined;
  if (labels === undefined) {
    return [];
  }
  if (!Array.isArray(labels)) {
    throw new HttpError(400, 'invalid request body: labels: must be a list of label records');
  }
  return labels;
}

async function importAndAnswer(ctx: RouteContext, events: IncidentEvent[], labels: ImportedIncidentLabel[]) {
  let outcome;
  try {
    outcome = await ctx.store.importIncidents(events, labels, ctx.principal.actor);
  } catch (error) {
    if (error instanceof NotFoundError) {
      // A label whose incident is neither stored nor in the file: the caller's input, not a missing resource.
      throw new HttpError(400, `nothing imported: ${error.message}; import its incident first`);
    }
    throw error;
  }
  const count = (outcomes: ReadonlyArray<{ outcome: string } | string>, wanted: string) =>
    outcomes.filter((o) => (typeof o === 'string' ? o : o.outcome) === wanted).length;
  const result: ImportResult = {
    received: events.length,
    created: count(outcome.incidents, 'created'),
    updated: count(outcome.incidents, 'updated'),
    unchanged: count(outcome.incidents, 'unchanged'),
    ignored: 0,
    incidents: outcome.incidents,
    labels: {
      received: labels.length,
      created: count(outcome.labels, 'created'),
      updated: count(outcome.labels, 'updated'),
      unchanged: count(outcome.labels, 'unchanged'),
    },
  };
  // Capture metrics for what is new or newly resolved; never delays or fails the acknowledgement.
  ctx.snapshots?.schedule(
    outcome.incidents.filter((o) => o.outcome !== 'unchanged').map((o) => o.id),
    ctx.principal.actor
  );
  const created = result.created + result.labels.created > 0;
  return jsonResponse(created ? 201 : 200, result);
}

export function registerTransferRoutes(router: RouteTable): void {
  router.add('GET', 'incidents/export', {
    access: 'viewer',
    handle: async (ctx) => {
      const format = formatOf(ctx, 'json');
      const incidents = await exportedIncidents(ctx);
      const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
      if (format === 'csv') {
        const csv = recordsToCsv(incidents.map(toRecord));
        return fileResponse('text/csv; charset=utf-8', `traceo-incidents-${stamp}.csv`, csv);
      }
      const document = {
        version: 2,
        exportedAt: new Date(ctx.now()).toISOString(),
        incidents: incidents.map(toRecord),
        labels: await exportedLabels(ctx, incidents),
      };
      return fileResponse('application/json', `traceo-incidents-${stamp}.json`, JSON.stringify(document));
    },
  });

  router.add('GET', 'labels/export', {
    access: 'viewer',
    handle: async (ctx) => {
      const format = formatOf(ctx, 'csv');
      const labels = await exportedLabels(ctx, await exportedIncidents(ctx));
      const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
      return format === 'csv'
        ? fileResponse('text/csv; charset=utf-8', `traceo-labels-${stamp}.csv`, labelsToCsv(labels))
        : fileResponse(
            'application/json',
            `traceo-labels-${stamp}.json`,
            JSON.stringify({ version: 2, exportedAt: new Date(ctx.now()).toISOString(), labels })
          );
    },
  });

  router.add('POST', 'incidents/import', {
    access: 'editor',
    maxBodyBytes: IMPORT_MAX_BODY_BYTES,
    handle: async (ctx) => {
      const format = formatOf(ctx, formatFromContentType(ctx));
      if (format === 'csv') {
        return importAndAnswer(ctx, incidentEvents(csvToRecords(ctx.req.body.toString('utf8'))), []);
      }
      const body = readJson(ctx.req);
      const events = incidentEvents(genericRecords(body));
      return importAndAnswer(ctx, events, await importedLabels(ctx, jsonLabels(body)));
    },
  });

  router.add('POST', 'labels/import', {
    access: 'editor',
    maxBodyBytes: IMPORT_MAX_BODY_BYTES,
    handle: async (ctx) => {
      const format = formatOf(ctx, formatFromContentType(ctx));
      const raw = format === 'csv' ? csvToLabelRecords(ctx.req.body.toString('utf8')) : labelList(readJson(ctx.req));
      return importAndAnswer(ctx, [], await importedLabels(ctx, raw));
    },
  });
}

/** A labels JSON file: our `{ labels: [...] }` document (an incidents export works too) or a bare list. */
function labelList(body: unknown): unknown[] {
  return Array.isArray(body) ? body : jsonLabels(body);
}
