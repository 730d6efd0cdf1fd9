/**
 * The ensemble's autoencoder detector: a small dense autoencoder over sliding windows of the standardized residual
 * z, trained per series on its own history. A point's raw score is the reconstruction error of the window ending
 * at it (causal): high when the recent residuals form a shape the history did not make common — a changed wave
 * form, a flat-topped bump, an oscillation — even when no single residual is extreme enough for the residual
 * detector.
 *
 * tfjs must be loaded first (`loadTensorflow`, handed in through the options: the ML core does no I/O); `fit`
 * trains synchronously and releases every tensor before returning, so a fitted detector is plain typed arrays,
 * and scoring a point is a forward pass in plain JavaScript (autoencoder-network.ts).
 *
 * Missing residuals are skipped, as the feature detectors skip them: a window is the last `window` finite
 * residuals, at fit time and when streaming alike.
 */
import { mulberry32 } from '../stats/random';
import type { TensorflowRuntime } from '../tf/tf-backend';
import {
  type AutoencoderWeights,
  forwardScratch,
  type ForwardScratch,
  initialWeights,
  reconstructionError,
} from './autoencoder-network';
import { type AutoencoderTrainingReport, trainAutoencoder } from './autoencoder-training';

export interface AutoencoderOptions {
  /** A loaded TensorFlow.js runtime (`loadTensorflow`). */
  runtime: TensorflowRuntime;
  /** Residuals per window (default 24). */
  window?: number;
  /** Units of the encoder's and decoder's hidden layers (default 12). */
  hidden?: number;
  /** Units of the code between them (default 3). */
  bottleneck?: number;
  /**
   * Cap on the wall-clock time of a fit's training, milliseconds (default 300). Training normally ends at
   * `maxSteps` well within it (about 100 ms on the wasm backend of a 2-core CI machine); the budget only cuts a fit
   * short on a busy machine, which then scores slightly differently from an unhurried fit.
   */
  budgetMs?: number;
  /** Optimiser steps per fit (default 80): what makes a fit reproducible. */
  maxSteps?: number;
  batchSize?: number;
  learningRate?: number;
  /** Seed of the weight initialisation and the batch order (default 1). */
  seed?: number;
  /** Clock for the budget (default `performance.now`). */
  now?: () => number;
}

const DEFAULTS = {
  window: 24,
  hidden: 12,
  bottleneck: 3,
  budgetMs: 300,
  // About 1 ms per step on wasm, whatever the history's length: tfjs' per-op overhead dominates such small
  // tensors, so small batches and a brisk learning rate buy the most within the budget (on constructed shapes,
  // 80 steps of 64 at 0.02 separate as well as 120 of 128 at 0.01, in three quarters of the time).
  maxSteps: 80,
  batchSize: 64,
  learningRate: 0.02,
  seed: 1,
};

/** Fewest windows worth training on: below this the detector abstains (NaN scores) rather than memorise. */
export const MIN_AUTOENCODER_WINDOWS = 32;
/**
 * Residuals enter the network clipped to ±this many σ. A spike of 40σ would otherwise dominate the squared loss
 * while training, and the residual detector already says how large a spike is: this one is about shape.
 */
const INPUT_CLIP = 6;

export class WindowAutoencoder {
  readonly window: number;
  private readonly options: AutoencoderOptions;
  /** Undefined until a fit had enough windows. */
  private weights: AutoencoderWeights | undefined;
  private scratch: ForwardScratch;
  /**
   * The last `window` residuals, each stored twice (at p and p + window) so that the window ending at the newest
   * is always contiguous: `ring[head, head + window)`, oldest first.
   */
  private ring: Float64Array;
  private head = 0;
  private filled = 0;
  private lastReport: AutoencoderTrainingReport | undefined;

  constructor(options: AutoencoderOptions) {
    this.options = options;
    this.window = Math.max(2, Math.floor(options.window ?? DEFAULTS.window));
    this.scratch = forwardScratch(this.shape());
    this.ring = new Float64Array(2 * this.window);
  }

  /** Whether the last fit trained a network (else every score is NaN). */
  get isTrained(): boolean {
    return this.weights !== undefined;
  }

  /** How the last fit's training went; undefined when it did not train. */
  get report(): AutoencoderTrainingReport | undefined {
    return this.lastReport;
  }

  /**
   * Trains on the history's residuals (NaN for missing points) and, with `out` (as long as `z`), writes each
   * point's raw score there (`scoreSeries`). Streaming continues after the history's last point.
   */
  fit(z: Float64Array, out?: Float64Array): this {
    const w = this.window;
    const { values, count: m } = finiteClipped(z);
    this.weights = undefined;
    this.lastReport = undefined;
    const count = m - w + 1;
    if (count >= MIN_AUTOENCODER_WINDOWS) {
      this.train(values, count);
    }
    if (out) {
      this.scoreSeries(z, out);
    }
    this.head = 0;
    this.filled = 0;
    for (let i = Math.max(0, m - w); i < m; i++) {
      this.push(values[i]);
    }
    return this;
  }

  /**
   * The raw score of every point of `z` into `out` with the fitted network, in one batch (the streaming state is
   * left alone): NaN before the first full window, at missing points, and everywhere when the fit abstained.
   */
  scoreSeries(z: Float64Array, out: Float64Array): Float64Array {
    out.fill(NaN);
    if (this.weights === undefined) {
      return out;
    }
    const w = this.window;
    const { values, positions, count: m } = finiteClipped(z);
    for (let k = 0; k + w <= m; k++) {
      out[positions[k + w - 1]] = reconstructionError(this.weights, values, k, this.scratch);
    }
    return out;
  }

  /** The raw score of a new residual: the reconstruction error of the window it completes (NaN: skipped). */
  scoreNext(z: number): number {
    if (Number.isNaN(z)) {
      return NaN;
    }
    this.push(clip(z));
    if (this.weights === undefined || this.filled < this.window) {
      return NaN;
    }
    return reconstructionError(this.weights, this.ring, this.head, this.scratch);
  }

  /** A copy that shares the fitted network (immutable until the next fit) and copies the streaming window. */
  clone(): WindowAutoencoder {
    const copy = new WindowAutoencoder(this.options);
    copy.weights = this.weights;
    copy.lastReport = this.lastReport;
    copy.ring.set(this.ring);
    copy.head = this.head;
    copy.filled = this.filled;
    return copy;
  }

  private push(x: number): void {
    const w = this.window;
    this.ring[this.head] = x;
    this.ring[this.head + w] = x;
    this.head = this.head + 1 === w ? 0 : this.head + 1;
    if (this.filled < w) {
      this.filled++;
    }
  }

  private train(values: Float64Array, count: number): void {
    const o = this.options;
    const now = o.now ?? (() => performance.now());
    const started = now();
    const w = this.window;
    const windows = new Float32Array(count * w);
    for (let k = 0; k < count; k++) {
      windows.set(values.subarray(k, k + w), k * w);
    }
    const rng = mulberry32(o.seed ?? DEFAULTS.seed);
    const { weights, report } = trainAutoencoder(o.runtime.tf, initialWeights(this.shape(), rng), windows, count, {
      budgetMs: o.budgetMs ?? DEFAULTS.budgetMs,
      startedAt: started,
      now,
      maxSteps: o.maxSteps ?? DEFAULTS.maxSteps,
      batchSize: o.batchSize ?? DEFAULTS.batchSize,
      learningRate: o.learningRate ?? DEFAULTS.learningRate,
      rng,
    });
    this.weights = weights;
    this.lastReport = report;
  }

  private shape() {
    const o = this.options;
    return {
      window: this.window,
      hidden: Math.max(1, Math.floor(o.hidden ?? DEFAULTS.hidden)),
      bottleneck: Math.max(1, Math.floor(o.bottleneck ?? DEFAULTS.bottleneck)),
    };
  }
}

/**
 * Runs one small fit and throws it away. A process' first fit costs about twice the next ones (V8 warming tfjs'
 * engine code), which could push it past the budget and make it score differently from later fits of the same
 * data; the host calls this once after loading tfjs so that no real fit pays for it.
 */
export function warmUpAutoencoder(runtime: TensorflowRuntime): void {
  const z = Float64Array.from({ length: 4 * DEFAULTS.window + MIN_AUTOENCODER_WINDOWS }, (_, t) => Math.sin(t / 3));
  new WindowAutoencoder({ runtime, budgetMs: Infinity }).fit(z);
}

/** The finite residuals, clipped, and where each was in `z`. */
function finiteClipped(z: Float64Array): { values: Float64Array; positions: Int32Array; count: number } {
  const values = new Float64Array(z.length);
  const positions = new Int32Array(z.length);
  let count = 0;
  for (let t = 0; t < z.length; t++) {
    if (!Number.isNaN(z[t])) {
      values[count] = clip(z[t]);
      positions[count++] = t;
    }
  }
  return { values, positions, count };
}

function clip(x: number): number {
  return x > INPUT_CLIP ? INPUT_CLIP : x < -INPUT_CLIP ? -INPUT_CLIP : x;
}
