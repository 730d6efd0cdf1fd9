/**
 * Fitted series models kept between queries, so that a dashboard refresh scores only the points that are new.
 *
 * One entry per (data source and its settings version, expression, step, model options, series labels). The
 * entry holds the warm ensemble and the scores of the last panel range it answered. Bounded by memory (LRU): a
 * model's size is measured when it is stored (it does not grow while it scores), the scores' size is exact.
 */
import { approximateBytes } from './approximate-bytes';
import type { ModelState } from './causal-run';
import { LruCache, type LruCacheLimits } from '../lru-cache';
import type { ScoredPoints } from './scored-points';

/**
 * Budget of the process-wide cache. A model's size no longer grows with its history (bounded calibrator summaries,
 * trimmed forest): about 26 KB after a day of one-minute history and 37 KB after a week with a daily season (a
 * weekly season adds its 80 KB profile), so this keeps thousands of series warm without letting the plugin's
 * memory run away.
 */
export const DEFAULT_MODEL_CACHE_LIMITS: LruCacheLimits = { maxBytes: 128 * 1024 * 1024, maxEntries: 20_000 };

export interface SeriesModel {
  state: ModelState;
  /** Scores from `pointsStartMs` to `state.lastMs`, one per grid step. */
  points: ScoredPoints;
  pointsStartMs: number;
  /** Measured once when the model was fitted. */
  modelBytes: number;
}

export interface ModelKey {
  dataSourceUid: string;
  /** The data source's settings version (lastUpdated): another Prometheus behind the same uid means new models. */
  dataSourceVersion: number;
  /** The PromQL that ran, macros replaced. */
  expr: string;
  stepMs: number;
  /** anomaly-options.ts `modelOptionsKey`. */
  optionsKey: string;
  /** grid.ts `labelKey` of the series. */
  seriesKey: string;
}

export function seriesModel(state: ModelState, points: ScoredPoints, pointsStartMs: number): SeriesModel {
  return { state, points, pointsStartMs, modelBytes: approximateBytes(state.ensemble) };
}

export class AnomalyModelCache {
  private readonly lru: LruCache<SeriesModel>;

  constructor(limits: LruCacheLimits = DEFAULT_MODEL_CACHE_LIMITS) {
    this.lru = new LruCache(limits);
  }

  static key(parts: ModelKey): string {
    const { dataSourceUid, dataSourceVersion, expr, stepMs, optionsKey, seriesKey } = parts;
    return JSON.stringify([dataSourceUid, dataSourceVersion, expr, stepMs, optionsKey, seriesKey]);
  }

  get(key: string): SeriesModel | undefined {
    return this.lru.get(key);
  }

  /**
   * Stores `model` (again, when it moved on: its size and recency are refreshed), unless the entry holds a
   * model that has seen later points — a query for a newer range got there first, and it is the more useful.
   */
  offer(key: string, model: SeriesModel): void {
    const current = this.lru.get(key);
    if (current && current !== model && current.state.lastMs > model.state.lastMs) {
      return;
    }
    this.lru.set(key, model, model.modelBytes + model.points.bytes);
  }

  get size(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.bytes;
  }
}
