import type { RangeQueryResult } from './client';
import { compareLabels, MAX_PARTS, MIN_STEPS_PER_PART, mergeParts, queryRangeInParts, splitRange } from './split-range';

const STEP = 60_000;

/** Every step timestamp of [start, end], the way Prometheus evaluates a range query. */
function stepsOf(start: number, end: number): number[] {
  const out = [];
  for (let t = start; t <= end; t += STEP) {
    out.push(t);
  }
  return out;
}

describe('splitRange', () => {
  it('keeps a small range whole', () => {
    expect(splitRange(0, (2 * MIN_STEPS_PER_PART - 2) * STEP, STEP)).toEqual([
      [0, (2 * MIN_STEPS_PER_PART - 2) * STEP],
    ]);
  });

  it.each([720, 1440, 1441, 5000, 11_000])('covers %i steps exactly once, on step boundaries', (steps) => {
    const end = 1_700_000_000_000;
    const start = end - (steps - 1) * STEP;
    const parts = splitRange(start, end, STEP);
    expect(parts.length).toBe(Math.min(MAX_PARTS, Math.floor(steps / MIN_STEPS_PER_PART)));
    const covered = parts.flatMap(([from, to]) => stepsOf(from, to));
    expect(covered).toEqual(stepsOf(start, end));
  });

  it('keeps an end that is not on the step grid as the last part end', () => {
    const parts = splitRange(0, 1439 * STEP + 30_000, STEP);
    expect(parts.at(-1)![1]).toBe(1439 * STEP + 30_000);
    expect(parts.flatMap(([from, to]) => stepsOf(from, to))).toEqual(stepsOf(0, 1439 * STEP));
  });
});

function part(series: Array<[Record<string, string>, number[]]>, warnings: string[] = []): RangeQueryResult {
  return {
    series: series.map(([labels, times]) => ({
      labels,
      timestamps: Float64Array.from(times),
      values: Float64Array.from(times, (t) => t / STEP),
    })),
    warnings,
    infos: [],
  };
}

describe('mergeParts', () => {
  it('joins each label set across parts in time order and sorts the series like Prometheus', () => {
    const merged = mergeParts([
      part([[{ job: 'b' }, [0, 1]]], ['w']),
      part(
        [
          [{ job: 'a' }, [2 * STEP]],
          [{ job: 'b' }, [2 * STEP, 3 * STEP]],
        ],
        ['w', 'v']
      ),
    ]);
    expect(merged.series.map((s) => s.labels.job)).toEqual(['a', 'b']);
    expect(Array.from(merged.series[1].timestamps)).toEqual([0, 1, 2 * STEP, 3 * STEP]);
    expect(Array.from(merged.series[1].values)).toEqual([0, 1 / STEP, 2, 3]);
    expect(merged.warnings).toEqual(['w', 'v']);
  });

  it('orders label sets pair by pair, a prefix first', () => {
    expect(compareLabels({ a: '1' }, { a: '1', b: '2' })).toBeLessThan(0);
    expect(compareLabels({ a: '2' }, { a: '1', b: '2' })).toBeGreaterThan(0);
    expect(compareLabels({ __name__: 'x', job: 'a' }, { job: 'a', __name__: 'x' })).toBe(0);
  });
});

describe('queryRangeInParts', () => {
  it('asks for each part once, two at a time, and answers the merged series', async () => {
    const asked: Array<[number, number]> = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const run = async (from: number, to: number) => {
      asked.push([from, to]);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return part([[{ job: 'a' }, stepsOf(from, to)]]);
    };
    const result = await queryRangeInParts(run, 0, 1439 * STEP, STEP);
    expect(asked).toEqual(splitRange(0, 1439 * STEP, STEP));
    expect(maxInFlight).toBe(2);
    expect(Array.from(result.series[0].timestamps)).toEqual(stepsOf(0, 1439 * STEP));
  });

  it('fails as a whole when one part fails, cancelling the part in flight and starting no other', async () => {
    const asked: number[] = [];
    let cancelled = 0;
    const run = (from: number, to: number, signal?: AbortSignal) => {
      asked.push(from);
      if (from > 0) {
        return Promise.reject(new Error('Prometheus rejected the query'));
      }
      return new Promise<RangeQueryResult>((resolve, reject) => {
        signal?.addEventListener('abort', () => {
          cancelled++;
          reject(signal.reason);
        });
        setTimeout(() => resolve(part([[{ job: 'a' }, stepsOf(from, to)]])), 50);
      });
    };
    await expect(queryRangeInParts(run, 0, 1439 * STEP, STEP)).rejects.toThrow('Prometheus rejected the query');
    expect(asked).toHaveLength(2);
    expect(cancelled).toBe(1);
  });

  it('passes the caller cancelling on to every part', async () => {
    const caller = new AbortController();
    const run = (_from: number, _to: number, signal?: AbortSignal) =>
      new Promise<RangeQueryResult>((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(signal.reason))
      );
    const pending = queryRangeInParts(run, 0, 1439 * STEP, STEP, caller.signal);
    caller.abort(new Error('the caller cancelled the request'));
    await expect(pending).rejects.toThrow('the caller cancelled the request');
  });
});
