import { fetchGrid } from './fetch-grid';
import { gridBetween } from './grid';
import { GridFetchCache, MAX_AGE_MS, OVERLAP_MS } from './incremental-fetch';
import { type FakeSeries, fakePrometheus } from './testing/fake-prometheus';

const STEP = 60_000;
const signal = new AbortController().signal;
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % STEP);
const at = (minutes: number) => T0 + minutes * STEP;

/** What a whole fetch of the same grid answers, from a Prometheus of its own. */
async function whole(series: FakeSeries[], fromMin: number, toMin: number) {
  return fetchGrid(fakePrometheus(series).client, 'up', gridBetween(at(fromMin), at(toMin), STEP), signal);
}

describe('GridFetchCache', () => {
  // a: always there; b: vanishes at minute 30; c: appears at minute 125.
  const series: FakeSeries[] = [
    { labels: { job: 'a' }, valueAt: (t) => (t - T0) / STEP },
    { labels: { job: 'b' }, valueAt: (t) => (t < at(30) ? -1 : undefined) },
    { labels: { job: 'c' }, valueAt: (t) => (t >= at(125) ? 7 : undefined) },
  ];

  it('answers a refresh like a whole fetch while asking Prometheus only for the overlap window and what is new', async () => {
    const { client, calls } = fakePrometheus(series);
    const cache = new GridFetchCache();
    await cache.fetch('k', client, 'up', gridBetween(at(0), at(120), STEP), signal, at(121));
    expect(calls.map((c) => [(c.startMs - T0) / STEP, (c.endMs - T0) / STEP])).toEqual([[0, 120]]);
    calls.length = 0;

    // Five minutes later the panel moved on by five minutes.
    const refreshed = await cache.fetch('k', client, 'up', gridBetween(at(5), at(130), STEP), signal, at(126));
    // Settled after the first fetch: up to 10 minutes before it (minute 111); everything after is asked for.
    expect(calls.map((c) => [(c.startMs - T0) / STEP, (c.endMs - T0) / STEP])).toEqual([[112, 130]]);
    expect(refreshed).toEqual(await whole(series, 5, 130));
  });

  it('asks again for the overlap window on every refresh, so late samples there are seen', async () => {
    let late = false;
    const changing: FakeSeries[] = [{ labels: { job: 'a' }, valueAt: (t) => (late && t === at(118) ? 99 : 1) }];
    const { client, calls } = fakePrometheus(changing);
    const cache = new GridFetchCache();
    const grid = gridBetween(at(0), at(120), STEP);
    await cache.fetch('k', client, 'up', grid, signal, at(121));
    late = true;
    const refreshed = await cache.fetch('k', client, 'up', grid, signal, at(122));
    expect(calls).toHaveLength(2);
    expect(refreshed.series.values().next().value!.values[118]).toBe(99);
  });

  it('takes the overlap window it is given', async () => {
    const { client, calls } = fakePrometheus(series);
    const cache = new GridFetchCache();
    const grid = gridBetween(at(0), at(120), STEP);
    await cache.fetch('k', client, 'up', grid, signal, at(121), 30 * STEP);
    await cache.fetch('k', client, 'up', grid, signal, at(121), 30 * STEP);
    // Settled up to 30 minutes before the first fetch (minute 91): from minute 92 on is asked for again.
    expect((calls[1].startMs - T0) / STEP).toBe(92);
  });

  it('fetches the whole range again after an hour, and when the range starts earlier or the step differs', async () => {
    const { client, calls } = fakePrometheus(series);
    const cache = new GridFetchCache();
    const grid = gridBetween(at(10), at(120), STEP);
    await cache.fetch('k', client, 'up', grid, signal, at(121));
    await cache.fetch('k', client, 'up', grid, signal, at(121) + MAX_AGE_MS + 1);
    await cache.fetch('k', client, 'up', gridBetween(at(0), at(120), STEP), signal, at(121) + MAX_AGE_MS + 2);
    await cache.fetch('k', client, 'up', gridBetween(at(0), at(120), 2 * STEP), signal, at(121) + MAX_AGE_MS + 3);
    expect(calls.map((c) => (c.startMs - T0) / STEP)).toEqual([10, 10, 0, 0]);
    // A range entirely within the overlap window of the last fetch has nothing settled to reuse.
    calls.length = 0;
    const now = at(200);
    const recent = gridBetween(now - OVERLAP_MS + STEP, now, STEP);
    await cache.fetch('k2', client, 'up', recent, signal, now);
    await cache.fetch('k2', client, 'up', recent, signal, now);
    expect(calls.map((c) => c.startMs)).toEqual([recent.startMs, recent.startMs]);
  });

  it('keeps separate entries per key and stays within its memory budget', async () => {
    const { client } = fakePrometheus(series);
    const cache = new GridFetchCache({ maxBytes: 4000, maxEntries: 10 });
    for (const key of ['a', 'b', 'c']) {
      await cache.fetch(key, client, 'up', gridBetween(at(0), at(120), STEP), signal, at(121));
    }
    // Each entry holds three series (one without samples yet) of 121 points, ~3.5 KB: only the last fits.
    expect(cache.size).toBe(1);
  });
});
