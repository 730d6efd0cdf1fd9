import { anomalyTitle, detectorNames, seriesName } from './anomalyText';
import { makeAnomaly } from './testFixtures';

describe('anomalyText', () => {
  it('prints a series as Prometheus does, labels in name order', () => {
    expect(seriesName({ job: 'api', __name__: 'up', instance: 'a' })).toBe('up{instance="a", job="api"}');
    expect(seriesName({ __name__: 'up' })).toBe('up');
    expect(seriesName({ job: 'api' })).toBe('{job="api"}');
  });

  it('titles an anomaly by its series, or by its expression without labels', () => {
    expect(anomalyTitle(makeAnomaly('x', { seriesLabels: { __name__: 'up' } }))).toBe('up');
    expect(anomalyTitle(makeAnomaly('x', { seriesLabels: {}, expr: 'sum(rate(x[5m]))' }))).toBe('sum(rate(x[5m]))');
  });

  it('splits the stored detector names', () => {
    expect(detectorNames(makeAnomaly('x', { detector: 'shift, isolationForest' }))).toEqual([
      'shift',
      'isolationForest',
    ]);
    expect(detectorNames(makeAnomaly('x', { detector: null }))).toEqual([]);
  });
});
