import type { Rng } from 'ml/stats';

/**
 * The network: one LSTM layer read over the lookback window cut into segments (each recurrent step sees
 * `segment` consecutive values, as in SegRNN: a week of hourly data is 7 steps of a day rather than 168 steps of
 * an hour, which is what makes training affordable within a budget), and a dense head emitting all `head` future
 * values at once (direct multi-step: no error compounding through fed-back forecasts). With `highway`, the head
 * also reads the window itself linearly (LSTNet's autoregressive highway): the linear part carries the level and
 * the plain autoregression, the recurrent part what is not linear.
 *
 * Weights live in plain typed arrays: tfjs only trains them and every tensor is released when `fit` returns, so a
 * fitted forecaster holds no native memory and forecasting is a small loop here. Kernels are gate-major, in the
 * order input, forget, output, candidate; biases are folded in as the last row of the matrices they follow
 * (inputs and readout get a constant 1 appended), which keeps broadcasting out of the training graph.
 */
export interface NetworkShape {
  /** Values per recurrent step. */
  readonly segment: number;
  /** Recurrent steps per window (lookback = segment × steps). */
  readonly steps: number;
  readonly hidden: number;
  /** Future values emitted per window. */
  readonly head: number;
  /** The head also reads the window linearly. */
  readonly highway: boolean;
}

export interface LstmWeights extends NetworkShape {
  /** [4 gates][segment + 1][hidden]; row `segment` of each gate is its bias. */
  readonly inputKernel: Float32Array;
  /** [4 gates][hidden][hidden]. */
  readonly recurrentKernel: Float32Array;
  /** [hidden][head]: from the last hidden state. */
  readonly outputKernel: Float32Array;
  /** [readoutWidth][head]: from the window (with `highway`) and the constant 1, whose row is the output bias. */
  readonly readoutKernel: Float32Array;
}

export const GATES = 4;
const FORGET_GATE = 1;
const CANDIDATE_GATE = 3;

/** Length of the readout input: the window when it has a highway, then the constant 1. */
export function readoutWidth(shape: NetworkShape): number {
  return (shape.highway ? shape.segment * shape.steps : 0) + 1;
}

/**
 * Glorot-uniform kernels from a seeded generator, a forget-gate bias of 1 (Jozefowicz et al.: remember by default)
 * and a zero head, so the untrained network forecasts the window's level.
 */
export function initialWeights(shape: NetworkShape, rng: Rng): LstmWeights {
  const { segment, hidden, head } = shape;
  const inputKernel = new Float32Array(GATES * (segment + 1) * hidden);
  const recurrentKernel = new Float32Array(GATES * hidden * hidden);
  // Glorot over the fused 4·hidden gate matrix, the usual convention for LSTM kernels.
  const inputLimit = Math.sqrt(6 / (segment + GATES * hidden));
  const recurrentLimit = Math.sqrt(6 / (hidden + GATES * hidden));
  for (let g = 0; g < GATES; g++) {
    const base = g * (segment + 1) * hidden;
    for (let i = 0; i < segment * hidden; i++) {
      inputKernel[base + i] = (2 * rng() - 1) * inputLimit;
    }
    inputKernel.fill(g === FORGET_GATE ? 1 : 0, base + segment * hidden, base + (segment + 1) * hidden);
  }
  for (let i = 0; i < recurrentKernel.length; i++) {
    recurrentKernel[i] = (2 * rng() - 1) * recurrentLimit;
  }
  return {
    ...shape,
    inputKernel,
    recurrentKernel,
    outputKernel: new Float32Array(hidden * head),
    readoutKernel: new Float32Array(readoutWidth(shape) * head),
  };
}

/** Runs the recurrence over one normalised window (`segment × steps` values, oldest first); the last state in `h`. */
export function finalHidden(w: LstmWeights, input: ArrayLike<number>, h: Float64Array): Float64Array {
  const { segment, steps, hidden } = w;
  const z = new Float64Array(GATES * hidden);
  const c = new Float64Array(hidden);
  h.fill(0);
  for (let s = 0; s < steps; s++) {
    for (let g = 0; g < GATES; g++) {
      const inBase = g * (segment + 1) * hidden;
      const recBase = g * hidden * hidden;
      const zBase = g * hidden;
      for (let u = 0; u < hidden; u++) {
        z[zBase + u] = w.inputKernel[inBase + segment * hidden + u];
      }
      for (let j = 0; j < segment; j++) {
        const x = input[s * segment + j];
        const row = inBase + j * hidden;
        for (let u = 0; u < hidden; u++) {
          z[zBase + u] += x * w.inputKernel[row + u];
        }
      }
      for (let k = 0; k < hidden; k++) {
        const hk = h[k];
        const row = recBase + k * hidden;
        for (let u = 0; u < hidden; u++) {
          z[zBase + u] += hk * w.recurrentKernel[row + u];
        }
      }
    }
    for (let u = 0; u < hidden; u++) {
      const inputGate = sigmoid(z[u]);
      const forgetGate = sigmoid(z[FORGET_GATE * hidden + u]);
      const outputGate = sigmoid(z[2 * hidden + u]);
      const candidate = Math.tanh(z[CANDIDATE_GATE * hidden + u]);
      c[u] = forgetGate * c[u] + inputGate * candidate;
      h[u] = outputGate * Math.tanh(c[u]);
    }
  }
  return h;
}

/**
 * Forward pass for one normalised window into `out` (`head` values). Scratch buffers are allocated per call: a
 * forecast runs a handful of windows, not a hot loop.
 */
export function predictWindow(w: LstmWeights, input: ArrayLike<number>, out: Float64Array): Float64Array {
  const { hidden, head } = w;
  const h = finalHidden(w, input, new Float64Array(hidden));
  const width = readoutWidth(w);
  // The constant's row (the bias) is the readout's last.
  for (let k = 0; k < head; k++) {
    out[k] = w.readoutKernel[(width - 1) * head + k];
  }
  for (let j = 0; j < width - 1; j++) {
    const x = input[j];
    const row = j * head;
    for (let k = 0; k < head; k++) {
      out[k] += x * w.readoutKernel[row + k];
    }
  }
  for (let u = 0; u < hidden; u++) {
    const hu = h[u];
    const row = u * head;
    for (let k = 0; k < head; k++) {
      out[k] += hu * w.outputKernel[row + k];
    }
  }
  return out;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
