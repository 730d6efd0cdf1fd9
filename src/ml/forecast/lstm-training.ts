import type * as tfjs from '@tensorflow/tfjs';
import { type Rng, shuffleInPlace } from 'ml/stats';

import {
  disposeBatch,
  GraphParams,
  graphParams,
  hiddenStates,
  makeBatch,
  paramList,
  predictions,
  trainableParams,
  readoutMatrix,
  WindowBatch,
  weightsOf,
} from './lstm-graph';
import { LstmWeights, readoutWidth } from './lstm-network';
import { LstmOps, lstmOps } from './lstm-ops';
import { fitReadout, ReadoutData } from './lstm-readout';
import type { Windows } from './lstm-windows';
import type { Tf } from '../tf/tf-backend';

/**
 * Training the LSTM with tfjs within a wall-clock budget: the head starts at its closed-form ridge optimum for the
 * random recurrence, then Adam tunes everything on the mean absolute error (the M4 errors are absolute, and it
 * shrugs off the odd outage spike) over seeded mini-batches. Early stopping watches the most recent windows, held
 * out: the weights kept are those with the lowest validation error seen, starting with the closed-form ones, so
 * gradient steps can only improve on them.
 *
 * Every tensor is created here and released before returning, on success or failure.
 */
export interface TrainingOptions {
  /** Training stops at the first step that would start after `startedAt + budgetMs`. */
  budgetMs: number;
  startedAt: number;
  now: () => number;
  maxSteps: number;
  batchSize: number;
  learningRate: number;
  /** The most recent windows, held out for early stopping (0: keep the last weights). */
  validationWindows: number;
  /** Steps between validation checks. */
  evaluateEvery: number;
  /** Start from the closed-form ridge head (else from a zero head: gradient steps do all the work). */
  closedFormHead: boolean;
  rng: Rng;
}

export interface TrainingReport {
  steps: number;
  stoppedBy: 'budget' | 'steps';
  /** Relative ridge penalty of the closed-form head (NaN when the head started at zero). */
  ridge: number;
  /** Validation error (normalised units) before the first gradient step. NaN without validation. */
  initialLoss: number;
  bestLoss: number;
  /** Gradient step whose weights were kept (0: the initial ones). */
  bestStep: number;
}

export function trainLstm(
  tf: Tf,
  initial: LstmWeights,
  windows: Windows,
  options: TrainingOptions
): { weights: LstmWeights; report: TrainingReport } {
  const validation = Math.min(Math.max(0, options.validationWindows), windows.count - 1);
  const trainCount = windows.count - validation;
  if (trainCount < 1) {
    throw new RangeError('no training window');
  }
  const ops = lstmOps(tf);
  const trainRows = Int32Array.from({ length: trainCount }, (_, i) => i);
  const start = options.closedFormHead ? withClosedFormHead(tf, ops, initial, windows, trainCount) : null;
  const { params, variables } = trainableParams(tf, start?.weights ?? initial);
  const validationBatch =
    validation > 0
      ? makeBatch(
          tf,
          windows,
          initial,
          Int32Array.from({ length: validation }, (_, i) => trainCount + i)
        )
      : null;
  const optimizer = tf.train.adam(options.learningRate);
  try {
    const validationLoss = (): number => {
      if (validationBatch === null) {
        return NaN;
      }
      const loss = tf.tidy(() => meanAbsoluteError(tf, ops, params, validationBatch));
      const value = loss.dataSync()[0];
      loss.dispose();
      return value;
    };
    const initialLoss = validationLoss();
    let best = weightsOf(params, initial);
    let bestLoss = initialLoss;
    let bestStep = 0;
    const keepIfBetter = (step: number): void => {
      const loss = validationLoss();
      if (loss < bestLoss) {
        bestLoss = loss;
        bestStep = step;
        best = weightsOf(params, initial);
      }
    };

    const batchSize = Math.min(options.batchSize, trainCount);
    const order = trainRows.slice();
    let cursor = trainCount;
    let step = 0;
    let stoppedBy: TrainingReport['stoppedBy'] = 'steps';
    while (step < options.maxSteps) {
      if (options.now() - options.startedAt >= options.budgetMs) {
        stoppedBy = 'budget';
        break;
      }
      if (cursor + batchSize > trainCount) {
        shuffleInPlace(order, options.rng);
        cursor = 0;
      }
      const batch = makeBatch(tf, windows, initial, order.subarray(cursor, cursor + batchSize));
      cursor += batchSize;
      try {
        optimizer.minimize(() => meanAbsoluteError(tf, ops, params, batch), false, variables);
      } finally {
        disposeBatch(tf, batch);
      }
      step++;
      if (validationBatch !== null && step % options.evaluateEvery === 0) {
        keepIfBetter(step);
      }
    }
    if (validationBatch !== null && step % options.evaluateEvery !== 0) {
      keepIfBetter(step);
    }
    if (validationBatch === null) {
      best = weightsOf(params, initial);
      bestStep = step;
    }

    return {
      weights: best,
      report: { steps: step, stoppedBy, ridge: start?.ridge ?? NaN, initialLoss, bestLoss, bestStep },
    };
  } finally {
    tf.dispose(variables);
    if (validationBatch !== null) {
      disposeBatch(tf, validationBatch);
    }
    optimizer.dispose();
  }
}

function meanAbsoluteError(tf: Tf, ops: LstmOps, params: GraphParams, batch: WindowBatch): tfjs.Scalar {
  return tf.mean(tf.abs(tf.sub(predictions(tf, ops, params, batch), batch.targets)));
}

/**
 * `initial` with its head replaced by the ridge readout of its random recurrence, the penalty chosen on the
 * windows after the first `trainCount` (null if no penalty solves).
 */
function withClosedFormHead(
  tf: Tf,
  ops: LstmOps,
  initial: LstmWeights,
  windows: Windows,
  trainCount: number,
  ridges?: readonly number[]
): { weights: LstmWeights; ridge: number } | null {
  const { hidden: hiddenWidth, head } = initial;
  const rows = Int32Array.from({ length: windows.count }, (_, i) => i);
  const params = graphParams(tf, initial);
  const batch = makeBatch(tf, windows, initial, rows);
  let hidden: Float32Array;
  try {
    const states = tf.tidy(() => hiddenStates(tf, ops, params, batch));
    hidden = Float32Array.from(states.dataSync());
    states.dispose();
  } finally {
    disposeBatch(tf, batch);
    tf.dispose(paramList(params));
  }
  const width = readoutWidth(initial);
  const readout = readoutMatrix(windows, initial, rows);
  const part = (from: number, to: number): ReadoutData => ({
    count: to - from,
    hidden: hidden.subarray(from * hiddenWidth, to * hiddenWidth),
    readout: readout.subarray(from * width, to * width),
    targets: windows.targets.subarray(from * head, to * head),
  });
  const validation = trainCount < windows.count ? part(trainCount, windows.count) : null;
  const fitted = fitReadout({ hiddenWidth, readoutWidth: width, head }, part(0, trainCount), validation, ridges);
  if (fitted === null) {
    return null;
  }
  const { outputKernel, readoutKernel, ridge } = fitted;
  return { weights: { ...initial, outputKernel, readoutKernel }, ridge };
}
