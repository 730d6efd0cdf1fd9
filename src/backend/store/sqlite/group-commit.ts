/**
 * Group commit for a single SQLite connection. With synchronous=FULL every COMMIT waits for an fsync; doing one
 * per webhook would cap ingestion at the disk's fsync rate. Instead, all write transactions requested during one
 * turn of the event loop run in ONE database transaction, each inside its own SAVEPOINT, and are acknowledged
 * together once the single COMMIT is durable:
 *
 * - a job that throws is rolled back to its savepoint and rejected alone; the others still commit;
 * - if SQLite aborts the whole transaction (disk full, I/O error) or COMMIT fails, every job of the batch is
 *   rejected: none was acknowledged, so none is lost.
 *
 * Jobs run one after another and may only await their own statements (which resolve synchronously), so no two
 * jobs interleave.
 */
import { StorageUnavailableError } from '../errors';

/** The transaction statements, so that the queue can be tested without a database. */
export interface TransactionControl {
  begin(): void;
  commit(): void;
  rollback(): void;
  savepoint(): void;
  releaseSavepoint(): void;
  rollbackToSavepoint(): void;
  /** False once SQLite has rolled the transaction back by itself. */
  readonly inTransaction: boolean;
}

interface Job<Tx> {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** Upper bound on jobs per transaction, so that one huge burst does not hold the write lock for long. */
  maxBatch?: number;
  /** Turns driver errors into the store's errors (StorageUnavailableError for a full disk, …). */
  mapError?: (error: unknown) => unknown;
  /**
   * Runs before each batch, outside any transaction (e.g. to reopen a connection that went bad); if it throws, the
   * batch is rejected with its error and nothing runs.
   */
  beforeBatch?: () => void;
}

export class GroupCommitQueue<Tx> {
  private queue: Array<Job<Tx>> = [];
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly maxBatch: number;
  private readonly mapError: (error: unknown) => unknown;
  private readonly beforeBatch: () => void;

  /** Transactions committed and jobs they carried, for the benchmark's report. */
  readonly stats = { transactions: 0, jobs: 0 };

  constructor(
    private readonly control: TransactionControl,
    private readonly tx: Tx,
    options: GroupCommitOptions = {}
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.mapError = options.mapError ?? ((error) => error);
    this.beforeBatch = options.beforeBatch ?? (() => undefined);
  }

  enqueue<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.closed) {
      return Promise.reject(
        new StorageUnavailableError(
          'the store is closed (its settings changed or the plugin is stopping): retry',
          'closed'
        )
      );
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // setImmediate runs after the I/O callbacks of this loop turn: every request that arrived with this one
      // joins its transaction.
      this.running ??= new Promise<void>((done) => setImmediate(() => void this.flush().finally(done)));
    });
  }

  /** Refuses new jobs and waits for the queued ones. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running) {
      await this.running;
    }
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        await this.runBatch(this.queue.splice(0, this.maxBatch));
      }
    } finally {
      this.running = undefined;
    }
  }

  private async runBatch(batch: Array<Job<Tx>>): Promise<void> {
    try {
      this.beforeBatch();
      this.control.begin();
    } catch (error) {
      batch.forEach((job) => job.reject(this.mapError(error)));
      return;
    }
    const outcomes: Outcome[] = [];
    let fatal: unknown;
    for (const job of batch) {
      try {
        this.control.savepoint();
      } catch (error) {
        fatal = error;
        break;
      }
      try {
        const value = await job.work(this.tx);
        this.control.releaseSavepoint();
        outcomes.push({ ok: true, value });
      } catch (error) {
        if (!this.control.inTransaction) {
          fatal = error;
          break;
        }
        try {
          this.control.rollbackToSavepoint();
          this.control.releaseSavepoint();
        } catch (rollbackError) {
          fatal = rollbackError;
          break;
        }
        outcomes.push({ ok: false, error });
      }
    }
    if (fatal === undefined) {
      try {
        this.control.commit();
      } catch (error) {
        fatal = error;
      }
    }
    if (fatal !== undefined) {
      this.rollbackQuietly();
      const failure = this.mapError(fatal);
      batch.forEach((job, i) => {
        const outcome = outcomes[i];
        job.reject(outcome && !outcome.ok ? this.mapError(outcome.error) : failure);
      });
      return;
    }
    this.stats.transactions += 1;
    this.stats.jobs += batch.length;
    batch.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) {
        job.resolve(outcome.value);
      } else {
        job.reject(this.mapError(outcome.error));
      }
    });
  }

  private rollbackQuietly(): void {
    if (!this.control.inTransaction) {
      return;
    }
    try {
      this.control.rollback();
    } catch {
      // Nothing left to undo: the connection is already outside a transaction or unusable; both reject the batch.
    }
  }
}
