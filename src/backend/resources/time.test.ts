import { isoTime, parseInstant } from './time';

const NOON = Date.UTC(2025, 0, 1, 12);

describe('parseInstant', () => {
  it.each([
    ['2025-01-01T12:00:00Z', NOON],
    ['2025-01-01T12:00:00.123456789Z', NOON + 123],
    ['2025-01-01T14:00:00+02:00', NOON],
    ['2025-01-01T07:00:00-0500', NOON],
    ['2025-01-01 12:00:00', NOON],
    ['2025-01-01T12:00', NOON],
    [' 1735732800 ', NOON],
    ['1735732800000', NOON],
    [1735732800, NOON],
    [1735732800000, NOON],
    [1735732800.5, NOON + 500],
  ])('reads %j', (input, expected) => {
    expect(parseInstant(input)).toBe(expected);
  });

  it.each([
    '0001-01-01T00:00:00Z',
    '2025-02-31T00:00:00Z',
    '2025-13-01T00:00:00Z',
    'yesterday',
    '',
    '2400-01-01T00:00:00Z',
    Number.NaN,
    0,
  ])('treats %j as no time', (input) => {
    expect(parseInstant(input)).toBeUndefined();
  });
});

describe('isoTime', () => {
  it('writes UTC ISO 8601 with milliseconds', () => {
    expect(isoTime(NOON + 5)).toBe('2025-01-01T12:00:00.005Z');
  });
});
