import { isValidStep } from './step';

describe('isValidStep', () => {
  it.each([
    '',
    '  ',
    undefined,
    '30s',
    '1m',
    '1m30s',
    '500ms',
    '2h',
    '1d',
    '15',
    '0.5',
    '$step',
    '${step}',
    '$__interval',
  ])('accepts %p', (step) => expect(isValidStep(step)).toBe(true));

  it.each(['30 s', '1 minute', 'm', '-5s', '1.5m', 'abc', '${}', '30s,1m'])('rejects %p', (step) =>
    expect(isValidStep(step)).toBe(false)
  );
});
