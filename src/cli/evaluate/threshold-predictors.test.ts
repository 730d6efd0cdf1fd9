import { syntheticSeries } from 'ml/forecast/synthetic';

import { FailureForecastCache, failureForecastPredictor, predictLinear } from './threshold-predictors';

describe('time-to-threshold predictors', () => {
  const line = Float64Array.from({ length: 100 }, (_, t) => 10 + 0.5 * t);

  it('predict_linear solves the least-squares line for the crossing', () => {
    // The line is at 59.5 at the last sample and gains 0.5 per step: 70 is reached in 21 steps.
    expect(predictLinear(50).predict(line, 70, 24)).toBe(21);
    expect(predictLinear(50).predict(line, 90, 24)).toBeNull();
    expect(
      predictLinear(50).predict(
        line.map((v) => 100 - v),
        70,
        24
      )
    ).toBeNull();
  });

  it('predict_linear alarms at once when its line is already across', () => {
    const jump = Float64Array.from({ length: 50 }, (_, t) => (t < 25 ? 0 : 100));
    jump[49] = 40;
    expect(predictLinear(50).predict(jump, 45, 24)).toBe(1);
  });

  it('the failure forecast sees a ramp coming, and a cut-off lower than ½ alarms at least as often', () => {
    const ramp = syntheticSeries({ length: 300, level: 0, slope: 0.2, noise: 0.2, seed: 12 });
    const cache = new FailureForecastCache();
    const strict = failureForecastPredictor(300, 0.5, cache);
    const eager = failureForecastPredictor(300, 0.2, cache);
    // The ramp is at ~60 and gains 0.2 per step: 62 is ~10 steps away.
    const steps = strict.predict(ramp, 62, 24);
    expect(steps).not.toBeNull();
    expect(Math.abs((steps as number) - 10)).toBeLessThanOrEqual(4);
    for (const threshold of [62, 64, 66, 70, 80]) {
      if (strict.predict(ramp, threshold, 24) !== null) {
        expect(eager.predict(ramp, threshold, 24)).not.toBeNull();
      }
    }
    expect(eager.predict(ramp, 200, 24)).toBeNull();
  });
});
