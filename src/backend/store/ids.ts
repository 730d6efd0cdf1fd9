/**
 * Stable ids. An incident's id is derived from its source and the sender's id, so the same incident gets the
 * same id in every store (an export re-imported into PostgreSQL keeps its URLs) and redeliveries cannot
 * duplicate it. Sender ids are arbitrary text; the derived id is always URL-safe, because Grafana decodes
 * resource paths before the plugin sees them (a `/` or `?` inside an id would change the route).
 */
import { createHash } from 'node:crypto';

import type { IncidentSource } from 'contract/resources';

/** 96 bits: collisions are out of reach for any incident history. */
const HASH_CHARS = 24;

/** What a caller-chosen id (anomalies) may contain: unreserved URL characters only. */
export const URL_SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/;

function digest(parts: readonly string[]): string {
  const hash = createHash('sha256');
  // NUL cannot occur in the parts (input validation refuses it), so the concatenation is unambiguous.
  hash.update(parts.join('\0'));
  return hash.digest('hex').slice(0, HASH_CHARS);
}

export function incidentId(source: IncidentSource, externalId: string): string {
  return `inc_${digest([source, externalId])}`;
}

/** An anomaly's id when the detector gave none: the same onset of the same series is the same anomaly. */
export function derivedAnomalyId(expr: string | null, seriesLabels: Record<string, string>, startedAt: number): string {
  const labels = Object.keys(seriesLabels)
    .sort()
    .map((key) => `${key}=${seriesLabels[key]}`);
  return `ano_${digest([expr ?? '', ...labels, String(startedAt)])}`;
}
