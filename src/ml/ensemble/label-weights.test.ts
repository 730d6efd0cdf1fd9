import { resolveOptions } from './options';
import { PRIOR_LABELS, validatedPrecision, weightsFromVerdicts } from './label-weights';

const BASE = resolveOptions({}).weights;

describe('detector weights from labels', () => {
  it('shrinks precision towards one half with few labels', () => {
    expect(validatedPrecision({ confirmed: 0, falseAlarms: 0 })).toBe(0.5);
    expect(validatedPrecision({ confirmed: 1, falseAlarms: 0 })).toBeCloseTo(3 / (1 + PRIOR_LABELS));
    expect(validatedPrecision({ confirmed: 90, falseAlarms: 10 })).toBeCloseTo(92 / 104);
  });

  it('lowers a detector whose alarms are false and raises one whose alarms hold', () => {
    const weights = weightsFromVerdicts(
      { isolationForest: { confirmed: 2, falseAlarms: 30 }, residual: { confirmed: 40, falseAlarms: 4 } },
      BASE
    );
    expect(weights.isolationForest!).toBeLessThan(BASE.isolationForest);
    expect(weights.residual!).toBeGreaterThan(BASE.residual);
    expect(weights).not.toHaveProperty('magnitude');
  });

  it('never switches a detector off nor lets one dominate', () => {
    const weights = weightsFromVerdicts(
      { shift: { confirmed: 0, falseAlarms: 10_000 }, magnitude: { confirmed: 10_000, falseAlarms: 0 } },
      BASE
    );
    expect(weights.shift).toBe(BASE.shift / 4);
    expect(weights.magnitude).toBe(BASE.magnitude * 2);
  });

  it('moves in quarter steps of log2, so one more label rarely changes a weight', () => {
    const before = weightsFromVerdicts({ residual: { confirmed: 30, falseAlarms: 10 } }, BASE).residual!;
    const after = weightsFromVerdicts({ residual: { confirmed: 31, falseAlarms: 10 } }, BASE).residual!;
    expect(after).toBe(before);
    expect(Math.log2(before / BASE.residual) / 0.25).toBeCloseTo(Math.round(Math.log2(before / BASE.residual) / 0.25));
  });

  it('ignores detectors without verdicts', () => {
    expect(weightsFromVerdicts({ residual: { confirmed: 0, falseAlarms: 0 } }, BASE)).toEqual({});
  });
});
