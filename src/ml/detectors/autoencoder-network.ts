import type { Rng } from '../stats/random';

/**
 * The autoencoder's network: a window of standardized residuals through a dense encoder (window → hidden →
 * bottleneck, tanh) and a mirrored decoder (bottleneck → hidden, tanh → window, linear). The bottleneck of a few
 * units is what makes it a detector: it can only carry the window shapes the history made common, so a shape it
 * never saw comes back distorted, and the distortion is the score.
 *
 * Weights live in plain typed arrays: tfjs only trains them (autoencoder-training.ts), and scoring — one window per
 * new point, the ensemble's hot path — is the small forward pass below, without tensors or allocation.
 */
export interface AutoencoderShape {
  /** Values per window. */
  readonly window: number;
  readonly hidden: number;
  readonly bottleneck: number;
}

export interface AutoencoderWeights extends AutoencoderShape {
  /**
   * Every weight in one array, layer after layer, each layer's kernel then its bias: the optimiser updates one
   * tensor per step instead of eight (in tfjs, Adam costs about ten ops per variable, more than the network itself).
   */
  readonly params: Float32Array;
  /** Per layer, row-major [inputs][outputs]: views into `params`. */
  readonly kernels: readonly Float32Array[];
  /** Per layer, [outputs]: views into `params`. */
  readonly biases: readonly Float32Array[];
}

/** Inputs and outputs of each layer, in order; every layer but the last is tanh. */
export function layerSizes(shape: AutoencoderShape): Array<[number, number]> {
  const { window, hidden, bottleneck } = shape;
  return [
    [window, hidden],
    [hidden, bottleneck],
    [bottleneck, hidden],
    [hidden, window],
  ];
}

/** Where each layer's kernel and bias start in `params`, and the total length. */
export function paramLayout(shape: AutoencoderShape): { kernels: number[]; biases: number[]; length: number } {
  const kernels: number[] = [];
  const biases: number[] = [];
  let length = 0;
  for (const [inputs, outputs] of layerSizes(shape)) {
    kernels.push(length);
    biases.push(length + inputs * outputs);
    length += (inputs + 1) * outputs;
  }
  return { kernels, biases, length };
}

/** The network over `params` (laid out by `paramLayout`). */
export function weightsOf(shape: AutoencoderShape, params: Float32Array): AutoencoderWeights {
  const layout = paramLayout(shape);
  const sizes = layerSizes(shape);
  return {
    window: shape.window,
    hidden: shape.hidden,
    bottleneck: shape.bottleneck,
    params,
    kernels: sizes.map(([inputs, outputs], l) =>
      params.subarray(layout.kernels[l], layout.kernels[l] + inputs * outputs)
    ),
    biases: sizes.map(([, outputs], l) => params.subarray(layout.biases[l], layout.biases[l] + outputs)),
  };
}

/** Glorot-uniform kernels from the seeded generator and zero biases. */
export function initialWeights(shape: AutoencoderShape, rng: Rng): AutoencoderWeights {
  const weights = weightsOf(shape, new Float32Array(paramLayout(shape).length));
  layerSizes(shape).forEach(([inputs, outputs], l) => {
    const limit = Math.sqrt(6 / (inputs + outputs));
    const kernel = weights.kernels[l];
    for (let i = 0; i < kernel.length; i++) {
      kernel[i] = (2 * rng() - 1) * limit;
    }
  });
  return weights;
}

/** Activation buffers of one forward pass, reused from point to point. */
export interface ForwardScratch {
  readonly layers: Float64Array[];
}

export function forwardScratch(shape: AutoencoderShape): ForwardScratch {
  return { layers: layerSizes(shape).map(([, outputs]) => new Float64Array(outputs)) };
}

/**
 * Mean squared reconstruction error of the window `input[start, start + window)`. Plain loops over the typed
 * arrays: for a 24-value window through 12 and 3 units this is about 700 multiply-adds and 27 tanh, ~1.3 µs
 * (tests/bench/anomaly-autoencoder.mjs), where a tfjs call per point would cost tens of microseconds in dispatch alone.
 */
export function reconstructionError(
  w: AutoencoderWeights,
  input: Float64Array,
  start: number,
  scratch: ForwardScratch
): number {
  const { kernels, biases } = w;
  const last = kernels.length - 1;
  let x: Float64Array = input;
  let offset = start;
  for (let l = 0; l <= last; l++) {
    const kernel = kernels[l];
    const bias = biases[l];
    const out = scratch.layers[l];
    const outputs = out.length;
    const inputs = kernel.length / outputs;
    for (let o = 0; o < outputs; o++) {
      out[o] = bias[o];
    }
    for (let i = 0; i < inputs; i++) {
      const xi = x[offset + i];
      const row = i * outputs;
      for (let o = 0; o < outputs; o++) {
        out[o] += xi * kernel[row + o];
      }
    }
    if (l < last) {
      for (let o = 0; o < outputs; o++) {
        out[o] = Math.tanh(out[o]);
      }
    }
    x = out;
    offset = 0;
  }
  let sum = 0;
  for (let j = 0; j < w.window; j++) {
    const d = x[j] - input[start + j];
    sum += d * d;
  }
  return sum / w.window;
}
