/**
 * Detected anomalies recorded for labeling, through the anomaly handler. The recorder is the handler's own
 * dependency, collected here; storing them in a real SQLite file and PostgreSQL is
 * tests/integration/anomaly-label-loop.test.mjs. Prometheus is the fake of history/testing/fake-prometheus.ts.
 */
import type { AnomalyRecordInput } from 'backend/store';
import { derivedAnomalyId } from 'backend/store/ids';
import { QueryTypeMux } from 'backend/grafana/query-type-mux';
import { DETECTOR_NAMES } from 'ml/ensemble/options';
import { gaussian, mulberry32 } from 'ml/stats';

import { anomalyQueryHandler } from './anomaly';
import { MAX_RECORDED_PER_QUERY } from './anomaly/record-episodes';
import { PROVISIONAL_MS } from './anomaly/score-series';
import { anomalyRequest } from './anomaly/testing/anomaly-request';
import { type FakeSeries, fakePrometheus } from './history/testing/fake-prometheus';

const STEP = 30 * 60_000;
const DAY = 48 * STEP;
const END = 1_768_483_800_000;

function seasonal(labels: Record<string, string>, seed: number, spikes: number[]): FakeSeries {
  return {
    labels,
    valueAt: (t) => {
      const i = t / STEP;
      const noise = gaussian(mulberry32(seed * 1_000_003 + i));
      return 100 + 20 * Math.sin((2 * Math.PI * i) / 48) + noise + (spikes.includes(t) ? 40 : 0);
    },
  };
}

async function recordedBy(series: FakeSeries[], nowMs: number, from = END - DAY + STEP, to = END) {
  const prometheus = fakePrometheus(series);
  const recorded: AnomalyRecordInput[][] = [];
  const handler = anomalyQueryHandler(async () => prometheus.client, {
    now: () => nowMs,
    recordAnomalies: async (_ctx, anomalies) => {
      recorded.push(anomalies);
    },
  });
  const req = anomalyRequest({
    timeRange: { from, to },
    json: { expr: 'metric', step: '30m', anomaly: { trainingWindow: '4d', seasonality: ['1d'] } },
  });
  const response = (
    await new QueryTypeMux().handle('anomaly', handler).queryData(req, { signal: new AbortController().signal })
  ).get('A');
  expect(response?.error).toBeUndefined();
  return recorded;
}

describe('detected anomalies recorded for labeling', () => {
  const spike = END - 10 * STEP;
  const series = [seasonal({ instance: 'a' }, 1, [spike]), seasonal({ instance: 'b' }, 2, [])];

  it('records each settled episode once per query, with its onset, end, peak and detectors', async () => {
    const recorded = await recordedBy(series, END + DAY);
    expect(recorded).toHaveLength(1);
    const [anomaly, ...others] = recorded[0];
    expect(others).toEqual([]);
    expect(anomaly).toMatchObject({
      id: derivedAnomalyId('metric', { instance: 'a' }, spike),
      seriesLabels: { instance: 'a' },
      expr: 'metric',
      startedAt: spike,
      endedAt: spike,
    });
    expect(anomaly.score).toBeGreaterThan(60);
    // The detectors with the strongest evidence, by the names labels credit (label-weights.ts).
    const credited = anomaly.detector!.split(', ');
    expect(credited.length).toBeGreaterThan(0);
    expect(credited.every((name) => (DETECTOR_NAMES as readonly string[]).includes(name))).toBe(true);
  });

  it('gives the same id when the panel moves on, so re-recording is idempotent', async () => {
    const first = await recordedBy(series, END + DAY);
    const moved = await recordedBy(series, END + DAY, END - DAY + 5 * STEP, END + 4 * STEP);
    expect(moved[0].map((a) => a.id)).toContain(first[0][0].id);
  });

  it('leaves out an onset that is still provisional', async () => {
    const recorded = await recordedBy(series, spike + PROVISIONAL_MS / 2);
    expect(recorded[0]).toEqual([]);
  });

  it('records at most a bounded number per query', async () => {
    // Three spikes in each of 90 series (the fake's series limit is 100): more episodes than are recorded.
    const spikes = [spike, spike - 10 * STEP, spike - 20 * STEP];
    const many = Array.from({ length: 90 }, (_, i) => seasonal({ instance: `host-${i}` }, i + 3, spikes));
    const recorded = await recordedBy(many, END + DAY);
    expect(recorded[0]).toHaveLength(MAX_RECORDED_PER_QUERY);
  });
});
