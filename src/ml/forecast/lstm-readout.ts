/**
 * Closed-form start for the LSTM's head. Gradient steps are the scarce resource of a budgeted fit (a few dozen
 * per series), so they should not be spent finding the obvious: with the randomly initialised recurrence fixed,
 * the head is a linear map from [last hidden state, readout inputs] to the targets, and ridge regression gives
 * its optimum at once (the echo-state-network readout). Backpropagation then tunes recurrence and head together
 * from there.
 *
 * The penalty matters: a week of inputs is strongly collinear and the windows overlap, so a weakly penalised
 * highway extrapolates wildly on some series. It is chosen per series on the held-out recent windows.
 */
import { choleskyFactorInPlace } from './linear-algebra';

export interface ReadoutData {
  count: number;
  /** Row-major [count, hiddenWidth]: the last hidden states. */
  hidden: Float32Array;
  /** Row-major [count, readoutWidth]; the last column is the constant 1 (left unpenalised). */
  readout: Float32Array;
  /** Row-major [count, head]. */
  targets: Float32Array;
}

export interface ReadoutShape {
  hiddenWidth: number;
  readoutWidth: number;
  head: number;
}

export interface Readout {
  /** [hiddenWidth, head]. */
  outputKernel: Float32Array;
  /** [readoutWidth, head]. */
  readoutKernel: Float32Array;
  /** The relative penalty chosen. */
  ridge: number;
  /** Mean absolute error on the validation windows (NaN without them). */
  validationError: number;
}

/** Penalties tried, relative to the Gram matrix's mean diagonal. */
export const RIDGE_GRID = [1e-3, 1e-2, 1e-1, 1, 10];

/**
 * The ridge readout with the penalty of `ridges` that does best on `validation` (the first that solves when there
 * is no validation). Null when no penalty gives a positive-definite system: the head keeps its initial values.
 */
export function fitReadout(
  shape: ReadoutShape,
  train: ReadoutData,
  validation: ReadoutData | null,
  ridges: readonly number[] = RIDGE_GRID
): Readout | null {
  const p = shape.hiddenWidth + shape.readoutWidth;
  const { gram, cross } = normalEquations(shape, train);
  let trace = 0;
  for (let a = 0; a < p; a++) {
    trace += gram[a * p + a];
  }
  let best: Readout | null = null;
  for (const ridge of ridges) {
    const solution = ridgeSolve(gram, cross, p, shape.head, (ridge * trace) / p);
    if (solution === null) {
      continue;
    }
    const validationError = validation === null ? NaN : meanAbsoluteError(shape, validation, solution);
    if (best === null || validationError < best.validationError) {
      best = {
        outputKernel: Float32Array.from(solution.subarray(0, shape.hiddenWidth * shape.head)),
        readoutKernel: Float32Array.from(solution.subarray(shape.hiddenWidth * shape.head)),
        ridge,
        validationError,
      };
    }
    if (validation === null) {
      break;
    }
  }
  return best;
}

/** XᵀX (full, symmetric) and XᵀY for X = [hidden, readout] rows. */
function normalEquations(shape: ReadoutShape, data: ReadoutData): { gram: Float64Array; cross: Float64Array } {
  const { hiddenWidth, readoutWidth, head } = shape;
  const p = hiddenWidth + readoutWidth;
  const gram = new Float64Array(p * p);
  const cross = new Float64Array(p * head);
  const row = new Float64Array(p);
  for (let i = 0; i < data.count; i++) {
    featureRow(shape, data, i, row);
    for (let a = 0; a < p; a++) {
      const ra = row[a];
      if (ra === 0) {
        continue;
      }
      const gramRow = a * p;
      for (let b = a; b < p; b++) {
        gram[gramRow + b] += ra * row[b];
      }
      const crossRow = a * head;
      const targetRow = i * head;
      for (let k = 0; k < head; k++) {
        cross[crossRow + k] += ra * data.targets[targetRow + k];
      }
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < a; b++) {
      gram[a * p + b] = gram[b * p + a];
    }
  }
  return { gram, cross };
}

function featureRow(shape: ReadoutShape, data: ReadoutData, i: number, row: Float64Array): void {
  const { hiddenWidth, readoutWidth } = shape;
  for (let j = 0; j < hiddenWidth; j++) {
    row[j] = data.hidden[i * hiddenWidth + j];
  }
  for (let j = 0; j < readoutWidth; j++) {
    row[hiddenWidth + j] = data.readout[i * readoutWidth + j];
  }
}

/** (XᵀX + penalty·I')⁻¹ XᵀY with I' sparing the constant (last) column; null when not positive definite. */
function ridgeSolve(
  gram: Float64Array,
  cross: Float64Array,
  p: number,
  head: number,
  penalty: number
): Float64Array | null {
  const system = gram.slice();
  for (let a = 0; a < p - 1; a++) {
    system[a * p + a] += penalty;
  }
  if (!choleskyFactorInPlace(system, p)) {
    return null;
  }
  const solution = cross.slice();
  choleskySolveColumns(system, p, solution, head);
  return solution;
}

function meanAbsoluteError(shape: ReadoutShape, data: ReadoutData, solution: Float64Array): number {
  const { head } = shape;
  const p = shape.hiddenWidth + shape.readoutWidth;
  const row = new Float64Array(p);
  let sum = 0;
  for (let i = 0; i < data.count; i++) {
    featureRow(shape, data, i, row);
    for (let k = 0; k < head; k++) {
      let prediction = 0;
      for (let a = 0; a < p; a++) {
        prediction += row[a] * solution[a * head + k];
      }
      sum += Math.abs(prediction - data.targets[i * head + k]);
    }
  }
  return sum / (data.count * head);
}

/** Solves L Lᵀ X = B for the `columns` right-hand sides of B ([p, columns], row-major), in place. */
function choleskySolveColumns(l: Float64Array, p: number, b: Float64Array, columns: number): void {
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) {
      const lik = l[i * p + k];
      for (let c = 0; c < columns; c++) {
        b[i * columns + c] -= lik * b[k * columns + c];
      }
    }
    const lii = l[i * p + i];
    for (let c = 0; c < columns; c++) {
      b[i * columns + c] /= lii;
    }
  }
  for (let i = p - 1; i >= 0; i--) {
    for (let k = i + 1; k < p; k++) {
      const lki = l[k * p + i];
      for (let c = 0; c < columns; c++) {
        b[i * columns + c] -= lki * b[k * columns + c];
      }
    }
    const lii = l[i * p + i];
    for (let c = 0; c < columns; c++) {
      b[i * columns + c] /= lii;
    }
  }
}
