import type * as tfjs from '@tensorflow/tfjs';

import { type Rng, shuffleInPlace } from '../stats/random';
import type { Tf } from '../tf/tf-backend';
import { type AutoencoderWeights, layerSizes, paramLayout, weightsOf } from './autoencoder-network';

/**
 * Training the autoencoder with tfjs: Adam on the mean squared reconstruction error over seeded, shuffled
 * mini-batches of windows, for a fixed number of steps unless the wall-clock budget runs out first. The step count,
 * not the clock, is meant to end a fit: the same history and seed then give the same weights (and scores) on
 * every refresh and replica; the budget only caps a fit on a busy machine.
 *
 * The windows go to tfjs once; each step gathers its batch there. Every tensor is created here and released
 * before returning, on success or failure, so the weights come back as plain typed arrays.
 */
export interface AutoencoderTrainingOptions {
  /** Training stops at the first step that would start after `startedAt + budgetMs`. */
  budgetMs: number;
  startedAt: number;
  now: () => number;
  maxSteps: number;
  batchSize: number;
  learningRate: number;
  rng: Rng;
}

export interface AutoencoderTrainingReport {
  steps: number;
  stoppedBy: 'budget' | 'steps';
  /** Mean squared error of the last batch (NaN before any step). */
  lastLoss: number;
}

/** `windows`: row-major [count][window] training windows. */
export function trainAutoencoder(
  tf: Tf,
  initial: AutoencoderWeights,
  windows: Float32Array,
  count: number,
  options: AutoencoderTrainingOptions
): { weights: AutoencoderWeights; report: AutoencoderTrainingReport } {
  if (count < 1) {
    throw new RangeError('no training window');
  }
  const sizes = layerSizes(initial);
  const layout = paramLayout(initial);
  const initialParams = tf.tensor1d(initial.params);
  const params = tf.variable(initialParams);
  // The variable keeps the buffer by reference count: drop the initial tensor's own reference.
  initialParams.dispose();
  const data = tf.tensor2d(windows.subarray(0, count * initial.window), [count, initial.window]);
  const optimizer = tf.train.adam(options.learningRate);
  const last = sizes.length - 1;
  const reconstructionLoss = (batch: tfjs.Tensor2D): tfjs.Scalar => {
    let x: tfjs.Tensor2D = batch;
    for (let l = 0; l <= last; l++) {
      const [inputs, outputs] = sizes[l];
      const kernel = tf.reshape(tf.slice(params, layout.kernels[l], inputs * outputs), [inputs, outputs]);
      const affine = tf.add(tf.matMul(x, kernel), tf.slice(params, layout.biases[l], outputs)) as tfjs.Tensor2D;
      x = l < last ? tf.tanh(affine) : affine;
    }
    return tf.mean(tf.squaredDifference(x, batch));
  };
  try {
    const batchSize = Math.min(options.batchSize, count);
    const order = Int32Array.from({ length: count }, (_, i) => i);
    let cursor = count;
    let steps = 0;
    let stoppedBy: AutoencoderTrainingReport['stoppedBy'] = 'steps';
    let lastLoss: tfjs.Scalar | null = null;
    while (steps < options.maxSteps) {
      if (options.now() - options.startedAt >= options.budgetMs) {
        stoppedBy = 'budget';
        break;
      }
      if (cursor + batchSize > count) {
        shuffleInPlace(order, options.rng);
        cursor = 0;
      }
      const indices = tf.tensor1d(order.subarray(cursor, cursor + batchSize), 'int32');
      const batch = tf.gather(data, indices) as tfjs.Tensor2D;
      cursor += batchSize;
      try {
        const loss = optimizer.minimize(() => reconstructionLoss(batch), true, [params]);
        lastLoss?.dispose();
        lastLoss = loss;
      } finally {
        indices.dispose();
        batch.dispose();
      }
      steps++;
    }
    // One read at the end: a dataSync per step would stall the pipeline for a number nobody looks at.
    const loss = lastLoss === null ? NaN : lastLoss.dataSync()[0];
    lastLoss?.dispose();
    const weights = weightsOf(initial, Float32Array.from(params.dataSync()));
    return { weights, report: { steps, stoppedBy, lastLoss: loss } };
  } finally {
    params.dispose();
    data.dispose();
    optimizer.dispose();
  }
}
