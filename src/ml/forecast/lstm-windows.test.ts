import { gaussian, mulberry32 } from 'ml/stats';

import { fromWorkingScale, toWorkingScale } from './lstm-scaling';
import { buildWindows, departureScale, windowCount, windowLevel } from './lstm-windows';

describe('LSTM windows', () => {
  const shape = { lookback: 6, head: 3, levelSpan: 2 };

  it('cuts every window that has a full head, oldest first, measured from its own level', () => {
    const values = Float64Array.from({ length: 20 }, (_, t) => t * t);
    const windows = buildWindows(values, shape, 2);
    expect(windows.count).toBe(windowCount(20, shape));
    expect(windows.count).toBe(20 - 6 - 3 + 1);
    for (const w of [0, 5, windows.count - 1]) {
      const level = (values[w + 4] + values[w + 5]) / 2;
      expect(windowLevel(values, w + 6, 2)).toBe(level);
      for (let j = 0; j < 6; j++) {
        expect(windows.inputs[w * 6 + j]).toBeCloseTo((values[w + j] - level) / 2, 3);
      }
      for (let k = 0; k < 3; k++) {
        expect(windows.targets[w * 3 + k]).toBeCloseTo((values[w + 6 + k] - level) / 2, 3);
      }
    }
  });

  it('has no window when the series is shorter than lookback + head', () => {
    expect(windowCount(8, shape)).toBe(0);
    expect(buildWindows(new Float64Array(8), shape, 1).count).toBe(0);
  });

  it('measures the scale as a robust sigma of departures from the recent level', () => {
    const rng = mulberry32(3);
    const noise = Float64Array.from({ length: 4000 }, () => 5 * gaussian(rng));
    // Departures of white noise from the mean of the 24 before it have sd 5·√(1 + 1/24).
    expect(departureScale(noise, 24)).toBeCloseTo(5 * Math.sqrt(1 + 1 / 24), 0);
    const outage = noise.slice();
    outage.fill(1e6, 100, 140);
    expect(departureScale(outage, 24)).toBeLessThan(1.2 * departureScale(noise, 24));
  });

  it('falls back to a unit scale on a constant series', () => {
    expect(departureScale(new Float64Array(50).fill(7), 5)).toBe(1);
  });
});

describe('LSTM working scale', () => {
  const period = 24;
  const seasonal = Float64Array.from(
    { length: 24 * 12 },
    (_, t) => (100 + t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / period))
  );

  it('takes positive series to logs without their season, and maps forecasts back', () => {
    const scale = toWorkingScale(seasonal, period, true);
    expect(scale.log).toBe(true);
    expect(scale.adjustment.figure).not.toBeNull();
    // The adjusted log series follows the log of the trend: the daily swing (±0.3 in logs) is gone.
    for (let t = 24; t < seasonal.length - 24; t++) {
      expect(Math.abs(scale.values[t] - Math.log(100 + t))).toBeLessThan(0.05);
    }
    const restored = fromWorkingScale(scale, scale.values.slice(), 0);
    for (let t = 0; t < seasonal.length; t += 37) {
      expect(restored[t]).toBeCloseTo(seasonal[t], 6);
    }
  });

  it('stays additive and untransformed when a value is not positive, and keeps the season when asked', () => {
    const shifted = seasonal.map((v) => v - 150);
    const additive = toWorkingScale(shifted, period, true);
    expect(additive.log).toBe(false);
    expect(additive.adjustment.form).toBe('additive');
    const kept = toWorkingScale(shifted, period, false);
    expect(kept.adjustment.figure).toBeNull();
    expect(kept.values).toEqual(shifted);
  });
});
