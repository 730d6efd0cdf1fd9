import { InlineScoring } from '../series-scoring';
import { ANOMALY_WORKERS_ENV, anomalyWorkerCount, defaultAnomalyScoring } from './default-scoring';
import { AnomalyWorkerPool } from './pool';
import { testWorkerCode } from './testing/worker-code';

describe('anomaly worker count', () => {
  it('leaves one core to the main thread, at least one worker, at most the cap', () => {
    expect(anomalyWorkerCount({}, 1)).toBe(1);
    expect(anomalyWorkerCount({}, 2)).toBe(1);
    expect(anomalyWorkerCount({}, 3)).toBe(2);
    expect(anomalyWorkerCount({}, 64)).toBe(4);
    expect(anomalyWorkerCount({ [ANOMALY_WORKERS_ENV]: '16' }, 64)).toBe(16);
    expect(anomalyWorkerCount({ [ANOMALY_WORKERS_ENV]: '2' }, 2)).toBe(1);
  });

  it('scores inline with the setting at 0, and ignores a setting that is not a count', () => {
    expect(anomalyWorkerCount({ [ANOMALY_WORKERS_ENV]: '0' }, 8)).toBe(0);
    expect(anomalyWorkerCount({ [ANOMALY_WORKERS_ENV]: 'many' }, 8)).toBe(4);
    expect(anomalyWorkerCount({ [ANOMALY_WORKERS_ENV]: '-1' }, 8)).toBe(4);
  });
});

describe('default anomaly scoring', () => {
  it('is a worker pool when the worker code is there, inline when not or when switched off', async () => {
    const pooled = defaultAnomalyScoring({}, testWorkerCode);
    expect(pooled).toBeInstanceOf(AnomalyWorkerPool);
    await pooled.close();
    expect(defaultAnomalyScoring({}, () => undefined)).toBeInstanceOf(InlineScoring);
    expect(defaultAnomalyScoring({ [ANOMALY_WORKERS_ENV]: '0' }, testWorkerCode)).toBeInstanceOf(InlineScoring);
  });
});
