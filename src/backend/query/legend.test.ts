import { seriesDisplayName } from './legend';

const labels = { __name__: 'http_requests_total', job: 'api', instance: 'a:9090' };

describe('seriesDisplayName', () => {
  it('fills the legend template, blank for missing labels', () => {
    expect(seriesDisplayName(labels, '{{job}} @ {{ instance }} {{missing}}', 'x')).toBe('api @ a:9090 ');
  });

  it('falls back to the Prometheus series notation with sorted labels', () => {
    expect(seriesDisplayName(labels, undefined, 'x')).toBe('http_requests_total{instance="a:9090", job="api"}');
    expect(seriesDisplayName(labels, '__auto', 'x')).toBe('http_requests_total{instance="a:9090", job="api"}');
    expect(seriesDisplayName({ job: 'api' }, undefined, 'x')).toBe('{job="api"}');
    expect(seriesDisplayName({ __name__: 'up' }, undefined, 'x')).toBe('up');
  });

  it('names an unlabeled series after the expression', () => {
    expect(seriesDisplayName({}, undefined, 'sum(rate(x[5m]))')).toBe('sum(rate(x[5m]))');
  });
});
