import { mulberry32 } from 'ml/stats';

import { fillGaps } from './gaps';
import { initialWeights, LstmWeights, predictWindow } from './lstm-network';
import { fromWorkingScale, toWorkingScale, WorkingScale } from './lstm-scaling';
import { trainLstm, TrainingReport } from './lstm-training';
import { buildWindows, departureScale, windowLevel, WindowShape } from './lstm-windows';
import type { TensorflowRuntime } from '../tf/tf-backend';
import { FitOptions, Forecaster, primaryPeriod } from './types';

/**
 * An LSTM forecaster trained per series within a wall-clock budget. Optional (never in the default pool): it costs
 * its budget per fit where the statistical models cost milliseconds, so a query opts in (see `withLstm`).
 *
 * Pipeline: gaps filled → logs for positive series → main season removed → windows of `segments × segment` values
 * normalised by their own level → one LSTM layer over the segments, a dense head of `horizon` values reading its
 * last state and (highway) the window itself. The head starts at its ridge optimum for the random recurrence, then
 * Adam trains everything until the budget is spent, keeping the weights that did best on the most recent windows.
 *
 * tfjs must be loaded first (`await loadTensorflow()`); `fit` then trains synchronously and releases every tensor
 * before returning, so a fitted model is plain typed arrays and needs no disposal.
 */
export interface LstmForecasterOptions {
  /** A loaded TensorFlow.js runtime (`loadTensorflow`). */
  runtime: TensorflowRuntime;
  /**
   * Steps the dense head emits at once (default 48; shorter on a short history); longer forecasts feed blocks back
   * recursively.
   */
  horizon?: number;
  /**
   * Wall-clock budget of `fit`, milliseconds (default 300). Gradient steps stop at the first one past it; the
   * preparation and the closed-form head always run (tens of milliseconds for a week of hourly windows), so a
   * budget below that yields the closed-form model.
   */
  budgetMs?: number;
  /** Seed of the weight initialisation and the batch order (default 1). */
  seed?: number;
  /** LSTM units (default 24). */
  hiddenUnits?: number;
  /** Values per recurrent step (default: the main season, within [4, 48]; 8 without a season). */
  segment?: number;
  /** Recurrent steps per window (default 7: a week of daily segments); fewer when the history is short. */
  segments?: number;
  /** Remove the main season before learning (default true). */
  deseasonalise?: boolean;
  /** The head also reads the window linearly (LSTNet's autoregressive highway; default true). */
  highway?: boolean;
  /**
   * Start the head at its ridge-regression optimum for the random recurrence (default true); otherwise it starts
   * at zero (the level forecast) and gradient steps do all the work.
   */
  closedFormHead?: boolean;
  /** Cap on optimiser steps (default unlimited: the budget decides). Set it for reproducible fits. */
  maxSteps?: number;
  batchSize?: number;
  learningRate?: number;
  /** Share of the windows, the most recent, held out for early stopping (default 0.1, at most one horizon). */
  validationFraction?: number;
  /** Clock for the budget (default `performance.now`). */
  now?: () => number;
}

const DEFAULTS = {
  horizon: 48,
  budgetMs: 300,
  seed: 1,
  hiddenUnits: 24,
  segments: 7,
  deseasonalise: true,
  highway: true,
  closedFormHead: true,
  maxSteps: Infinity,
  batchSize: 32,
  learningRate: 0.001,
  validationFraction: 0.1,
};

/** Fewest windows worth training on (validation included): below this the LSTM refuses rather than memorises. */
export const MIN_LSTM_WINDOWS = 16;

/** Steps between validation checks while training. */
const EVALUATE_EVERY = 5;

interface Fitted {
  period: number;
  shape: WindowShape;
  scale: number;
  working: WorkingScale;
  weights: LstmWeights;
  /** Normalised outputs are clamped to this range: the training targets' span widened by itself on each side. */
  low: number;
  high: number;
}

export class LstmForecaster implements Forecaster {
  readonly name = 'lstm';
  private readonly options: LstmForecasterOptions & typeof DEFAULTS;
  private fitted: Fitted | null = null;
  private lastTraining: TrainingReport | null = null;

  constructor(options: LstmForecasterOptions) {
    this.options = { ...DEFAULTS, ...options };
    const { horizon, hiddenUnits, budgetMs } = this.options;
    if (!(horizon >= 1) || !(hiddenUnits >= 1) || !(budgetMs >= 0)) {
      throw new RangeError('LSTM horizon and hiddenUnits must be at least 1 and budgetMs non-negative');
    }
  }

  /** What the last `fit` did: optimiser steps, why it stopped, validation errors. Null before fitting. */
  get training(): TrainingReport | null {
    return this.lastTraining;
  }

  fit(input: Float64Array, options?: FitOptions): this {
    const o = this.options;
    const now = o.now ?? (() => performance.now());
    const startedAt = now();
    const y = finiteSeries(input);
    const period = primaryPeriod(options);
    const working = toWorkingScale(y, period, o.deseasonalise);
    const shape = this.windowShape(y.length, period);
    const scale = departureScale(working.values, shape.levelSpan);
    const windows = buildWindows(working.values, shape, scale);
    const segment = shape.levelSpan;
    const rng = mulberry32(o.seed);
    const initial = initialWeights(
      { segment, steps: shape.lookback / segment, hidden: o.hiddenUnits, head: shape.head, highway: o.highway },
      rng
    );
    const validation = Math.min(shape.head, Math.floor(o.validationFraction * windows.count));
    const { weights, report } = trainLstm(o.runtime.tf, initial, windows, {
      budgetMs: o.budgetMs,
      startedAt,
      now,
      maxSteps: o.maxSteps,
      batchSize: o.batchSize,
      learningRate: o.learningRate,
      validationWindows: validation,
      evaluateEvery: EVALUATE_EVERY,
      closedFormHead: o.closedFormHead,
      rng,
    });
    const { low, high } = targetRange(windows.targets);
    this.fitted = { period, shape, scale, working, weights, low, high };
    this.lastTraining = report;
    return this;
  }

  /** Follows a longer version of the fitted series with the trained weights (no training). */
  update(input: Float64Array): this {
    const fitted = this.requireFitted('update');
    const y = finiteSeries(input);
    const working = toWorkingScale(y, fitted.period, this.options.deseasonalise);
    if (working.log !== fitted.working.log) {
      throw new RangeError('LSTM update: the series changed sign since fit; refit instead');
    }
    if (y.length < fitted.shape.lookback) {
      throw new RangeError(`LSTM update needs at least ${fitted.shape.lookback} observations`);
    }
    this.fitted = { ...fitted, working };
    return this;
  }

  forecast(h: number): Float64Array {
    const { shape, scale, working, weights, low, high } = this.requireFitted('forecast');
    const { lookback, head, levelSpan } = shape;
    const values = working.values;
    const n = values.length;
    // The last lookback values, then the forecasts: blocks beyond the head are forecast from earlier blocks.
    const buffer = new Float64Array(lookback + h);
    buffer.set(values.subarray(n - lookback));
    const input = new Float64Array(lookback);
    const block = new Float64Array(head);
    for (let produced = 0; produced < h; produced += head) {
      const end = lookback + produced;
      const level = windowLevel(buffer, end, levelSpan);
      for (let j = 0; j < lookback; j++) {
        input[j] = (buffer[end - lookback + j] - level) / scale;
      }
      predictWindow(weights, input, block);
      for (let k = 0; k < head && produced + k < h; k++) {
        buffer[end + k] = level + scale * Math.min(high, Math.max(low, block[k]));
      }
    }
    return fromWorkingScale(working, buffer.slice(lookback), n);
  }

  /**
   * Segments of one main season (a day of hourly data) up to `segments` of them (a week), and a head of `horizon`
   * steps (at most twice the lookback: longer forecasts go recursive), both shortened until the history holds
   * MIN_LSTM_WINDOWS windows. The lookback gives way first; the head may shrink down to one segment (or the whole
   * horizon when it is shorter). A long horizon on a short history thus gets a shorter head fed back on itself, as
   * when the automatic forecaster fits coarse bucket means of a long history.
   */
  private windowShape(n: number, period: number): WindowShape {
    const o = this.options;
    const segment = Math.floor(o.segment ?? (period >= 2 ? Math.min(48, Math.max(4, period)) : 8));
    const wanted = Math.floor(o.horizon);
    const shortestHead = Math.min(wanted, segment);
    for (let steps = Math.max(1, Math.floor(o.segments)); steps >= 1; steps--) {
      const lookback = steps * segment;
      const head = Math.min(wanted, 2 * lookback, n - lookback - MIN_LSTM_WINDOWS + 1);
      if (head >= shortestHead) {
        return { lookback, head, levelSpan: segment };
      }
    }
    throw new RangeError(
      `LSTM needs at least ${segment + shortestHead + MIN_LSTM_WINDOWS - 1} observations ` +
        `(one ${segment}-value segment, a ${shortestHead}-step head and ${MIN_LSTM_WINDOWS} windows); got ${n}`
    );
  }

  private requireFitted(method: string): Fitted {
    if (this.fitted === null) {
      throw new Error(`LstmForecaster.${method} called before fit`);
    }
    return this.fitted;
  }
}

/** Gaps bridged as for every other model; a series without one finite value cannot be learned from. */
function finiteSeries(input: Float64Array): Float64Array {
  const { values } = fillGaps(input);
  if (values.length === 0 || !Number.isFinite(values[0])) {
    throw new RangeError('LSTM needs at least one finite observation');
  }
  return values;
}

function targetRange(targets: Float32Array): { low: number; high: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < targets.length; i++) {
    min = Math.min(min, targets[i]);
    max = Math.max(max, targets[i]);
  }
  const span = Math.max(max - min, 1);
  return { low: min - span, high: max + span };
}
