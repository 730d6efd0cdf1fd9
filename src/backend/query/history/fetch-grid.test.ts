import { fetchGrid } from './fetch-grid';
import { gridBetween, labelKey } from './grid';
import { fakePrometheus } from './testing/fake-prometheus';

const STEP = 60_000;
const signal = new AbortController().signal;

describe('fetchGrid', () => {
  it('cuts the grid into range queries within the point limit and reassembles each series', async () => {
    const { client, calls } = fakePrometheus([
      { labels: { job: 'a' }, valueAt: (t) => t / STEP },
      { labels: { job: 'b' }, valueAt: (t) => (t / STEP < 12 ? undefined : -1) },
    ]);
    const grid = gridBetween(10 * STEP, 34 * STEP, STEP);
    const fetched = await fetchGrid(client, 'up', grid, signal, 10);
    expect(calls.map((c) => [c.startMs / STEP, c.endMs / STEP, c.stepMs])).toEqual([
      [10, 19, STEP],
      [20, 29, STEP],
      [30, 34, STEP],
    ]);
    const a = fetched.series.get(labelKey({ job: 'a' }))!;
    expect(Array.from(a.values)).toEqual(Array.from({ length: 25 }, (_, i) => 10 + i));
    expect([a.first, a.last]).toEqual([0, 24]);
    const b = fetched.series.get(labelKey({ job: 'b' }))!;
    expect(Array.from(b.values.subarray(0, 3))).toEqual([NaN, NaN, -1]);
    expect([b.first, b.last]).toEqual([2, 24]);
  });

  it('cuts a panel-sized grid into the parts of a raw query, so decoding overlaps Prometheus', async () => {
    const { client, calls } = fakePrometheus([{ labels: { job: 'a' }, valueAt: (t) => t / STEP }]);
    // 1,441 points: four parts of at most 361.
    const fetched = await fetchGrid(client, 'up', gridBetween(0, 1440 * STEP, STEP), signal);
    expect(calls.map((c) => [c.startMs / STEP, c.endMs / STEP])).toEqual([
      [0, 360],
      [361, 721],
      [722, 1082],
      [1083, 1440],
    ]);
    const [a] = fetched.series.values();
    expect(Array.from(a.values)).toEqual(Array.from({ length: 1441 }, (_, i) => i));
    // Short grids stay whole.
    calls.length = 0;
    await fetchGrid(client, 'up', gridBetween(0, 500 * STEP, STEP), signal);
    expect(calls).toHaveLength(1);
  });

  it('cancels the chunk in flight beside one that fails', async () => {
    const seen: AbortSignal[] = [];
    const client = {
      queryRange: (_expr: string, startMs: number, _endMs: number, _step: number, s: AbortSignal) => {
        seen.push(s);
        return startMs === 0
          ? Promise.reject(new Error('Prometheus answered 503'))
          : new Promise((_resolve, reject) => s.addEventListener('abort', () => reject(s.reason)));
      },
    };
    await expect(fetchGrid(client as never, 'up', gridBetween(0, 1440 * STEP, STEP), signal)).rejects.toThrow(
      'Prometheus answered 503'
    );
    expect(seen).toHaveLength(2);
    expect(seen[1].aborted).toBe(true);
  });

  it('merges label sets listed in another order and keeps NaN samples as values present', async () => {
    const { client } = fakePrometheus([
      { labels: { a: '1', b: '2' }, valueAt: (t) => (t === 0 ? NaN : undefined) },
      { labels: { b: '2', a: '1' }, valueAt: (t) => (t === STEP ? 5 : undefined) },
    ]);
    const fetched = await fetchGrid(client, 'up', gridBetween(0, 2 * STEP, STEP), signal);
    expect(fetched.series.size).toBe(1);
    const [s] = fetched.series.values();
    expect(Array.from(s.values)).toEqual([NaN, 5, NaN]);
    expect([s.first, s.last]).toEqual([0, 1]);
  });

  it('fetches nothing for an empty grid', async () => {
    const { client, calls } = fakePrometheus([]);
    const fetched = await fetchGrid(client, 'up', gridBetween(STEP, 0, STEP), signal);
    expect(fetched.series.size).toBe(0);
    expect(calls).toEqual([]);
  });
});
