import { dirname, join } from 'node:path';

import type * as tfjs from '@tensorflow/tfjs';
import { mulberry32 } from 'ml/stats';

import { disposeBatch, graphParams, makeBatch, paramList, predictions } from './lstm-graph';
import { initialWeights, LstmWeights, NetworkShape, predictWindow } from './lstm-network';
import { lstmOps } from './lstm-ops';
import { buildWindows } from './lstm-windows';
import { loadTensorflow, Tf } from '../tf/tf-backend';

let tf: Tf;

beforeAll(async () => {
  const wasmPaths = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
  tf = (await loadTensorflow({ wasmPaths })).tf;
});

/** Random weights everywhere, the head included (fresh weights have a zero head, which would hide it). */
function randomWeights(shape: NetworkShape, seed: number): LstmWeights {
  const rng = mulberry32(seed);
  const w = initialWeights(shape, rng);
  const randomise = (a: Float32Array) => a.forEach((_, i) => (a[i] = rng() - 0.5));
  randomise(w.outputKernel);
  randomise(w.readoutKernel);
  return w;
}

describe('LSTM ops for the wasm backend', () => {
  it('have the values and gradients of the built-ins', () => {
    const ops = lstmOps(tf);
    const rng = mulberry32(5);
    const x = tf.tensor2d(
      Float32Array.from({ length: 12 }, () => 4 * rng() - 2),
      [3, 4]
    );
    const w = tf.tensor2d(
      Float32Array.from({ length: 20 }, () => rng() - 0.5),
      [4, 5]
    );
    type Op = (a: tfjs.Tensor) => tfjs.Tensor;
    const as2d = (a: tfjs.Tensor) => a as tfjs.Tensor2D;
    const pairs: Array<[Op, Op]> = [
      [(a) => ops.sigmoid(as2d(a)), (a) => tf.sigmoid(a)],
      [(a) => ops.tanh(as2d(a)), (a) => tf.tanh(a)],
      [(a) => ops.matMul(as2d(a), w), (a) => tf.matMul(as2d(a), w)],
    ];
    // A non-uniform upstream gradient, so that a wrong transpose cannot cancel out.
    const weighted =
      (f: Op): Op =>
      (a) => {
        const y = f(a);
        return tf.sum(tf.mul(y, tf.range(1, 1 + y.size).reshape(y.shape)));
      };
    for (const [ours, builtIn] of pairs) {
      const values = tf.tidy(() => [ours(x).dataSync(), builtIn(x).dataSync()]);
      const grads = tf.tidy(() => [tf.grad(weighted(ours))(x).dataSync(), tf.grad(weighted(builtIn))(x).dataSync()]);
      values[0].forEach((v, i) => expect(v).toBeCloseTo(values[1][i], 5));
      grads[0].forEach((g, i) => expect(g).toBeCloseTo(grads[1][i], 4));
    }
    const weightGrads = tf.tidy(() => [
      tf
        .grad((b) => tf.sum(tf.square(ops.matMul(x, as2d(b)))))(w)
        .dataSync(),
      tf
        .grad((b) => tf.sum(tf.square(tf.matMul(x, as2d(b)))))(w)
        .dataSync(),
    ]);
    weightGrads[0].forEach((g, i) => expect(g).toBeCloseTo(weightGrads[1][i], 4));
    tf.dispose([x, w]);
  });
});

describe('LSTM graph', () => {
  it.each([true, false])('computes what the plain TypeScript forward pass does (highway %s)', (highway) => {
    const shape = { segment: 4, steps: 3, hidden: 5, head: 6, highway };
    const weights = randomWeights(shape, 11);
    const rng = mulberry32(2);
    const series = Float64Array.from({ length: 60 }, (_, t) => Math.sin(t / 3) + rng());
    const windows = buildWindows(series, { lookback: 12, head: 6, levelSpan: 4 }, 0.7);
    const rows = Int32Array.from([0, 7, windows.count - 1]);
    const before = tf.memory().numTensors;
    const params = graphParams(tf, weights);
    const batch = makeBatch(tf, windows, weights, rows);
    const ops = lstmOps(tf);
    const graph = tf.tidy(() => predictions(tf, ops, params, batch).dataSync());
    disposeBatch(tf, batch);
    tf.dispose(paramList(params));
    expect(tf.memory().numTensors).toBe(before);

    const out = new Float64Array(6);
    rows.forEach((row, b) => {
      predictWindow(weights, windows.inputs.subarray(row * 12, (row + 1) * 12), out);
      out.forEach((v, k) => expect(graph[b * 6 + k]).toBeCloseTo(v, 4));
    });
  });
});
