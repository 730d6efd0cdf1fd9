import { DownstreamError } from 'backend/grafana/errors';
import { parseMatrix, parseSampleValue, parseVector } from './samples';

describe('parseSampleValue', () => {
  it.each([
    ['1.5', 1.5],
    ['-0', -0],
    ['1e-7', 1e-7],
    ['+Inf', Infinity],
    ['Inf', Infinity],
    ['-Inf', -Infinity],
  ])('reads %j', (text, value) => {
    expect(parseSampleValue(text)).toBe(value);
  });

  it('reads NaN as NaN and refuses text that is not a number', () => {
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(() => parseSampleValue('abc')).toThrow(DownstreamError);
  });
});

describe('parseMatrix', () => {
  it('turns each series into labels, millisecond timestamps and float values', () => {
    const series = parseMatrix([
      {
        metric: { __name__: 'up', job: 'node' },
        values: [
          [1700000000.123, '1'],
          [1700000015.123, 'NaN'],
          [1700000030, '+Inf'],
        ],
      },
      { metric: {}, values: [] },
    ]);
    expect(series).toHaveLength(2);
    expect(series[0].labels).toEqual({ __name__: 'up', job: 'node' });
    expect(Array.from(series[0].timestamps)).toEqual([1700000000123, 1700000015123, 1700000030000]);
    expect(series[0].values[0]).toBe(1);
    expect(series[0].values[1]).toBeNaN();
    expect(series[0].values[2]).toBe(Infinity);
    expect(series[1].timestamps).toHaveLength(0);
  });

  it('keeps a series of native histograms with no float points', () => {
    const [series] = parseMatrix([{ metric: { le: 'x' }, histograms: [[1, {}]] }]);
    expect(series.values).toHaveLength(0);
  });

  it.each([
    ['a non-array result', { nope: true }],
    ['non-array values', [{ metric: {}, values: 'x' }]],
    ['a malformed pair', [{ metric: {}, values: [['1', '2']] }]],
    ['a non-object metric', [{ metric: 'up', values: [] }]],
  ])('refuses %s as an unexpected downstream response', (_, result) => {
    expect(() => parseMatrix(result)).toThrow(/Unexpected response from Prometheus/);
  });
});

describe('parseVector', () => {
  it('reads instant samples and skips histogram samples', () => {
    const samples = parseVector([
      { metric: { job: 'a' }, value: [1700000000, '-Inf'] },
      { metric: { job: 'b' }, histogram: [1700000000, {}] },
    ]);
    expect(samples).toEqual([{ labels: { job: 'a' }, timestamp: 1700000000000, value: -Infinity }]);
  });
});
