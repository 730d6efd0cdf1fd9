import { dirname, join } from 'node:path';

import { gaussian, mulberry32 } from 'ml/stats';

import { AutoForecaster } from './auto-forecaster';
import { defaultCandidates } from './candidates';
import { LSTM_CANDIDATE_NAME, lstmOnly, withLstm } from './lstm-candidate';
import { LstmForecaster, LstmForecasterOptions } from './lstm';
import { loadTensorflow, TensorflowRuntime } from '../tf/tf-backend';

let options: LstmForecasterOptions;
let runtime: TensorflowRuntime;

beforeAll(async () => {
  const wasmPaths = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
  runtime = await loadTensorflow({ wasmPaths });
  options = { runtime, horizon: 24, hiddenUnits: 8, segments: 2, budgetMs: Infinity, maxSteps: 10 };
});

function noisySine(n: number): Float64Array {
  const rng = mulberry32(4);
  return Float64Array.from({ length: n }, (_, t) => 80 + 20 * Math.sin((2 * Math.PI * t) / 24) + gaussian(rng));
}

describe('LSTM opt-in', () => {
  it('adds the LSTM to a pool, on the main season, leaving the pool itself alone', () => {
    const pool = withLstm(options)([24, 168], true, {});
    const names = pool.map((c) => c.name);
    expect(names.slice(0, -1)).toEqual(defaultCandidates([24, 168], true, {}).map((c) => c.name));
    expect(names[names.length - 1]).toBe(LSTM_CANDIDATE_NAME);
    expect(pool[pool.length - 1].periods).toEqual([24]);
    expect(pool[pool.length - 1].create()).toBeInstanceOf(LstmForecaster);
    expect(defaultCandidates([24, 168], true, {}).map((c) => c.name)).not.toContain(LSTM_CANDIDATE_NAME);
  });

  it('wraps any pool', () => {
    const pool = withLstm(options, () => [])([24], false, {});
    expect(pool.map((c) => c.name)).toEqual([LSTM_CANDIDATE_NAME]);
  });

  it('forecasts with backtested intervals through the automatic forecaster', () => {
    const y = noisySine(24 * 14);
    const before = runtime.tf.memory().numTensors;
    const forecast = new AutoForecaster({ horizon: 24, periods: [24], candidates: lstmOnly(options) }).fit(y).predict();
    expect(runtime.tf.memory().numTensors).toBe(before);
    expect(forecast.models.map((m) => m.name)).toEqual([LSTM_CANDIDATE_NAME]);
    for (let k = 0; k < 24; k++) {
      expect(forecast.lower[k]).toBeLessThan(forecast.mean[k]);
      expect(forecast.upper[k]).toBeGreaterThan(forecast.mean[k]);
      const truth = 80 + 20 * Math.sin((2 * Math.PI * (y.length + k)) / 24);
      expect(Math.abs(forecast.mean[k] - truth)).toBeLessThan(5);
    }
  });

  it('shares one runtime per process, on the backend it reports', async () => {
    expect(await loadTensorflow({ backend: 'cpu' })).toBe(runtime);
    expect(runtime.tf.getBackend()).toBe(runtime.backend);
    expect(runtime.backend).toBe('wasm');
  });
});
