/**
 * Labeled anomalies re-weighting the detectors, through the anomaly handler. The weights come from an injected
 * provider here (the handler's own dependency, not a stand-in for Grafana or Prometheus); reading them from a real
 * SQLite or PostgreSQL store is tests/integration/detector-weights.test.mjs. Prometheus is the fake of
 * history/testing/fake-prometheus.ts.
 */
import type { DataResponse, QueryDataRequest } from 'backend/grafana/data';
import type { Frame } from 'backend/grafana/frame';
import { QueryTypeMux } from 'backend/grafana/query-type-mux';
import { FIELD } from 'contract/frames';
import { gaussian, mulberry32 } from 'ml/stats';

import { anomalyQueryHandler } from './anomaly';
import type { DetectorWeightsProvider, LabelWeights } from './anomaly/label-weights';
import { anomalyRequest } from './anomaly/testing/anomaly-request';
import { type FakeSeries, fakePrometheus } from './history/testing/fake-prometheus';

const STEP = 30 * 60_000;
const DAY = 48 * STEP;
const END = 1_768_483_800_000;

const series: FakeSeries[] = [
  {
    labels: { instance: 'a' },
    valueAt: (t) => {
      const i = t / STEP;
      return 100 + 20 * Math.sin((2 * Math.PI * i) / 48) + gaussian(mulberry32(1_000_003 + i)) * 2;
    },
  },
];

const request = (): QueryDataRequest =>
  anomalyRequest({
    timeRange: { from: END - DAY + STEP, to: END },
    json: { expr: 'metric', step: '30m', anomaly: { trainingWindow: '4d', seasonality: ['1d'] } },
  });

const DISTRUSTED: LabelWeights = {
  weights: { residual: 0.25, magnitude: 0.25, isolationForest: 0.5 },
  multipliers: { residual: 0.25, magnitude: 0.25, isolationForest: 2 },
  labeled: 37,
};

async function ask(detectorWeights?: DetectorWeightsProvider) {
  const prometheus = fakePrometheus(series);
  const asked: unknown[] = [];
  const provider: DetectorWeightsProvider | undefined = detectorWeights
    ? (ctx) => {
        asked.push(ctx.dataSourceInstanceSettings?.uid);
        return detectorWeights(ctx);
      }
    : undefined;
  const handler = anomalyQueryHandler(async () => prometheus.client, {
    now: () => END + DAY,
    detectorWeights: provider,
  });
  const mux = new QueryTypeMux().handle('anomaly', handler);
  const response = (await mux.queryData(request(), { signal: new AbortController().signal })).get('A') as DataResponse;
  return { response, asked };
}

const scores = (frame: Frame) =>
  Array.from(frame.fields.find((f) => f.name === FIELD.anomalyScore)!.values as ArrayLike<number | null>);

describe('detector weights from labeled anomalies', () => {
  it('scores with the weights the labels give, and says so in a notice', async () => {
    const plain = (await ask()).response;
    const { response: weighted, asked } = await ask(async () => DISTRUSTED);
    expect(asked).toEqual(['traceo-ml']);
    expect(weighted.error).toBeUndefined();
    expect(scores(weighted.frames[0])).not.toEqual(scores(plain.frames[0]));
    const notices = weighted.frames[0].meta?.notices ?? [];
    expect(notices).toContainEqual({
      severity: 'info',
      text: 'Detector weights follow 37 reviewed anomalies (validated precision): residual ×0.25, magnitude ×0.25, isolationForest ×2',
    });
  });

  it('does not score with a model cached under other weights', async () => {
    const prometheus = fakePrometheus(series);
    let current: LabelWeights | undefined;
    const handler = anomalyQueryHandler(async () => prometheus.client, {
      now: () => END + DAY,
      detectorWeights: async () => current,
    });
    const mux = new QueryTypeMux().handle('anomaly', handler);
    const query = async () =>
      (await mux.queryData(request(), { signal: new AbortController().signal })).get('A') as DataResponse;
    await query();
    current = DISTRUSTED;
    const relabeled = await query();
    const cold = (await ask(async () => DISTRUSTED)).response;
    expect(relabeled.frames).toEqual(cold.frames);
  });

  it('scores exactly as without labels when there are none', async () => {
    const plain = (await ask()).response;
    const none = (await ask(async () => undefined)).response;
    expect(none.frames).toEqual(plain.frames);
  });
});
