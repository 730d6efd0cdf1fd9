/**
 * Where series are scored: inline on the main thread (this file), or in worker threads (workers/pool.ts).
 * The anomaly handler hands every series of a query over at once and awaits them all; the implementation
 * decides how much runs in parallel and keeps the gRPC server answering meanwhile.
 */
import { yieldToEventLoop } from '../history/event-loop';
import { AnomalyModelCache } from './model-cache';
import { scoreSeriesJob, type ScoringContext, type SeriesJob, type SeriesOutcome } from './series-job';

export interface SeriesScoring {
  /**
   * Scores one series step (series-job.ts). Rejects with `signal.reason` once `signal` aborts: a job not yet
   * started never starts.
   */
  score(context: ScoringContext, job: SeriesJob, signal: AbortSignal): Promise<SeriesOutcome>;
  /** Stops whatever runs in the background (plugin shutdown). */
  close(): Promise<void>;
}

/**
 * Scoring on the main thread, one series at a time per query with a turn of the event loop before each: the
 * path without workers (GF_PLUGIN_ANOMALY_WORKERS=0, or a plain bundle without the worker asset), and what
 * unit tests of the handler's logic use.
 */
export class InlineScoring implements SeriesScoring {
  /** The last job of each query: a query's jobs run in order, while two queries' jobs interleave. */
  private readonly tails = new WeakMap<ScoringContext, Promise<unknown>>();

  constructor(readonly cache = new AnomalyModelCache()) {}

  score(context: ScoringContext, job: SeriesJob, signal: AbortSignal): Promise<SeriesOutcome> {
    const previous = this.tails.get(context) ?? Promise.resolve();
    const run = previous.then(async () => {
      await yieldToEventLoop(signal);
      return scoreSeriesJob(this.cache, context, job);
    });
    this.tails.set(
      context,
      run.catch(() => undefined)
    );
    return run;
  }

  async close(): Promise<void> {}
}
