import type { RangeQueryResult } from 'backend/prometheus/client';
import {
  captureMetrics,
  captureStep,
  captureWindow,
  HOUR_MS,
  MAX_SERIES_PER_QUERY,
  type RangeQuerier,
} from './capture';

const START = Date.UTC(2025, 0, 1, 12);

function series(n: number, labels: Record<string, string> = {}) {
  return Array.from({ length: n }, (_, i) => ({
    labels: { ...labels, i: String(i) },
    timestamps: Float64Array.from([START, START + 60_000]),
    values: Float64Array.from([1, Number.NaN]),
  }));
}

class FakePrometheus implements RangeQuerier {
  calls: Array<{ expr: string; start: number; end: number; step: number }> = [];
  constructor(private readonly answers: Record<string, RangeQueryResult | Error>) {}
  async queryRange(expr: string, start: number, end: number, step: number): Promise<RangeQueryResult> {
    this.calls.push({ expr, start, end, step });
    const answer = this.answers[expr];
    if (answer instanceof Error) {
      throw answer;
    }
    return answer;
  }
}

describe('captureWindow', () => {
  it('spans an hour before the start to an hour after the end, complete once that hour is over', () => {
    const end = START + 30 * 60_000;
    expect(captureWindow({ startedAt: START, endedAt: end }, end + 2 * HOUR_MS)).toEqual({
      from: START - HOUR_MS,
      to: end + HOUR_MS,
      complete: true,
    });
  });

  it('stops at now while the incident or the hour after it is still running', () => {
    const now = START + 10 * 60_000;
    expect(captureWindow({ startedAt: START, endedAt: null }, now)).toEqual({
      from: START - HOUR_MS,
      to: now,
      complete: false,
    });
  });
});

describe('captureStep', () => {
  it('keeps at most 720 points, in multiples of 15 s', () => {
    expect(captureStep(0, 2 * HOUR_MS)).toBe(15);
    const step = captureStep(0, 26 * HOUR_MS);
    expect(step % 15).toBe(0);
    expect((26 * HOUR_MS) / 1000 / step).toBeLessThanOrEqual(720);
  });
});

describe('captureMetrics', () => {
  it('captures each expression, turns NaN into null and records errors per expression', async () => {
    const prometheus = new FakePrometheus({
      'rate(errors[5m])': { series: series(2, { job: 'api' }), warnings: [], infos: [] },
      'broken(': new Error('parse error at char 8'),
      up: { series: series(MAX_SERIES_PER_QUERY + 3), warnings: [], infos: [] },
    });
    const now = START + 3 * HOUR_MS;
    const capture = await captureMetrics(
      prometheus,
      [
        { name: 'errors', expr: 'rate(errors[5m])' },
        { name: 'bad', expr: 'broken(' },
        { name: 'up', expr: 'up' },
      ],
      { startedAt: START, endedAt: START + HOUR_MS },
      now
    );
    expect(capture).toMatchObject({ capturedAt: now, from: START - HOUR_MS, to: START + 2 * HOUR_MS, complete: true });
    expect(prometheus.calls.every((c) => c.start === START - HOUR_MS && c.step === capture.stepSeconds)).toBe(true);
    const [errors, bad, up] = capture.queries;
    expect(errors.series[0]).toEqual({
      labels: { job: 'api', i: '0' },
      timestamps: [START, START + 60_000],
      values: [1, null],
    });
    expect(bad).toEqual({ name: 'bad', expr: 'broken(', series: [], error: 'parse error at char 8' });
    expect(up.series).toHaveLength(MAX_SERIES_PER_QUERY);
    expect(up.omittedSeries).toBe(3);
  });
});
