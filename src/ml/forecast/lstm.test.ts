import { dirname, join } from 'node:path';

import { gaussian, mulberry32 } from 'ml/stats';

import { LstmForecaster, LstmForecasterOptions } from './lstm';
import { loadTensorflow, TensorflowRuntime } from '../tf/tf-backend';

let runtime: TensorflowRuntime;

beforeAll(async () => {
  const wasmPaths = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
  runtime = await loadTensorflow({ wasmPaths });
});

const PERIOD = 24;
const HEAD = 24;

/** A daily sine around 50 with optional noise: positive, seasonal, no trend. */
function sine(n: number, noise = 0, seed = 1): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from(
    { length: n },
    (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / PERIOD) + noise * gaussian(rng)
  );
}

/** A small network, so that each fit takes milliseconds. */
function small(options: Partial<LstmForecasterOptions> = {}): LstmForecaster {
  return new LstmForecaster({
    runtime,
    horizon: HEAD,
    hiddenUnits: 8,
    segments: 2,
    budgetMs: Infinity,
    maxSteps: 20,
    ...options,
  });
}

function meanAbsoluteError(actual: Float64Array, forecast: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < actual.length; k++) {
    sum += Math.abs(actual[k] - forecast[k]);
  }
  return sum / actual.length;
}

/** Error of forecasting the training mean for the test values: the bar any model must clear. */
function meanForecastError(train: Float64Array, test: Float64Array): number {
  const mean = train.reduce((a, b) => a + b, 0) / train.length;
  return meanAbsoluteError(test, new Float64Array(test.length).fill(mean));
}

describe('LstmForecaster', () => {
  const DAYS = 12;
  const series = sine(DAYS * PERIOD + 3 * HEAD + 5);
  const train = series.subarray(0, DAYS * PERIOD);
  const test = series.subarray(DAYS * PERIOD, DAYS * PERIOD + HEAD);
  let fitted: LstmForecaster;

  beforeAll(() => {
    fitted = small().fit(train, { periods: [PERIOD] });
  });

  it('learns a clean sine far better than the mean forecast', () => {
    expect(meanAbsoluteError(test, fitted.forecast(HEAD))).toBeLessThan(0.1 * meanForecastError(train, test));
  });

  it('learns a sine by gradient steps alone, without season removal or highway', () => {
    const model = small({
      closedFormHead: false,
      deseasonalise: false,
      highway: false,
      maxSteps: 60,
      learningRate: 0.03,
    });
    const forecast = model.fit(train, { periods: [PERIOD] }).forecast(HEAD);
    const report = model.training!;
    expect(report.bestStep).toBeGreaterThan(0);
    expect(report.bestLoss).toBeLessThan(0.2 * report.initialLoss);
    expect(meanAbsoluteError(test, forecast)).toBeLessThan(0.2 * meanForecastError(train, test));
  });

  it('stops training when the budget is spent', () => {
    let clock = 0;
    // Every reading of the clock advances it by 1 ms: the budget allows about 30 readings.
    const model = small({ budgetMs: 30, maxSteps: Infinity, now: () => clock++ });
    model.fit(sine(200, 1), { periods: [PERIOD] });
    expect(model.training!.stoppedBy).toBe('budget');
    expect(model.training!.steps).toBeGreaterThan(0);
    expect(model.training!.steps).toBeLessThan(30);
  });

  it('respects a real wall-clock budget roughly', () => {
    const budgetMs = 150;
    const started = performance.now();
    const model = small({ budgetMs, maxSteps: Infinity }).fit(sine(300, 1), { periods: [PERIOD] });
    expect(performance.now() - started).toBeLessThan(10 * budgetMs);
    expect(model.training!.stoppedBy).toBe('budget');
  });

  it('releases every tensor it creates', () => {
    const before = runtime.tf.memory().numTensors;
    const model = small({ maxSteps: 12 }).fit(sine(300, 2), { periods: [PERIOD] });
    model.forecast(HEAD);
    expect(runtime.tf.memory().numTensors).toBe(before);
    expect(() => small().fit(new Float64Array(10).fill(1), { periods: [PERIOD] })).toThrow(RangeError);
    expect(runtime.tf.memory().numTensors).toBe(before);
  });

  it('is reproducible for a seed and a step cap, and depends on the seed', () => {
    const y = sine(200, 3);
    const a = small({ seed: 7 })
      .fit(y, { periods: [PERIOD] })
      .forecast(HEAD);
    const b = small({ seed: 7 })
      .fit(y, { periods: [PERIOD] })
      .forecast(HEAD);
    const c = small({ seed: 8 })
      .fit(y, { periods: [PERIOD] })
      .forecast(HEAD);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('bridges NaN gaps', () => {
    const gappy = train.slice();
    gappy.fill(NaN, 100, 110);
    gappy[gappy.length - 1] = NaN;
    const forecast = small()
      .fit(gappy, { periods: [PERIOD] })
      .forecast(HEAD);
    expect(forecast.every(Number.isFinite)).toBe(true);
    expect(meanAbsoluteError(test, forecast)).toBeLessThan(0.2 * meanForecastError(train, test));
  });

  it('refuses series without data or too short to hold enough windows, with a clear message', () => {
    expect(() => small().fit(new Float64Array(300).fill(NaN))).toThrow(/finite observation/);
    expect(() => small().fit(new Float64Array(0))).toThrow(RangeError);
    expect(() => small().fit(sine(50), { periods: [PERIOD] })).toThrow(/LSTM needs at least 63 observations/);
    expect(() => small().forecast(3)).toThrow(/before fit/);
  });

  it('shortens the lookback, then the head, on a short history rather than refusing it', () => {
    // 120 samples cannot hold 16 windows of a week and a 96-step head: fewer segments, a shorter head, recursion.
    const y = sine(120 + 96);
    const model = small({ segments: 7, horizon: 96 }).fit(y.subarray(0, 120), { periods: [PERIOD] });
    const forecast = model.forecast(96);
    expect(forecast.every(Number.isFinite)).toBe(true);
    const later = y.subarray(120);
    expect(meanAbsoluteError(later, forecast)).toBeLessThan(0.2 * meanForecastError(y.subarray(0, 120), later));
  });

  it('forecasts beyond its head by feeding its blocks back', () => {
    const long = fitted.forecast(3 * HEAD + 5);
    expect(long.length).toBe(3 * HEAD + 5);
    expect(Array.from(long.subarray(0, HEAD))).toEqual(Array.from(fitted.forecast(HEAD)));
    const later = series.subarray(DAYS * PERIOD);
    expect(meanAbsoluteError(later, long)).toBeLessThan(0.2 * meanForecastError(train, later));
  });

  it('follows a longer series with update, without retraining', () => {
    const model = small().fit(train.subarray(0, train.length - PERIOD), { periods: [PERIOD] });
    const steps = model.training!.steps;
    const refreshed = model.update(train).forecast(HEAD);
    expect(model.training!.steps).toBe(steps);
    expect(meanAbsoluteError(test, refreshed)).toBeLessThan(0.1 * meanForecastError(train, test));
    expect(() => model.update(train.map((v) => v - 55))).toThrow(/changed sign/);
  });

  it('forecasts a constant series flat, and a series crossing zero without logs', () => {
    const flat = small()
      .fit(new Float64Array(200).fill(4), { periods: [PERIOD] })
      .forecast(HEAD);
    flat.forEach((v) => expect(v).toBeCloseTo(4, 6));
    const centred = train.map((v) => v - 50);
    const forecast = small()
      .fit(centred, { periods: [PERIOD] })
      .forecast(HEAD);
    const centredTest = test.map((v) => v - 50);
    expect(meanAbsoluteError(centredTest, forecast)).toBeLessThan(0.1 * meanForecastError(centred, centredTest));
  });

  it('rejects nonsensical options', () => {
    expect(() => new LstmForecaster({ runtime, horizon: 0 })).toThrow(RangeError);
    expect(() => new LstmForecaster({ runtime, budgetMs: -1 })).toThrow(RangeError);
  });
});
