/**
 * Anomaly scoring in worker threads: a cold series costs a core ~150 ms per 10k points, so a dashboard of
 * cold series would otherwise hold the main thread (the gRPC server) for seconds and use one core only.
 *
 * - Routing: a series' model key always goes to the same worker (a stable hash), and each worker keeps its
 *   own shard of warm models, so a refresh finds the model where it was left. The cache budget is split
 *   evenly between the workers.
 * - Each worker gets one job at a time; the rest wait here, on the main thread. So a cancelled query's jobs
 *   that have not started are never sent; a job already running finishes, and its result is dropped.
 * - A worker that dies (a crash, an out-of-memory) fails only the job it was running (a per-refId error for
 *   that query); the jobs queued behind it go to a new worker, started when needed. After a few crashes in a
 *   row the queue behind it fails too, and new workers start after a pause, so a worker that cannot start
 *   does not spin.
 * - A query whose context cannot be posted to a thread (options carrying a live runtime, such as a TensorFlow.js
 *   backend) is scored on the main thread, as without workers, with its own share of the cache.
 * - Workers start on first use (start-up time and idle memory stay as without them), never keep the process
 *   alive (unref), and are terminated on plugin shutdown.
 */
import { Worker } from 'node:worker_threads';

import { log, PluginError } from 'backend/grafana';

import type { LruCacheLimits } from '../../lru-cache';
import { AnomalyModelCache, DEFAULT_MODEL_CACHE_LIMITS } from '../model-cache';
import type { ScoringContext, SeriesJob, SeriesOutcome } from '../series-job';
import { InlineScoring, type SeriesScoring } from '../series-scoring';
import { fnv1a } from '../string-hash';
import { outcomeOf, type ScoreReply, type ScoreRequest, type ScoringWorkerData } from './protocol';

/** Crashes in a row (no job answered in between) after which a worker's queue fails instead of waiting. */
const MAX_CRASHES_IN_A_ROW = 3;
/** Pause before starting a worker again after its second crash in a row. */
const RESTART_PAUSE_MS = 500;

export interface AnomalyWorkerPoolOptions {
  /** Worker threads, at least 1. */
  size: number;
  /** Source of the worker bundle (worker-code.ts): started with `eval`, which a single-executable app can. */
  workerCode: string;
  /** The whole model cache budget; each worker keeps its share. */
  cacheLimits?: LruCacheLimits;
  /**
   * Called with each worker thread as it starts. Tests use it to stop a real worker in the middle of a job (jest's
   * sandboxed `process` never sees Node's own 'worker' event).
   */
  onWorkerStarted?: (worker: Worker) => void;
}

export interface AnomalyWorkerPoolStats {
  /** Workers running now. */
  workers: number;
  /** Jobs waiting for their worker. */
  queued: number;
  /** Jobs a worker is running. */
  running: number;
  /** Jobs sent to a worker since the start. */
  dispatched: number;
  /** Workers that died unasked since the start. */
  crashes: number;
}

interface Task {
  request: ScoreRequest;
  signal: AbortSignal;
  resolve: (outcome: SeriesOutcome) => void;
  reject: (reason: unknown) => void;
  /** Answered, failed or given up by its caller: a late reply is dropped. */
  settled: boolean;
  onAbort: () => void;
}

interface Lane {
  index: number;
  worker?: Worker;
  /** Why the worker died, when it said so before exiting. */
  error?: string;
  queue: Task[];
  running?: Task;
  crashesInARow: number;
  restartTimer?: NodeJS.Timeout;
}

export class AnomalyWorkerPool implements SeriesScoring {
  private readonly lanes: Lane[];
  private readonly workerData: ScoringWorkerData;
  /** For contexts that cannot cross to a thread; created when first needed. */
  private mainThread: InlineScoring | undefined;
  private readonly sendable = new WeakMap<ScoringContext, boolean>();
  private nextId = 1;
  private dispatched = 0;
  private crashes = 0;
  private closed = false;

  constructor(private readonly options: AnomalyWorkerPoolOptions) {
    const size = Math.max(1, Math.floor(options.size));
    const { maxBytes, maxEntries } = options.cacheLimits ?? DEFAULT_MODEL_CACHE_LIMITS;
    this.workerData = {
      cacheLimits: { maxBytes: Math.floor(maxBytes / size), maxEntries: Math.ceil(maxEntries / size) },
    };
    this.lanes = Array.from({ length: size }, (_, index): Lane => ({ index, queue: [], crashesInARow: 0 }));
  }

  get size(): number {
    return this.lanes.length;
  }

  score(context: ScoringContext, job: SeriesJob, signal: AbortSignal): Promise<SeriesOutcome> {
    if (this.closed) {
      return Promise.reject(new PluginError('the plugin is shutting down', 503));
    }
    if (signal.aborted) {
      return Promise.reject(signal.reason);
    }
    if (!this.canSend(context)) {
      this.mainThread ??= new InlineScoring(new AnomalyModelCache(this.workerData.cacheLimits));
      return this.mainThread.score(context, job, signal);
    }
    const lane = this.lanes[fnv1a(job.key) % this.lanes.length];
    return new Promise((resolve, reject) => {
      const task: Task = {
        request: { id: this.nextId++, context, job },
        signal,
        resolve,
        reject,
        settled: false,
        onAbort: () => this.abandon(lane, task),
      };
      signal.addEventListener('abort', task.onAbort, { once: true });
      lane.queue.push(task);
      this.pump(lane);
    });
  }

  stats(): AnomalyWorkerPoolStats {
    return {
      workers: this.lanes.filter((lane) => lane.worker).length,
      queued: this.lanes.reduce((sum, lane) => sum + lane.queue.length, 0),
      running: this.lanes.filter((lane) => lane.running).length,
      dispatched: this.dispatched,
      crashes: this.crashes,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = new PluginError('the plugin is shutting down', 503);
    const workers: Worker[] = [];
    for (const lane of this.lanes) {
      clearTimeout(lane.restartTimer);
      this.failQueue(lane, stopping);
      if (lane.running) {
        settle(lane.running, () => lane.running?.reject(stopping));
      }
      if (lane.worker) {
        workers.push(lane.worker);
        lane.worker = undefined;
      }
    }
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** Sends the lane's next job when its worker is free; starts the worker when there is none. */
  private pump(lane: Lane): void {
    if (lane.running || lane.queue.length === 0 || lane.restartTimer || this.closed) {
      return;
    }
    const worker = lane.worker ?? this.start(lane);
    const task = lane.queue.shift()!;
    try {
      worker.postMessage(task.request);
    } catch (err) {
      // A job that cannot be sent (canSend checks the context; this is the backstop): it fails alone.
      settle(task, () => task.reject(err));
      this.pump(lane);
      return;
    }
    lane.running = task;
    this.dispatched++;
  }

  /** Whether the query's context is plain data a worker can receive; checked once per query. */
  private canSend(context: ScoringContext): boolean {
    let sendable = this.sendable.get(context);
    if (sendable === undefined) {
      try {
        structuredClone(context);
        sendable = true;
      } catch (err) {
        sendable = false;
        log.debug('An anomaly query is scored on the main thread: its options cannot be sent to a worker', {
          reason: err instanceof Error ? err.message : String(err),
        });
      }
      this.sendable.set(context, sendable);
    }
    return sendable;
  }

  private start(lane: Lane): Worker {
    const worker = new Worker(this.options.workerCode, {
      eval: true,
      name: `anomaly-scoring-${lane.index}`,
      workerData: this.workerData,
      // The plugin's stdout belongs to go-plugin: whatever a worker prints there is read here and logged.
      stdout: true,
    });
    worker.unref();
    worker.stdout.on('data', (chunk: Buffer) =>
      log.warn('Anomaly scoring worker wrote to stdout', { worker: lane.index, text: String(chunk).slice(0, 500) })
    );
    worker.on('message', (reply: ScoreReply) => this.replied(lane, reply));
    worker.on('error', (err) => (lane.error = err instanceof Error ? err.message : String(err)));
    worker.on('exit', (code) => this.exited(lane, worker, code));
    lane.worker = worker;
    lane.error = undefined;
    this.options.onWorkerStarted?.(worker);
    return worker;
  }

  private replied(lane: Lane, reply: ScoreReply): void {
    const task = lane.running;
    if (!task || task.request.id !== reply.id) {
      return;
    }
    lane.running = undefined;
    lane.crashesInARow = 0;
    settle(task, () => {
      try {
        task.resolve(outcomeOf(reply));
      } catch (err) {
        task.reject(err);
      }
    });
    this.pump(lane);
  }

  /** The caller gave up: a queued job is never sent; a running one finishes, and its result is dropped. */
  private abandon(lane: Lane, task: Task): void {
    const at = lane.queue.indexOf(task);
    if (at >= 0) {
      lane.queue.splice(at, 1);
    }
    settle(task, () => task.reject(task.signal.reason));
  }

  private exited(lane: Lane, worker: Worker, code: number): void {
    if (lane.worker !== worker) {
      return; // terminated by close()
    }
    lane.worker = undefined;
    this.crashes++;
    lane.crashesInARow++;
    const reason = lane.error ?? `exit code ${code}`;
    log.error('Anomaly scoring worker stopped', { worker: lane.index, reason, crashesInARow: lane.crashesInARow });
    const failure = new PluginError(`the anomaly scoring worker stopped (${reason}); the query can be retried`, 500);
    const task = lane.running;
    lane.running = undefined;
    if (task) {
      settle(task, () => task.reject(failure));
    }
    if (lane.crashesInARow >= MAX_CRASHES_IN_A_ROW) {
      this.failQueue(lane, failure);
    }
    if (lane.crashesInARow > 1) {
      lane.restartTimer = setTimeout(() => {
        lane.restartTimer = undefined;
        this.pump(lane);
      }, RESTART_PAUSE_MS).unref();
      return;
    }
    this.pump(lane);
  }

  private failQueue(lane: Lane, reason: unknown): void {
    for (const task of lane.queue.splice(0)) {
      settle(task, () => task.reject(reason));
    }
  }
}

function settle(task: Task, how: () => void): void {
  if (task.settled) {
    return;
  }
  task.settled = true;
  task.signal.removeEventListener('abort', task.onAbort);
  how();
}
