/**
 * Messages between the anomaly handler's pool (pool.ts) and a scoring worker (worker-main.ts).
 *
 * Inputs are cloned when posted (a typed array clone is a copy of its memory, not JSON): the main thread still
 * needs the panel values for the frames, and a job is only copied when it is sent, not while it waits in the
 * pool's queue. Results are transferred: the worker never touches them again.
 */
import type { LruCacheLimits } from '../../lru-cache';
import type { AnomalyModelCache } from '../model-cache';
import { ScoredPoints, type ScoredPointsArrays } from '../scored-points';
import { scoreSeriesJob, type ScoringContext, type SeriesJob, type SeriesOutcome } from '../series-job';

/** What a worker is started with. */
export interface ScoringWorkerData {
  /** This worker's shard of the model cache budget. */
  cacheLimits: LruCacheLimits;
}

export interface ScoreRequest {
  id: number;
  context: ScoringContext;
  job: SeriesJob;
}

export type ScoreReply =
  | { id: number; needsHistory: true }
  | { id: number; points: ScoredPointsArrays; historyPoints?: number }
  | { id: number; error: string };

/** Runs a request against the worker's cache: the reply and the buffers to transfer with it. */
export function answer(
  cache: AnomalyModelCache,
  request: ScoreRequest
): { reply: ScoreReply; transfer: ArrayBuffer[] } {
  const { id } = request;
  try {
    const outcome = scoreSeriesJob(cache, request.context, request.job);
    if (!('scores' in outcome)) {
      return { reply: { id, needsHistory: true }, transfer: [] };
    }
    // A copy: the scores of a cold run are also the cached model's, which a transfer would take away.
    const { arrays, buffers } = outcome.scores.points.copy().arrays();
    return { reply: { id, points: arrays, historyPoints: outcome.scores.historyPoints }, transfer: buffers };
  } catch (err) {
    return { reply: { id, error: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
}

/** The outcome a reply carries, or the error it reports (thrown). */
export function outcomeOf(reply: ScoreReply): SeriesOutcome {
  if ('error' in reply) {
    throw new Error(`anomaly scoring failed: ${reply.error}`);
  }
  if ('needsHistory' in reply) {
    return { needsHistory: true };
  }
  return { scores: { points: ScoredPoints.fromArrays(reply.points), historyPoints: reply.historyPoints } };
}
