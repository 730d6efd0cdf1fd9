/**
 * Group commit for PostgreSQL. A webhook delivery is two or three statements; wrapping each in its own
 * BEGIN/COMMIT doubles the round trips (and socket writes) per delivery and pays one WAL flush each. Instead,
 * the writes that arrive together run in one transaction per batch, on up to `maxConcurrent` pooled
 * connections at once, and are acknowledged together after COMMIT.
 *
 * Optimistic: no savepoints (each would be two more round trips per job). If any job of a batch fails, or
 * the batch hits a deadlock, the batch is rolled back and every job is replayed in a transaction of its own,
 * so one job's failure never fails or commits another's. Jobs are whole transactions that can be replayed:
 * they must not have effects outside the database.
 */
export interface BatchConnection<Tx> {
  session: Tx;
  query(sql: string): Promise<unknown>;
  release(broken?: Error): void;
}

interface Job<Tx> {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface BatchWriterOptions<Tx> {
  /** Batches running at once (each holds one pooled connection). */
  maxConcurrent: number;
  /** Jobs per batch: bounds how long one batch holds its row locks. */
  maxBatch: number;
  /** Runs one job in its own transaction (with the driver's retries), for replays and single jobs. */
  runAlone: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  /** Driver errors → store errors. */
  mapError: (error: unknown) => unknown;
}

export class BatchWriter<Tx> {
  private queue: Array<Job<Tx>> = [];
  private active = 0;
  private scheduled = false;
  /** Batches committed, jobs they carried, batches replayed job by job. */
  readonly stats = { batches: 0, jobs: 0, replayed: 0 };

  constructor(
    private readonly connect: () => Promise<BatchConnection<Tx>>,
    private readonly options: BatchWriterOptions<Tx>
  ) {}

  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or running. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.active > 0 || this.scheduled) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.active >= this.options.maxConcurrent) {
      return;
    }
    this.scheduled = true;
    // After this loop turn's I/O callbacks: every delivery that arrived with this one joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      while (this.queue.length > 0 && this.active < this.options.maxConcurrent) {
        const batch = this.queue.splice(0, this.options.maxBatch);
        this.active += 1;
        void this.run(batch).finally(() => {
          this.active -= 1;
          if (this.queue.length > 0) {
            this.schedule();
          }
        });
      }
    });
  }

  private async run(batch: Array<Job<Tx>>): Promise<void> {
    if (batch.length === 1) {
      return this.alone(batch[0]);
    }
    let connection: BatchConnection<Tx>;
    try {
      connection = await this.connect();
    } catch (error) {
      const failure = this.options.mapError(error);
      batch.forEach((job) => job.reject(failure));
      return;
    }
    const values: unknown[] = [];
    let broken: Error | undefined;
    try {
      await connection.query('BEGIN');
      for (const job of batch) {
        values.push(await job.work(connection.session));
      }
      await connection.query('COMMIT');
    } catch {
      try {
        await connection.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      connection.release(broken);
      // Some job failed (or the batch deadlocked): give each its own transaction and its own outcome.
      this.stats.replayed += 1;
      await Promise.all(batch.map((job) => this.alone(job)));
      return;
    }
    connection.release();
    this.stats.batches += 1;
    this.stats.jobs += batch.length;
    batch.forEach((job, i) => job.resolve(values[i]));
  }

  private async alone(job: Job<Tx>): Promise<void> {
    try {
      job.resolve(await this.options.runAlone(job.work));
    } catch (error) {
      job.reject(error);
    }
  }
}
