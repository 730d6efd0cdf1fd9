import type * as tfjs from '@tensorflow/tfjs';

import { GATES, LstmWeights, NetworkShape, readoutWidth } from './lstm-network';
import type { LstmOps } from './lstm-ops';
import type { Windows } from './lstm-windows';
import type { Tf } from '../tf/tf-backend';

/**
 * The network of `lstm-network.ts` as a tfjs graph, batched, for training. Gates have separate matrices rather
 * than one fused 4·hidden product: splitting a fused product's columns costs more on the wasm backend than the
 * three extra small products it saves.
 */
export interface GraphParams {
  /** Per gate, [segment + 1, hidden]. */
  inputKernels: tfjs.Tensor2D[];
  /** Per gate, [hidden, hidden]. */
  recurrentKernels: tfjs.Tensor2D[];
  outputKernel: tfjs.Tensor2D;
  readoutKernel: tfjs.Tensor2D;
}

/** Windows laid out for the graph: one [size, segment + 1] input per recurrent step, the readout input, targets. */
export interface WindowBatch {
  size: number;
  steps: tfjs.Tensor2D[];
  readout: tfjs.Tensor2D;
  targets: tfjs.Tensor2D;
}

/** Tensors holding `w`'s values; the caller disposes them (`paramList`). */
export function graphParams(tf: Tf, w: LstmWeights): GraphParams {
  return buildParams(w, (values, rows, cols) => tf.tensor2d(values, [rows, cols]));
}

/** Trainable variables holding `w`'s values, and the list to hand the optimiser (and to dispose). */
export function trainableParams(tf: Tf, w: LstmWeights): { params: GraphParams; variables: tfjs.Variable[] } {
  const variables: tfjs.Variable[] = [];
  const params = buildParams(w, (values, rows, cols) => {
    const initial = tf.tensor2d(values, [rows, cols]);
    const v = tf.variable(initial);
    // The variable shares the initial tensor's buffer by reference count: drop the tensor's own reference.
    initial.dispose();
    variables.push(v);
    return v;
  });
  return { params, variables };
}

function buildParams(
  w: LstmWeights,
  make: (values: Float32Array, rows: number, cols: number) => tfjs.Tensor2D
): GraphParams {
  const { segment, hidden, head } = w;
  const inputSize = (segment + 1) * hidden;
  const recurrentSize = hidden * hidden;
  const inputKernels: tfjs.Tensor2D[] = [];
  const recurrentKernels: tfjs.Tensor2D[] = [];
  for (let g = 0; g < GATES; g++) {
    inputKernels.push(make(w.inputKernel.subarray(g * inputSize, (g + 1) * inputSize), segment + 1, hidden));
    recurrentKernels.push(make(w.recurrentKernel.subarray(g * recurrentSize, (g + 1) * recurrentSize), hidden, hidden));
  }
  return {
    inputKernels,
    recurrentKernels,
    outputKernel: make(w.outputKernel, hidden, head),
    readoutKernel: make(w.readoutKernel, readoutWidth(w), head),
  };
}

export function paramList(p: GraphParams): tfjs.Tensor2D[] {
  return [...p.inputKernels, ...p.recurrentKernels, p.outputKernel, p.readoutKernel];
}

/** Reads the parameters back into plain weights (a copy: the tensors may be disposed afterwards). */
export function weightsOf(p: GraphParams, shape: NetworkShape): LstmWeights {
  return {
    segment: shape.segment,
    steps: shape.steps,
    hidden: shape.hidden,
    head: shape.head,
    highway: shape.highway,
    inputKernel: concatenated(p.inputKernels),
    recurrentKernel: concatenated(p.recurrentKernels),
    outputKernel: Float32Array.from(p.outputKernel.dataSync()),
    readoutKernel: Float32Array.from(p.readoutKernel.dataSync()),
  };
}

function concatenated(tensors: tfjs.Tensor2D[]): Float32Array {
  const parts = tensors.map((t) => t.dataSync() as Float32Array);
  const out = new Float32Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The windows at `rows` (indices into `windows`) as graph inputs; dispose with `disposeBatch`. */
export function makeBatch(tf: Tf, windows: Windows, shape: NetworkShape, rows: ArrayLike<number>): WindowBatch {
  const { segment, steps, head } = shape;
  const lookback = segment * steps;
  const size = rows.length;
  const stepInputs: tfjs.Tensor2D[] = [];
  for (let s = 0; s < steps; s++) {
    const values = new Float32Array(size * (segment + 1));
    for (let b = 0; b < size; b++) {
      const from = rows[b] * lookback + s * segment;
      values.set(windows.inputs.subarray(from, from + segment), b * (segment + 1));
      values[b * (segment + 1) + segment] = 1;
    }
    stepInputs.push(tf.tensor2d(values, [size, segment + 1]));
  }
  const targets = new Float32Array(size * head);
  for (let b = 0; b < size; b++) {
    targets.set(windows.targets.subarray(rows[b] * head, (rows[b] + 1) * head), b * head);
  }
  return {
    size,
    steps: stepInputs,
    readout: tf.tensor2d(readoutMatrix(windows, shape, rows), [size, readoutWidth(shape)]),
    targets: tf.tensor2d(targets, [size, head]),
  };
}

/** The readout inputs of the windows at `rows`, row-major [rows, readoutWidth]: the window (highway), then 1. */
export function readoutMatrix(windows: Windows, shape: NetworkShape, rows: ArrayLike<number>): Float32Array {
  const lookback = shape.segment * shape.steps;
  const width = readoutWidth(shape);
  const out = new Float32Array(rows.length * width);
  for (let b = 0; b < rows.length; b++) {
    if (shape.highway) {
      out.set(windows.inputs.subarray(rows[b] * lookback, (rows[b] + 1) * lookback), b * width);
    }
    out[b * width + width - 1] = 1;
  }
  return out;
}

export function disposeBatch(tf: Tf, batch: WindowBatch): void {
  tf.dispose([...batch.steps, batch.readout, batch.targets]);
}

/** The last hidden state of every window in the batch, [size, hidden]. */
export function hiddenStates(tf: Tf, ops: LstmOps, p: GraphParams, batch: WindowBatch): tfjs.Tensor2D {
  let h: tfjs.Tensor2D | null = null;
  let c: tfjs.Tensor2D | null = null;
  for (const x of batch.steps) {
    const z: tfjs.Tensor2D[] = [];
    for (let g = 0; g < GATES; g++) {
      const projected = ops.matMul(x, p.inputKernels[g]);
      z.push(h === null ? projected : tf.add<tfjs.Tensor2D>(projected, ops.matMul(h, p.recurrentKernels[g])));
    }
    const written = tf.mul<tfjs.Tensor2D>(ops.sigmoid(z[0]), ops.tanh(z[3]));
    const cell: tfjs.Tensor2D = c === null ? written : tf.add<tfjs.Tensor2D>(tf.mul(ops.sigmoid(z[1]), c), written);
    c = cell;
    h = tf.mul<tfjs.Tensor2D>(ops.sigmoid(z[2]), ops.tanh(cell));
  }
  if (h === null) {
    throw new RangeError('the network needs at least one recurrent step');
  }
  return h;
}

/** The head's output for every window in the batch, [size, head]. */
export function predictions(tf: Tf, ops: LstmOps, p: GraphParams, batch: WindowBatch): tfjs.Tensor2D {
  const h = hiddenStates(tf, ops, p, batch);
  return tf.add(ops.matMul(h, p.outputKernel), ops.matMul(batch.readout, p.readoutKernel));
}
