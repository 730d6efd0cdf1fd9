/**
 * Fetches one expression over a grid from Prometheus. A training window plus the panel's range is usually more
 * than the 11,000 points per series Prometheus evaluates in one range query, so the grid is cut into chunks that
 * each stay within the limit, at the panel's own step, and reassembled per series. A panel-sized grid is cut too,
 * into the parts a raw query uses (prometheus/split-range.ts): with two in flight, decoding one overlaps
 * Prometheus' work on the next. A chunk that fails cancels the one in flight beside it.
 */
import { BadRequestError } from 'backend/grafana/errors';
import type { PrometheusClient } from 'backend/prometheus/client';
import { PrometheusQueryError } from 'backend/prometheus/errors';
import { findUninterpolatedVariables } from 'backend/prometheus/macros';
import { inFlight, partCount } from 'backend/prometheus/split-range';
import { MAX_POINTS_PER_SERIES } from 'backend/prometheus/step';

import { emptyGridSeries, type Grid, type GridSeries, labelKey } from './grid';

export interface GridFetch {
  /** By label key (grid.ts `labelKey`). */
  series: Map<string, GridSeries>;
  warnings: string[];
  infos: string[];
}

export async function fetchGrid(
  client: PrometheusClient,
  expr: string,
  grid: Grid,
  signal: AbortSignal,
  pointsPerChunk = MAX_POINTS_PER_SERIES
): Promise<GridFetch> {
  const series = new Map<string, GridSeries>();
  const warnings = new Set<string>();
  const infos = new Set<string>();
  const chunkPoints = Math.min(pointsPerChunk, Math.ceil(grid.length / partCount(grid.length)));
  const chunks: Array<[number, number]> = [];
  for (let first = 0; first < grid.length; first += chunkPoints) {
    chunks.push([first, Math.min(grid.length, first + chunkPoints) - 1]);
  }
  // Each chunk is placed as it arrives, so only the chunks in flight are held besides the grid.
  await inFlight(
    chunks.length,
    async (c, chunkSignal) => {
      const result = await queryRange(client, expr, grid, chunks[c][0], chunks[c][1], chunkSignal);
      result.warnings.forEach((w) => warnings.add(w));
      result.infos.forEach((i) => infos.add(i));
      for (const s of result.series) {
        const key = labelKey(s.labels);
        let target = series.get(key);
        if (!target) {
          target = emptyGridSeries(s.labels, grid.length);
          series.set(key, target);
        }
        place(target, s.timestamps, s.values, grid);
      }
    },
    signal
  );
  return { series, warnings: [...warnings], infos: [...infos] };
}

async function queryRange(
  client: PrometheusClient,
  expr: string,
  grid: Grid,
  first: number,
  last: number,
  signal: AbortSignal
) {
  try {
    return await client.queryRange(
      expr,
      grid.startMs + first * grid.stepMs,
      grid.startMs + last * grid.stepMs,
      grid.stepMs / 1000,
      signal
    );
  } catch (err) {
    throw explainLeftoverVariables(err, expr);
  }
}

/** Writes samples at their grid index; a repeated timestamp keeps the later sample, as frames do elsewhere. */
function place(target: GridSeries, timestamps: Float64Array, values: Float64Array, grid: Grid): void {
  for (let i = 0; i < timestamps.length; i++) {
    const index = Math.round((timestamps[i] - grid.startMs) / grid.stepMs);
    if (index < 0 || index >= grid.length) {
      continue;
    }
    target.values[index] = values[i];
    if (target.first < 0 || index < target.first) {
      target.first = index;
    }
    if (index > target.last) {
      target.last = index;
    }
  }
}

/** Alert rules get no dashboard variables replaced: say so instead of passing on a bare parse error. */
function explainLeftoverVariables(err: unknown, expr: string): unknown {
  const leftovers = err instanceof PrometheusQueryError ? findUninterpolatedVariables(expr) : [];
  if (leftovers.length === 0) {
    return err;
  }
  return new BadRequestError(
    `${(err as Error).message}. The expression still contains ${leftovers.join(', ')}: dashboard variables are ` +
      'not replaced in alert and recording rules; write the value itself, or use $__interval, $__range or $__rate_interval'
  );
}
