import { findUninterpolatedVariables, interpolateMacros } from './macros';

const plan = { stepMs: 60_000, rangeMs: 86_400_400, rateIntervalMs: 75_000 };

describe('interpolateMacros', () => {
  it.each([
    ['rate(x[$__interval])', 'rate(x[1m])'],
    ['rate(x[${__interval}])', 'rate(x[1m])'],
    ['x / $__interval_ms', 'x / 60000'],
    ['increase(x[$__range])', 'increase(x[86400s])'],
    ['x * $__range_s', 'x * 86400'],
    ['x * ${__range_ms}', 'x * 86400400'],
    ['rate(x[$__rate_interval])', 'rate(x[1m15s])'],
    ['x > $__rate_interval_ms', 'x > 75000'],
  ])('replaces %j', (expr, expected) => {
    expect(interpolateMacros(expr, plan)).toBe(expected);
  });

  it('replaces every occurrence and leaves unknown names and plain variables alone', () => {
    expect(interpolateMacros('rate(a[$__interval]) + rate(b[$__interval]) + $__unknown + $job', plan)).toBe(
      'rate(a[1m]) + rate(b[1m]) + $__unknown + $job'
    );
  });

  it('does not treat a longer name as a shorter macro plus text', () => {
    expect(interpolateMacros('$__intervalx', plan)).toBe('$__intervalx');
  });
});

describe('findUninterpolatedVariables', () => {
  it('lists dashboard variables left in the expression once each', () => {
    expect(findUninterpolatedVariables('up{job="$job", instance=~"${instance}"} + up{job="$job"} + [[host]]')).toEqual([
      '$job',
      '${instance}',
      '[[host]]',
    ]);
    expect(findUninterpolatedVariables('sum(rate(x[5m]))')).toEqual([]);
  });
});
