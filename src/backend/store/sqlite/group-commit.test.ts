import { StorageUnavailableError } from '../errors';
import { GroupCommitQueue, type TransactionControl } from './group-commit';

/** Records the transaction statements; `failOn` makes one of them throw once. */
class FakeControl implements TransactionControl {
  log: string[] = [];
  inTransaction = false;
  failOn?: 'begin' | 'commit';

  begin() {
    this.step('BEGIN', 'begin');
    this.inTransaction = true;
  }
  commit() {
    this.step('COMMIT', 'commit');
    this.inTransaction = false;
  }
  rollback() {
    this.log.push('ROLLBACK');
    this.inTransaction = false;
  }
  savepoint() {
    this.log.push('SAVEPOINT');
  }
  releaseSavepoint() {
    this.log.push('RELEASE');
  }
  rollbackToSavepoint() {
    this.log.push('ROLLBACK TO');
  }

  private step(statement: string, name: 'begin' | 'commit') {
    this.log.push(statement);
    if (this.failOn === name) {
      this.failOn = undefined;
      throw new Error(`disk I/O error during ${statement}`);
    }
  }
}

const tx = { writes: [] as string[] };

describe('GroupCommitQueue', () => {
  it('commits everything queued in one event-loop turn as one transaction', async () => {
    const control = new FakeControl();
    const queue = new GroupCommitQueue(control, tx);
    const results = await Promise.all([1, 2, 3].map((n) => queue.enqueue(async () => n * 10)));
    expect(results).toEqual([10, 20, 30]);
    expect(control.log).toEqual([
      'BEGIN',
      'SAVEPOINT',
      'RELEASE',
      'SAVEPOINT',
      'RELEASE',
      'SAVEPOINT',
      'RELEASE',
      'COMMIT',
    ]);
    expect(queue.stats).toEqual({ transactions: 1, jobs: 3 });
  });

  it('rolls a failing job back to its savepoint and still commits the others', async () => {
    const control = new FakeControl();
    const queue = new GroupCommitQueue(control, tx);
    const results = await Promise.allSettled([
      queue.enqueue(async () => 'a'),
      queue.enqueue(async () => {
        throw new Error('incident x not found');
      }),
      queue.enqueue(async () => 'c'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(control.log).toContain('ROLLBACK TO');
    expect(control.log.at(-1)).toBe('COMMIT');
  });

  it('rejects the whole batch when SQLite aborted the transaction (disk full)', async () => {
    const control = new FakeControl();
    const queue = new GroupCommitQueue(control, tx, {
      mapError: (e) => new StorageUnavailableError(`mapped: ${(e as Error).message}`, 'full'),
    });
    const results = await Promise.allSettled([
      queue.enqueue(async () => 'acknowledged only if committed'),
      queue.enqueue(async () => {
        control.inTransaction = false; // what SQLite does on SQLITE_FULL
        throw new Error('database or disk is full');
      }),
      queue.enqueue(async () => 'never ran'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 503, reason: 'full' });
    }
    expect(control.log).not.toContain('COMMIT');
  });

  it('rejects every job when COMMIT fails, and recovers for the next batch', async () => {
    const control = new FakeControl();
    control.failOn = 'commit';
    const queue = new GroupCommitQueue(control, tx);
    const failed = await Promise.allSettled([queue.enqueue(async () => 1), queue.enqueue(async () => 2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(control.log.at(-1)).toBe('ROLLBACK');
    await expect(queue.enqueue(async () => 3)).resolves.toBe(3);
  });

  it('rejects the batch when BEGIN fails (read-only database)', async () => {
    const control = new FakeControl();
    control.failOn = 'begin';
    const queue = new GroupCommitQueue(control, tx);
    await expect(queue.enqueue(async () => 1)).rejects.toThrow('disk I/O error during BEGIN');
  });

  it('runs jobs one at a time, in order, across batches', async () => {
    const queue = new GroupCommitQueue(new FakeControl(), tx, { maxBatch: 2 });
    const order: number[] = [];
    let running = 0;
    const job = (n: number) => async () => {
      running += 1;
      expect(running).toBe(1);
      await Promise.resolve();
      order.push(n);
      running -= 1;
      return n;
    };
    await Promise.all([1, 2, 3, 4, 5].map((n) => queue.enqueue(job(n))));
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(queue.stats).toEqual({ transactions: 3, jobs: 5 });
  });

  it('drains on close and then refuses new work with a retryable 503', async () => {
    const queue = new GroupCommitQueue(new FakeControl(), tx);
    const pending = queue.enqueue(async () => 'queued before close');
    await queue.close();
    await expect(pending).resolves.toBe('queued before close');
    await expect(queue.enqueue(async () => 1)).rejects.toMatchObject({ status: 503, reason: 'closed' });
  });

  it('runs beforeBatch outside every transaction, and rejects only that batch when it throws', async () => {
    const control = new FakeControl();
    let failHook = true;
    const queue = new GroupCommitQueue(control, tx, {
      beforeBatch: () => {
        control.log.push(control.inTransaction ? 'HOOK inside' : 'HOOK');
        if (failHook) {
          failHook = false;
          throw new Error('cannot reopen');
        }
      },
      mapError: (error) => new StorageUnavailableError((error as Error).message, 'open'),
    });
    const first = await Promise.allSettled([queue.enqueue(async () => 1), queue.enqueue(async () => 2)]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((first[0] as PromiseRejectedResult).reason).toMatchObject({ status: 503, message: 'cannot reopen' });
    expect(await queue.enqueue(async () => 3)).toBe(3);
    expect(control.log).toEqual(['HOOK', 'HOOK', 'BEGIN', 'SAVEPOINT', 'RELEASE', 'COMMIT']);
  });
});
