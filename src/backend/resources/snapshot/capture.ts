/**
 * The metrics around an incident: every configured PromQL expression from one hour before the start to one
 * hour after the end (or up to now while that hour is still running), at a step that keeps each series small
 * enough to store with the incident. One failing expression does not spoil the others: its error is recorded.
 */
import type { RangeQueryResult } from 'backend/prometheus/client';
import type { CapturedQuery, MetricsCapture, SnapshotQuery } from 'contract/resources';

export const HOUR_MS = 3_600_000;
/** Points per series we keep: a minute resolution over 12 hours. */
const MAX_POINTS = 720;
/** Series per expression we keep; a snapshot is context for a labeler, not a metrics archive. */
export const MAX_SERIES_PER_QUERY = 50;
const MIN_STEP_SECONDS = 15;

export interface RangeQuerier {
  queryRange(
    expr: string,
    startMs: number,
    endMs: number,
    stepSeconds: number,
    signal?: AbortSignal
  ): Promise<RangeQueryResult>;
}

export interface IncidentWindow {
  startedAt: number;
  endedAt: number | null;
}

export function captureWindow(incident: IncidentWindow, now: number): { from: number; to: number; complete: boolean } {
  const from = incident.startedAt - HOUR_MS;
  const wanted = (incident.endedAt ?? now) + HOUR_MS;
  return {
    from,
    to: Math.max(from + 1000, Math.min(wanted, now)),
    complete: incident.endedAt !== null && now >= wanted,
  };
}

/** A multiple of 15 s that keeps the window within MAX_POINTS. */
export function captureStep(from: number, to: number): number {
  const seconds = Math.ceil((to - from) / 1000 / MAX_POINTS);
  return Math.max(MIN_STEP_SECONDS, Math.ceil(seconds / MIN_STEP_SECONDS) * MIN_STEP_SECONDS);
}

export async function captureMetrics(
  client: RangeQuerier,
  queries: readonly SnapshotQuery[],
  incident: IncidentWindow,
  now: number,
  signal?: AbortSignal
): Promise<MetricsCapture> {
  const { from, to, complete } = captureWindow(incident, now);
  const stepSeconds = captureStep(from, to);
  const captured = await Promise.all(
    queries.map(async ({ name, expr }): Promise<CapturedQuery> => {
      try {
        const result = await client.queryRange(expr, from, to, stepSeconds, signal);
        const kept = result.series.slice(0, MAX_SERIES_PER_QUERY);
        return {
          name,
          expr,
          series: kept.map((series) => ({
            labels: series.labels,
            timestamps: Array.from(series.timestamps),
            // NaN is "no value": null in JSON, like the frames we answer panels with.
            values: Array.from(series.values, (v) => (Number.isNaN(v) ? null : v)),
          })),
          ...(result.series.length > kept.length ? { omittedSeries: result.series.length - kept.length } : {}),
        };
      } catch (err) {
        if (signal?.aborted) {
          throw err;
        }
        return { name, expr, series: [], error: err instanceof Error ? err.message : String(err) };
      }
    })
  );
  return { capturedAt: now, from, to, stepSeconds, complete, queries: captured };
}
