/**
 * Keeps the audit trail within its retention (`jsonData.auditRetentionDays`, default 365 days): entries older than
 * that are deleted by the store itself, shortly after it opens and then every hour, in batches of a few hundred
 * rows, each batch its own short write transaction. Other writes queue behind one small batch at most, never
 * behind a purge of years of history (SQLite has one writer; PostgreSQL would hold the rows' locks).
 */
import { log } from 'backend/grafana/logger';

export { DEFAULT_AUDIT_RETENTION_DAYS } from 'contract/settings';
const DAY_MS = 86_400_000;
/** First run soon after the store opens (not at once: opening must stay fast), then hourly. */
const FIRST_RUN_MS = 60_000;
const INTERVAL_MS = 3_600_000;
/** Rows per transaction: a few milliseconds of lock, even on a slow disk. */
const BATCH_SIZE = 500;

export interface AuditRetentionOptions {
  retentionDays: number;
  /** Test hooks: when the job runs, and how many rows one transaction deletes. */
  firstRunMs?: number;
  intervalMs?: number;
  batchSize?: number;
}

export interface PruneResult {
  deleted: number;
  /** Write transactions used. */
  batches: number;
}

/** One batch: deletes up to `limit` entries older than `before`, returning how many it deleted. */
export type PruneBatch = (before: number, limit: number) => Promise<number>;

export class AuditRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PruneResult> | undefined;
  private stopped = false;

  constructor(
    private readonly options: AuditRetentionOptions,
    private readonly deleteBatch: PruneBatch,
    private readonly now: () => number
  ) {}

  /** Schedules the runs; the timer never keeps the process alive. */
  start(): void {
    this.schedule(this.options.firstRunMs ?? FIRST_RUN_MS);
  }

  /** Deletes everything past the retention, batch by batch; concurrent calls share one run. */
  prune(): Promise<PruneResult> {
    this.running ??= this.pruneAll().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops scheduling and waits for a run in progress (it stops after its current batch). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.prune()
        .then((result) => {
          if (result.deleted > 0) {
            log.info('Audit trail pruned', { deleted: result.deleted, retentionDays: this.options.retentionDays });
          }
        })
        // A full disk or a database down: the next run tries again; nothing else depends on it.
        .catch((error: unknown) => log.warn('Audit trail pruning failed', { error: String(error) }))
        .finally(() => this.schedule(this.options.intervalMs ?? INTERVAL_MS));
    }, delayMs);
    this.timer.unref();
  }

  private async pruneAll(): Promise<PruneResult> {
    const limit = this.options.batchSize ?? BATCH_SIZE;
    // One cutoff for the whole run, so a run ends even while new entries keep coming.
    const before = this.now() - this.options.retentionDays * DAY_MS;
    const result: PruneResult = { deleted: 0, batches: 0 };
    while (!this.stopped) {
      const deleted = await this.deleteBatch(before, limit);
      result.batches += 1;
      result.deleted += deleted;
      if (deleted < limit) {
        break;
      }
      // Let other requests' writes in between two batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return result;
  }
}
