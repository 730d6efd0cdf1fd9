import type { DataQuery } from 'backend/grafana/data';
import { parsePromQueryModel } from './query-model';

const query = (json: unknown): DataQuery => ({
  refId: 'A',
  queryType: 'raw',
  maxDataPoints: 100,
  intervalMs: 1000,
  timeRange: { from: 0, to: 1 },
  json,
});

describe('parsePromQueryModel', () => {
  it('reads the model, ignoring the keys Grafana adds', () => {
    const model = parsePromQueryModel(
      query({
        expr: 'up',
        legendFormat: '{{job}}',
        output: 'alert',
        step: '1m',
        datasource: { uid: 'x' },
        intervalMs: 5,
      })
    );
    expect(model).toEqual({ expr: 'up', legendFormat: '{{job}}', output: 'alert', stepMs: 60_000 });
  });

  it('defaults output to panel and treats empty legend and step as unset', () => {
    expect(parsePromQueryModel(query({ expr: 'up', legendFormat: '', step: ' ' }))).toEqual({
      expr: 'up',
      legendFormat: undefined,
      output: 'panel',
      stepMs: undefined,
    });
  });

  it.each([
    [{}, 'The query has no PromQL expression'],
    [{ expr: '   ' }, 'The query has no PromQL expression'],
    [{ expr: 42 }, 'expr must be a string'],
    [{ expr: 'up', output: 'graph' }, 'output must be one of panel, alert'],
    [{ expr: 'up', step: 'soon' }, 'step "soon" is not a Prometheus duration'],
  ])('refuses %j with a 400', (json, message) => {
    expect(() => parsePromQueryModel(query(json))).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => parsePromQueryModel(query(json))).toThrow(message);
  });
});
