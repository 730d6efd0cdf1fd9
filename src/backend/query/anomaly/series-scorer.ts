/**
 * Scores the series of one query through a SeriesScoring (inline or worker threads): from a warm model when
 * one can continue exactly, otherwise cold, with the history fetched once for the whole query, the first time
 * a series needs it.
 */
import type { PrometheusClient } from 'backend/prometheus/client';

import { fetchGrid, type GridFetch } from '../history/fetch-grid';
import type { GridSeries } from '../history/grid';
import type { ScoringContext, SeriesScores } from './series-job';
import type { SeriesScoring } from './series-scoring';

export type { SeriesScores } from './series-job';

export interface SeriesScorerContext {
  client: PrometheusClient;
  /** The PromQL that runs, macros replaced. */
  expr: string;
  scoring: SeriesScoring;
  context: ScoringContext;
  /** The cache key of a series, from its label key. */
  keyOf: (seriesKey: string) => string;
  signal: AbortSignal;
}

export class SeriesScorer {
  private history: Promise<GridFetch> | undefined;

  constructor(private readonly ctx: SeriesScorerContext) {}

  async score(seriesKey: string, series: GridSeries): Promise<SeriesScores> {
    const { scoring, context, signal } = this.ctx;
    const job = { key: this.ctx.keyOf(seriesKey), seriesKey, panelValues: series.values };
    const warm = await scoring.score(context, job, signal);
    if ('scores' in warm) {
      return warm.scores;
    }
    const past = (await this.fetchHistory()).series.get(seriesKey);
    const cold = await scoring.score(context, { ...job, history: { values: past?.values } }, signal);
    if (!('scores' in cold)) {
      throw new Error('a series with its history was not scored');
    }
    return cold.scores;
  }

  /** The history fetch, if one was needed: its Prometheus warnings belong in the notices too. */
  fetchedHistory(): Promise<GridFetch> | undefined {
    return this.history;
  }

  private fetchHistory(): Promise<GridFetch> {
    const { client, expr, context, signal } = this.ctx;
    this.history ??= fetchGrid(client, expr, context.history, signal);
    return this.history;
  }
}
