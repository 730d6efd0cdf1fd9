import { makeAnomaly } from 'components/Labeling/testFixtures';

import { anomalyWindow, seriesExpr } from './anomalyWindow';

const HOUR = 3_600_000;

describe('anomalyWindow', () => {
  it('runs from an hour before the onset to an hour after the end', () => {
    const anomaly = makeAnomaly('a');
    expect(anomalyWindow(anomaly, anomaly.endedAt! + 5 * HOUR)).toEqual({
      from: anomaly.startedAt - HOUR,
      to: anomaly.endedAt! + HOUR,
    });
  });

  it('stops at now while the episode is open or its hour after has not passed', () => {
    const anomaly = makeAnomaly('a', { endedAt: null });
    const now = anomaly.startedAt + 10 * 60_000;
    expect(anomalyWindow(anomaly, now)).toEqual({ from: anomaly.startedAt - HOUR, to: now });
  });
});

describe('seriesExpr', () => {
  const labels = { __name__: 'http_latency', job: 'api', instance: 'a:9090' };

  it('narrows a plain selector to the series, keeping its own matchers', () => {
    expect(seriesExpr('http_latency', labels)).toBe('http_latency{job="api", instance="a:9090"}');
    expect(seriesExpr('http_latency{job=~"a.*"}', labels)).toBe('http_latency{job=~"a.*", instance="a:9090"}');
    expect(seriesExpr('{__name__="up"}', { instance: 'x' })).toBe('{__name__="up", instance="x"}');
  });

  it('keeps any other expression as recorded', () => {
    const expr = 'sum by (job) (rate(http_requests_total[5m]))';
    expect(seriesExpr(expr, { job: 'api' })).toBe(expr);
  });

  it('builds the selector from the labels without an expression, and gives up without either', () => {
    expect(seriesExpr(null, labels)).toBe('http_latency{job="api", instance="a:9090"}');
    expect(seriesExpr(null, {})).toBeUndefined();
  });
});
