import { BatchWriter, type BatchConnection } from './batch-writer';

interface FakeTx {
  statements: string[];
}

/** Connections that record statements; `failCommit` makes the next COMMIT fail (a deadlock, say). */
class FakePool {
  log: string[][] = [];
  failCommit = false;
  alone = 0;

  connect = async (): Promise<BatchConnection<FakeTx>> => {
    const statements: string[] = [];
    this.log.push(statements);
    return {
      session: { statements },
      query: async (sql) => {
        statements.push(sql);
        if (sql === 'COMMIT' && this.failCommit) {
          this.failCommit = false;
          throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
        }
      },
      release: () => undefined,
    };
  };

  runAlone = async <T>(work: (tx: FakeTx) => Promise<T>): Promise<T> => {
    this.alone += 1;
    return work({ statements: [] });
  };
}

function writer(pool: FakePool, maxConcurrent = 1) {
  return new BatchWriter<FakeTx>(pool.connect, {
    maxConcurrent,
    maxBatch: 100,
    runAlone: pool.runAlone,
    mapError: (e) => e,
  });
}

describe('BatchWriter', () => {
  it('commits the writes of one event-loop turn in one transaction', async () => {
    const pool = new FakePool();
    const w = writer(pool);
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        w.write(async (tx) => {
          tx.statements.push(`INSERT ${n}`);
          return n;
        })
      )
    );
    expect(results).toEqual([1, 2, 3]);
    expect(pool.log).toEqual([['BEGIN', 'INSERT 1', 'INSERT 2', 'INSERT 3', 'COMMIT']]);
    expect(w.stats).toEqual({ batches: 1, jobs: 3, replayed: 0 });
  });

  it('runs a lone write in a transaction of its own', async () => {
    const pool = new FakePool();
    await expect(writer(pool).write(async () => 'x')).resolves.toBe('x');
    expect(pool.alone).toBe(1);
    expect(pool.log).toEqual([]);
  });

  it('replays every job alone when one fails, so each gets its own outcome', async () => {
    const pool = new FakePool();
    const w = writer(pool);
    const results = await Promise.allSettled([
      w.write(async () => 'a'),
      w.write(async () => {
        throw new Error('incident x not found');
      }),
      w.write(async () => 'c'),
    ]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: new Error('incident x not found') },
      { status: 'fulfilled', value: 'c' },
    ]);
    expect(pool.log[0]).toEqual(['BEGIN', 'ROLLBACK']);
    expect(pool.alone).toBe(3);
    expect(w.stats.replayed).toBe(1);
  });

  it('replays the batch when COMMIT fails (deadlock with another replica)', async () => {
    const pool = new FakePool();
    pool.failCommit = true;
    const w = writer(pool);
    await expect(Promise.all([w.write(async () => 1), w.write(async () => 2)])).resolves.toEqual([1, 2]);
    expect(pool.log[0]).toEqual(['BEGIN', 'COMMIT', 'ROLLBACK']);
    expect(pool.alone).toBe(2);
  });

  it('rejects the batch when no connection can be had', async () => {
    const w = new BatchWriter<FakeTx>(
      async () => {
        throw new Error('connect ECONNREFUSED');
      },
      { maxConcurrent: 1, maxBatch: 10, runAlone: async (work) => work({ statements: [] }), mapError: (e) => e }
    );
    const results = await Promise.allSettled([w.write(async () => 1), w.write(async () => 2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('keeps batching what arrives while a batch is running, and drains', async () => {
    const pool = new FakePool();
    const w = writer(pool);
    const first = Promise.all([w.write(async () => 1), w.write(async () => 2)]);
    await new Promise((resolve) => setImmediate(resolve));
    const second = Promise.all([w.write(async () => 3), w.write(async () => 4)]);
    await expect(Promise.all([first, second])).resolves.toEqual([
      [1, 2],
      [3, 4],
    ]);
    await w.drain();
    expect(w.stats).toEqual({ batches: 2, jobs: 4, replayed: 0 });
  });
});
