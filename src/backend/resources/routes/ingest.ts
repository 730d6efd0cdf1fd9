/** Events → store → the IngestResult every ingesting route answers with. */
import type { CallResourceResponse } from 'backend/grafana/resource';
import type { IncidentEvent } from 'backend/store/store';
import type { IngestResult } from 'contract/resources';
import { jsonResponse } from '../http';
import type { RouteContext } from './route';

export async function ingestAndAnswer(
  ctx: RouteContext,
  events: IncidentEvent[],
  ignored: number
): Promise<CallResourceResponse> {
  const outcomes = await ctx.store.ingestIncidents(events, ctx.principal.actor);
  const count = (outcome: string) => outcomes.filter((o) => o.outcome === outcome).length;
  const result: IngestResult = {
    received: events.length + ignored,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    ignored,
    incidents: outcomes,
  };
  // Capture metrics for what is new or newly resolved; never delays or fails the acknowledgement.
  ctx.snapshots?.schedule(
    outcomes.filter((o) => o.outcome !== 'unchanged').map((o) => o.id),
    ctx.principal.actor
  );
  return jsonResponse(result.created > 0 ? 201 : 200, result);
}
