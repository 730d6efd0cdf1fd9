/**
 * Scores the series of one query, one at a time: from the cache when a warm model can continue exactly,
 * otherwise cold, with the history fetched once for the whole query, the first time a series needs it.
 */
import type { PrometheusClient } from 'backend/prometheus/client';
import type { AnomalyEnsembleOptions } from 'ml/ensemble/options';

import { fetchGrid, type GridFetch } from '../history/fetch-grid';
import { type Grid, type GridSeries, joinGrids } from '../history/grid';
import type { AnomalyModelCache } from './model-cache';
import { scheduleFor, type TrainingPlan } from './schedule';
import { scoreCold, scoreWarm } from './score-series';
import type { ScoredPoints } from './scored-points';

export interface SeriesScorerContext {
  client: PrometheusClient;
  /** The PromQL that runs, macros replaced. */
  expr: string;
  panel: Grid;
  /** The grid before the panel that cold runs learn from. */
  history: Grid;
  training: TrainingPlan;
  options: AnomalyEnsembleOptions;
  cache: AnomalyModelCache;
  /** The cache key of a series, from its label key. */
  keyOf: (seriesKey: string) => string;
  /** Points after this are provisional (score-series.ts). */
  settledEndMs: number;
  signal: AbortSignal;
}

export interface SeriesScores {
  /** Over the whole panel grid. */
  points: ScoredPoints;
  /** History behind the model's latest fit; undefined while the series is learning. */
  historyPoints?: number;
}

export class SeriesScorer {
  private history: Promise<GridFetch> | undefined;

  constructor(private readonly ctx: SeriesScorerContext) {}

  async score(seriesKey: string, series: GridSeries): Promise<SeriesScores> {
    const { panel, training, options, cache, settledEndMs } = this.ctx;
    const schedule = scheduleFor(training, seriesKey);
    const key = this.ctx.keyOf(seriesKey);
    const cached = cache.get(key);
    const warm = scoreWarm(cached, series.values, panel, schedule, settledEndMs);
    if (warm && cached) {
      cache.offer(key, cached); // it moved on: fresh size and recency
      return { points: warm, historyPoints: cached.state.historyPoints };
    }
    const past = (await this.fetchHistory()).series.get(seriesKey);
    const joined = joinGrids(past, this.ctx.history.length, series);
    const cold = scoreCold(joined.values, this.ctx.history, panel, schedule, options, settledEndMs);
    if (cold.model) {
      cache.offer(key, cold.model);
    }
    return { points: cold.points, historyPoints: cold.model?.state.historyPoints };
  }

  /** The history fetch, if one was needed: its Prometheus warnings belong in the notices too. */
  fetchedHistory(): Promise<GridFetch> | undefined {
    return this.history;
  }

  private fetchHistory(): Promise<GridFetch> {
    const { client, expr, history, signal } = this.ctx;
    this.history ??= fetchGrid(client, expr, history, signal);
    return this.history;
  }
}
