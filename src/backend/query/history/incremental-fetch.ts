/**
 * Dashboard refreshes fetch only what is new, the way Grafana's own Prometheus data source does with incremental
 * querying: the grid a query fetched is kept, and the next query over the same expression and step takes the
 * points it already has from there and asks Prometheus only for the rest — the new points plus an overlap window
 * before them, because the newest samples may still change (late scrapes, a rate() over a growing window).
 *
 * What a cached grid is trusted for: points up to the overlap window before the fetch that brought them, for at
 * most an hour after the whole range was first fetched (then everything is fetched again, so a change further
 * back — a backfill, a recording rule re-evaluated — shows up within the hour). A range that starts before the
 * cached one, another step or a misaligned start is fetched whole. Bounded by memory (LRU).
 */
import type { PrometheusClient } from 'backend/prometheus/client';

import { fetchGrid, type GridFetch } from './fetch-grid';
import { emptyGridSeries, type Grid, gridBetween, gridEnd, type GridSeries } from './grid';
import { LruCache, type LruCacheLimits } from '../lru-cache';

/** Refetched before the new points on every refresh by default: Grafana's default incrementalQueryOverlapWindow. */
export const OVERLAP_MS = 10 * 60_000;
/** A range is fetched whole again this long after it was first fetched whole. */
export const MAX_AGE_MS = 60 * 60_000;
export const DEFAULT_GRID_CACHE_LIMITS: LruCacheLimits = { maxBytes: 64 * 1024 * 1024, maxEntries: 2_000 };

interface CachedGrid {
  grid: Grid;
  fetch: GridFetch;
  /** Wall clock of the last whole fetch (for MAX_AGE_MS). */
  wholeAtMs: number;
  /** Grid points up to here came from a fetch at least OVERLAP_MS after them: settled. */
  settledEndMs: number;
}

export class GridFetchCache {
  private readonly lru: LruCache<CachedGrid>;

  constructor(limits: LruCacheLimits = DEFAULT_GRID_CACHE_LIMITS) {
    this.lru = new LruCache(limits);
  }

  /**
   * The same answer as `fetchGrid(client, expr, grid, signal)`, from the cached grid under `key` (data source,
   * expression, step) and a fetch of what it lacks. `nowMs` is the wall clock; `overlapMs` how far back before
   * a fetch its points are not yet trusted (jsonData.incrementalQueryOverlapWindow).
   */
  async fetch(
    key: string,
    client: PrometheusClient,
    expr: string,
    grid: Grid,
    signal: AbortSignal,
    nowMs: number,
    overlapMs = OVERLAP_MS
  ): Promise<GridFetch> {
    const cached = this.lru.get(key);
    const reuseEndMs = cached ? reusableEnd(cached, grid, nowMs) : undefined;
    if (cached === undefined || reuseEndMs === undefined) {
      const whole = await fetchGrid(client, expr, grid, signal);
      this.store(key, { grid, fetch: whole, wholeAtMs: nowMs, settledEndMs: nowMs - overlapMs });
      return whole;
    }
    const tailGrid = gridBetween(reuseEndMs + grid.stepMs, gridEnd(grid), grid.stepMs);
    const tail = await fetchGrid(client, expr, tailGrid, signal);
    const assembled = assemble(cached, grid, tail, tailGrid);
    this.store(key, { grid, fetch: assembled, wholeAtMs: cached.wholeAtMs, settledEndMs: nowMs - overlapMs });
    return assembled;
  }

  get size(): number {
    return this.lru.size;
  }

  private store(key: string, entry: CachedGrid): void {
    let bytes = 0;
    for (const series of entry.fetch.series.values()) {
      bytes += series.values.byteLength + 200;
    }
    this.lru.set(key, entry, bytes);
  }
}

/**
 * The last grid time of `grid` whose value the cache may give, or undefined when the grid must be fetched whole.
 */
function reusableEnd(cached: CachedGrid, grid: Grid, nowMs: number): number | undefined {
  const { stepMs } = grid;
  const offset = grid.startMs - cached.grid.startMs;
  if (
    cached.grid.stepMs !== stepMs ||
    offset < 0 ||
    offset % stepMs !== 0 ||
    nowMs - cached.wholeAtMs > MAX_AGE_MS ||
    grid.length === 0
  ) {
    return undefined;
  }
  const trustedMs = Math.min(gridEnd(cached.grid), cached.settledEndMs, gridEnd(grid));
  const lastMs = grid.startMs + Math.floor((trustedMs - grid.startMs) / stepMs) * stepMs;
  return lastMs >= grid.startMs ? lastMs : undefined;
}

/** `grid`'s series: the cached values up to where the tail starts, the tail's from there. */
function assemble(cached: CachedGrid, grid: Grid, tail: GridFetch, tailGrid: Grid): GridFetch {
  const { stepMs } = grid;
  const cachedOffset = (grid.startMs - cached.grid.startMs) / stepMs;
  const tailOffset = (tailGrid.startMs - grid.startMs) / stepMs;
  const series = new Map<string, GridSeries>();
  const target = (key: string, labels: GridSeries['labels']): GridSeries => {
    let s = series.get(key);
    if (!s) {
      s = emptyGridSeries(labels, grid.length);
      series.set(key, s);
    }
    return s;
  };
  for (const [key, from] of cached.fetch.series) {
    const part = from.values.subarray(cachedOffset, cachedOffset + tailOffset);
    if (hasValue(part)) {
      target(key, from.labels).values.set(part);
    }
  }
  for (const [key, from] of tail.series) {
    if (from.first >= 0) {
      target(key, from.labels).values.set(from.values, tailOffset);
    }
  }
  for (const [key, s] of series) {
    // Where samples are: the tail says so exactly; in the cached part a sample is a value (a NaN sample there
    // reads as a gap — the one way this can differ from a whole fetch, and only in first/last).
    const fromTail = tail.series.get(key);
    const tailFirst = fromTail && fromTail.first >= 0 ? fromTail.first + tailOffset : -1;
    const tailLast = fromTail && fromTail.last >= 0 ? fromTail.last + tailOffset : -1;
    const cachedFirst = firstValue(s.values, 0, tailOffset);
    s.first = cachedFirst >= 0 ? cachedFirst : tailFirst;
    s.last = tailLast >= 0 ? tailLast : lastValue(s.values, 0, tailOffset);
  }
  return {
    series,
    warnings: [...new Set([...cached.fetch.warnings, ...tail.warnings])],
    infos: [...new Set([...cached.fetch.infos, ...tail.infos])],
  };
}

function hasValue(values: Float64Array): boolean {
  return firstValue(values, 0, values.length) >= 0;
}

function firstValue(values: Float64Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (!Number.isNaN(values[i])) {
      return i;
    }
  }
  return -1;
}

function lastValue(values: Float64Array, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    if (!Number.isNaN(values[i])) {
      return i;
    }
  }
  return -1;
}
