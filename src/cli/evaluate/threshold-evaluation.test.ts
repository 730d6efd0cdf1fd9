import {
  evaluateThresholdCrossings,
  freshCrossings,
  isSustained,
  ThresholdProtocol,
  thresholdOrigins,
  ThresholdSeries,
} from './threshold-evaluation';
import { ThresholdPredictor } from './threshold-predictors';

const protocol: ThresholdProtocol = { window: 20, horizon: 8, stride: 2, quietStride: 10, sustainedSamples: 3 };

/** Flat at 0 with a spike at 60, and a ramp from index 80 that crosses 10 at index 90 and stays across. */
function series(): ThresholdSeries {
  const values = new Float64Array(120);
  values[60] = 50;
  for (let t = 80; t < 120; t++) {
    values[t] = t - 80;
  }
  return { name: 'ramp', values, evalStart: 40, threshold: 10 };
}

/** Knows the future: answers the true steps to the crossing (an upper bound for any method). */
function oracle(s: ThresholdSeries): ThresholdPredictor {
  return {
    name: 'oracle',
    predict(history, threshold, horizon) {
      const t = history.length - 1;
      for (let k = 1; k <= horizon; k++) {
        if (s.values[t + k] >= threshold) {
          return k;
        }
      }
      return null;
    },
  };
}

const never: ThresholdPredictor = { name: 'never', predict: () => null };
const always: ThresholdPredictor = { name: 'always', predict: () => 1 };

describe('time-to-threshold evaluation', () => {
  it('finds fresh crossings and tells sustained ones from spikes', () => {
    const s = series();
    expect(freshCrossings(s, protocol)).toEqual([60, 90]);
    expect(isSustained(s, 60, 3)).toBe(false);
    expect(isSustained(s, 90, 3)).toBe(true);
    const { origins, spikes } = thresholdOrigins([s], protocol);
    expect(spikes).toBe(1);
    expect(origins.filter((o) => o.truth !== null).map((o) => o.truth)).toEqual([8, 6, 4, 2]);
  });

  it('scores a perfect predictor, a silent one and a trigger-happy one', () => {
    const s = series();
    const result = evaluateThresholdCrossings([s], [oracle(s), never, always], protocol);
    expect(result.events).toBe(1);
    const [perfect, silent, eager] = result.methods;
    expect(perfect.detected).toBe(1);
    expect(perfect.meanLeadSteps).toBe(8);
    expect(perfect.meanAbsErrorSteps).toBe(0);
    expect(perfect.falseAlarmRate).toBe(0);
    expect(silent.detected).toBe(0);
    expect(Number.isNaN(silent.meanLeadSteps)).toBe(true);
    expect(eager.falseAlarmRate).toBe(1);
    // Predicting 1 step at leads 8, 6, 4, 2: errors 7, 5, 3, 1.
    expect(eager.meanAbsErrorSteps).toBe(4);
  });
});
