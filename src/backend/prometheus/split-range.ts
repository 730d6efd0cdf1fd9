/**
 * A long range query split in time into a few sub-ranges that Prometheus evaluates concurrently.
 *
 * Prometheus evaluates one range query on one goroutine and serialises its whole answer before the first byte
 * leaves, so for a big panel (100 series × 1,440 steps) we wait for all of its work and only then start decoding.
 * Split on step boundaries, the parts are evaluated at exactly the timestamps the single query would use (each
 * step of a range query is an independent instant evaluation), so their union is the same answer: while we decode
 * one part Prometheus is still working on the next. Query frontends (Thanos, Mimir, Loki) split by time for the
 * same reason. Small queries are not split: the extra round trip and index lookup would cost more than it saves.
 */
import { labelKey, type Labels, type PromSeries, sortedLabelPairs } from './samples';
import type { RangeQueryResult } from './client';

/** Steps below which a query runs whole. */
export const MIN_STEPS_PER_PART = 360;
/** At most this many parts, at most CONCURRENCY of them in flight: gentle on a shared Prometheus. */
export const MAX_PARTS = 4;
const CONCURRENCY = 2;

export type RangeQuery = (startMs: number, endMs: number, signal?: AbortSignal) => Promise<RangeQueryResult>;

/** How many parts a range of `steps` evaluation steps is split into. */
export function partCount(steps: number): number {
  return Math.max(1, Math.min(MAX_PARTS, Math.floor(steps / MIN_STEPS_PER_PART)));
}

/** Step-aligned [startMs, endMs] parts covering the range, in time order. */
export function splitRange(startMs: number, endMs: number, stepMs: number): Array<[number, number]> {
  const steps = Math.floor((endMs - startMs) / stepMs) + 1;
  const parts = partCount(steps);
  const out: Array<[number, number]> = [];
  for (let p = 0; p < parts; p++) {
    const first = Math.floor((p * steps) / parts);
    const last = Math.floor(((p + 1) * steps) / parts) - 1;
    out.push([startMs + first * stepMs, p === parts - 1 ? endMs : startMs + last * stepMs]);
  }
  return out;
}

export async function queryRangeInParts(
  run: RangeQuery,
  startMs: number,
  endMs: number,
  stepMs: number,
  signal?: AbortSignal
): Promise<RangeQueryResult> {
  const parts = splitRange(startMs, endMs, stepMs);
  if (parts.length === 1) {
    return run(startMs, endMs, signal);
  }
  const results: RangeQueryResult[] = new Array(parts.length);
  await inFlight(
    parts.length,
    async (p, partSignal) => {
      results[p] = await run(parts[p][0], parts[p][1], partSignal);
    },
    signal
  );
  return mergeParts(results);
}

/**
 * Runs tasks 0…count−1 in order, CONCURRENCY of them in flight. The first failure fails the whole: the task still
 * in flight is cancelled (through the signal each task gets) and no other one starts.
 */
export async function inFlight(
  count: number,
  task: (index: number, signal: AbortSignal) => Promise<void>,
  signal?: AbortSignal
): Promise<void> {
  const failed = new AbortController();
  const taskSignal = signal ? AbortSignal.any([signal, failed.signal]) : failed.signal;
  let next = 0;
  const worker = async () => {
    while (next < count && !taskSignal.aborted) {
      await task(next++, taskSignal);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  } catch (err) {
    failed.abort(err);
    throw err;
  }
  signal?.throwIfAborted();
}

/** Series joined by label set, in Prometheus' order (sorted by labels); warnings and infos de-duplicated. */
export function mergeParts(results: RangeQueryResult[]): RangeQueryResult {
  const byKey = new Map<string, PromSeries[]>();
  for (const result of results) {
    for (const s of result.series) {
      const key = labelKey(s.labels);
      const list = byKey.get(key);
      if (list) {
        list.push(s);
      } else {
        byKey.set(key, [s]);
      }
    }
  }
  const series = [...byKey.values()].map(concatSeries);
  series.sort((a, b) => compareLabels(a.labels, b.labels));
  return {
    series,
    warnings: [...new Set(results.flatMap((r) => r.warnings))],
    infos: [...new Set(results.flatMap((r) => r.infos))],
  };
}

function concatSeries(parts: PromSeries[]): PromSeries {
  if (parts.length === 1) {
    return parts[0];
  }
  const length = parts.reduce((n, p) => n + p.timestamps.length, 0);
  const timestamps = new Float64Array(length);
  const values = new Float64Array(length);
  let at = 0;
  for (const p of parts) {
    timestamps.set(p.timestamps, at);
    values.set(p.values, at);
    at += p.timestamps.length;
  }
  return { labels: parts[0].labels, timestamps, values };
}

/** Prometheus' label-set order: pair by pair (name, then value), a prefix first. */
export function compareLabels(a: Labels, b: Labels): number {
  const pa = sortedLabelPairs(a);
  const pb = sortedLabelPairs(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i][0] !== pb[i][0]) {
      return pa[i][0] < pb[i][0] ? -1 : 1;
    }
    if (pa[i][1] !== pb[i][1]) {
      return pa[i][1] < pb[i][1] ? -1 : 1;
    }
  }
  return pa.length - pb.length;
}
