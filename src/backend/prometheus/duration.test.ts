import { formatPromDuration, parsePromDuration } from './duration';

describe('parsePromDuration', () => {
  it.each([
    ['15s', 15_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['2d12h', 216_000_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['15', 15_000],
    ['0.5', 500],
    [' 30s ', 30_000],
  ])('parses %j as %d ms', (text, ms) => {
    expect(parsePromDuration(text)).toBe(ms);
  });

  it.each(['', 'abc', '1.5m', '-5s', '30m1h', '1s1s', '5 m', '1e3'])('rejects %j', (text) => {
    expect(parsePromDuration(text)).toBeUndefined();
  });
});

describe('formatPromDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [15_000, '15s'],
    [90_000, '1m30s'],
    [86_400_000, '1d'],
    [93_784_005, '1d2h3m4s5ms'],
  ])('formats %d ms as %j', (ms, text) => {
    expect(formatPromDuration(ms)).toBe(text);
  });

  it('round-trips through parsePromDuration', () => {
    for (const ms of [1, 999, 61_001, 3_600_000, 7 * 86_400_000 + 1]) {
      expect(parsePromDuration(formatPromDuration(ms))).toBe(ms);
    }
  });
});
