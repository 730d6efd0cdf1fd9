/**
 * One series' scoring step against a model cache, with no I/O: the same code runs on the main thread (inline
 * scoring) and in the scoring workers (each with its own cache shard), so both give exactly the same scores.
 *
 * A job first comes without history: a warm model that can continue answers it; otherwise the answer is
 * "needs history", the caller fetches the training window (once per query) and sends the job again with it.
 */
import type { AnomalyEnsembleOptions } from 'ml/ensemble/options';

import { type Grid, joinValues } from '../history/grid';
import type { AnomalyModelCache } from './model-cache';
import { scheduleFor, type TrainingPlan } from './schedule';
import { scoreCold, scoreWarm } from './score-series';
import type { ScoredPoints } from './scored-points';

/** What every series of one query shares; plain data, so it can be posted to a worker. */
export interface ScoringContext {
  panel: Grid;
  /** The grid before the panel that cold runs learn from. */
  history: Grid;
  training: TrainingPlan;
  options: AnomalyEnsembleOptions;
  /** Points after this are provisional (score-series.ts). */
  settledEndMs: number;
}

export interface SeriesJob {
  /** The model cache key (model-cache.ts): also what routes the series to its worker. */
  key: string;
  /** grid.ts `labelKey` of the series: shifts its refit schedule. */
  seriesKey: string;
  /** The series over the panel's grid. */
  panelValues: Float64Array;
  /** Present once the history was fetched; `values` undefined when Prometheus had none for this series. */
  history?: { values: Float64Array | undefined };
}

export interface SeriesScores {
  /** Over the whole panel grid. */
  points: ScoredPoints;
  /** History behind the model's latest fit; undefined while the series is learning. */
  historyPoints?: number;
}

export type SeriesOutcome = { scores: SeriesScores } | { needsHistory: true };

/** Scores `job` from the cache when its warm model can continue exactly, else cold when the job has its history. */
export function scoreSeriesJob(cache: AnomalyModelCache, context: ScoringContext, job: SeriesJob): SeriesOutcome {
  const { panel, history, training, options, settledEndMs } = context;
  const schedule = scheduleFor(training, job.seriesKey);
  const cached = cache.get(job.key);
  const warm = scoreWarm(cached, job.panelValues, panel, schedule, settledEndMs);
  if (warm && cached) {
    cache.offer(job.key, cached); // it moved on: fresh size and recency
    return { scores: { points: warm, historyPoints: cached.state.historyPoints } };
  }
  if (!job.history) {
    return { needsHistory: true };
  }
  const values = joinValues(job.history.values, history.length, job.panelValues);
  const cold = scoreCold(values, history, panel, schedule, options, settledEndMs);
  if (cold.model) {
    cache.offer(job.key, cold.model);
  }
  return { scores: { points: cold.points, historyPoints: cold.model?.state.historyPoints } };
}
