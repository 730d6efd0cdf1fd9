import { nelderMead } from './nelder-mead';
import { classicalSeasonalFigure } from './seasonal-adjustment';
import { FitOptions, Forecaster, primaryPeriod } from './types';

/**
 * Holt–Winters exponential smoothing (the additive-error ETS family): level, optional additive or damped trend,
 * optional additive or multiplicative season. Initial states come from the first seasons (classical figure, then a
 * line through the first adjusted values, as forecast::ets does); the smoothing weights are then fitted by
 * Nelder–Mead on the one-step squared error, each evaluation being one flat pass over the series.
 */
export type TrendKind = 'none' | 'additive' | 'damped';
export type SeasonKind = 'none' | 'additive' | 'multiplicative';

export interface HoltWintersOptions {
  trend?: TrendKind;
  season?: SeasonKind;
  /** Nelder–Mead evaluation budget; a few hundred passes over the series. */
  maxEvaluations?: number;
}

export interface HoltWintersParameters {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

const PHI_MIN = 0.8;
const PHI_RANGE = 0.18;

/** Parameter vector layout for the optimiser, in logit space so that any real vector is admissible. */
const P_ALPHA = 0;

export class HoltWinters implements Forecaster {
  readonly name: string;
  private readonly trend: TrendKind;
  private readonly season: SeasonKind;
  private readonly maxEvaluations: number;

  /** Season actually used: multiplicative falls back to additive for non-positive data, none for short data. */
  effectiveSeason: SeasonKind = 'none';
  parameters: HoltWintersParameters = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
  sse = NaN;
  /** Objective evaluations the last `fit` spent (each one pass over the series). */
  evaluations = 0;
  private period = 1;
  private level = 0;
  private slope = 0;
  private seasonal = new Float64Array(0);
  private n = 0;
  private hasTrend = false;
  private init: InitialStates | null = null;

  constructor(options: HoltWintersOptions = {}) {
    this.trend = options.trend ?? 'damped';
    this.season = options.season ?? 'additive';
    this.maxEvaluations = options.maxEvaluations ?? 300;
    this.name = `ets-${this.trend}-${this.season}`;
  }

  fit(y: Float64Array, options?: FitOptions): this {
    const n = y.length;
    if (n < 2) {
      throw new RangeError('HoltWinters needs at least two observations');
    }
    let period = primaryPeriod(options);
    let season = this.season;
    if (period < 2 || n < 2 * period) {
      season = 'none';
    }
    if (season === 'multiplicative' && !allPositive(y)) {
      season = 'additive';
    }
    if (season === 'none') {
      period = 1;
    }
    const init = initialStates(y, period, season);
    const trend = this.trend;
    const state = new HoltWintersState(period);
    const seasonKind = season;
    const start = new Float64Array(
      1 + (trend !== 'none' ? 1 : 0) + (season !== 'none' ? 1 : 0) + (trend === 'damped' ? 1 : 0)
    );
    start[P_ALPHA] = logit(0.2);
    let next = 1;
    const betaIndex = trend !== 'none' ? next++ : -1;
    const gammaIndex = season !== 'none' ? next++ : -1;
    const phiIndex = trend === 'damped' ? next++ : -1;
    if (betaIndex >= 0) {
      start[betaIndex] = logit(0.1);
    }
    if (gammaIndex >= 0) {
      start[gammaIndex] = logit(0.1);
    }
    if (phiIndex >= 0) {
      start[phiIndex] = logit((0.97 - PHI_MIN) / PHI_RANGE);
    }
    const toParameters = (p: Float64Array): HoltWintersParameters => {
      const alpha = sigmoid(p[P_ALPHA]);
      return {
        alpha,
        beta: betaIndex >= 0 ? alpha * sigmoid(p[betaIndex]) : 0,
        gamma: gammaIndex >= 0 ? (1 - alpha) * sigmoid(p[gammaIndex]) : 0,
        phi: phiIndex >= 0 ? PHI_MIN + PHI_RANGE * sigmoid(p[phiIndex]) : 1,
      };
    };
    const objective = (p: Float64Array): number => state.run(y, init, toParameters(p), trend !== 'none', seasonKind);
    const best = nelderMead(objective, start, { maxEvaluations: this.maxEvaluations, tolerance: 1e-4, step: 1 });
    this.parameters = toParameters(best.x);
    this.evaluations = best.evaluations;
    this.sse = state.run(y, init, this.parameters, trend !== 'none', seasonKind);
    this.effectiveSeason = season;
    this.period = period;
    this.hasTrend = trend !== 'none';
    this.init = init;
    this.keepFinalStates(state, n);
    return this;
  }

  update(y: Float64Array): this {
    const init = this.init;
    if (init === null) {
      throw new Error('HoltWinters.update called before fit');
    }
    if (this.effectiveSeason === 'multiplicative' && !allPositive(y)) {
      // The new values break the multiplicative model's assumptions: estimate afresh (it will fall back).
      return this.fit(y, { periods: [this.period] });
    }
    const state = new HoltWintersState(this.period);
    this.sse = state.run(y, init, this.parameters, this.hasTrend, this.effectiveSeason);
    this.keepFinalStates(state, y.length);
    return this;
  }

  private keepFinalStates(state: HoltWintersState, n: number): void {
    this.level = state.level;
    this.slope = state.slope;
    this.seasonal = state.seasonal.slice();
    this.n = n;
  }

  forecast(h: number): Float64Array {
    if (this.n === 0) {
      throw new Error('HoltWinters.forecast called before fit');
    }
    const { phi } = this.parameters;
    const out = new Float64Array(h);
    let damping = 0;
    let power = 1;
    for (let k = 0; k < h; k++) {
      power *= phi;
      damping += power;
      const base = this.level + (this.trend === 'none' ? 0 : damping * this.slope);
      const s = this.seasonal[(this.n + k) % this.period];
      out[k] =
        this.effectiveSeason === 'multiplicative' ? base * s : this.effectiveSeason === 'additive' ? base + s : base;
    }
    return out;
  }
}

interface InitialStates {
  level: number;
  slope: number;
  /** Seasonal state by phase t mod period. */
  seasonal: Float64Array;
}

/**
 * Reusable buffers for one smoothing pass: the optimiser calls `run` hundreds of times, so it allocates nothing.
 */
class HoltWintersState {
  level = 0;
  slope = 0;
  readonly seasonal: Float64Array;

  constructor(private readonly period: number) {
    this.seasonal = new Float64Array(period);
  }

  /** One pass of the recursions; returns the one-step SSE (Infinity when the states blow up). */
  run(y: Float64Array, init: InitialStates, p: HoltWintersParameters, hasTrend: boolean, season: SeasonKind): number {
    const { alpha, beta, gamma, phi } = p;
    const m = this.period;
    const s = this.seasonal;
    s.set(init.seasonal);
    let level = init.level;
    let slope = hasTrend ? init.slope : 0;
    let sse = 0;
    const multiplicative = season === 'multiplicative';
    const seasonal = season !== 'none';
    let phase = 0;
    for (let t = 0; t < y.length; t++) {
      const trended = level + phi * slope;
      const si = seasonal ? s[phase] : multiplicative ? 1 : 0;
      const fitted = multiplicative ? trended * si : trended + si;
      const e = y[t] - fitted;
      sse += e * e;
      if (multiplicative) {
        level = trended + (alpha * e) / si;
        slope = phi * slope + (beta * e) / si;
        s[phase] = si + (gamma * e) / trended;
      } else {
        level = trended + alpha * e;
        slope = phi * slope + beta * e;
        if (seasonal) {
          s[phase] = si + gamma * e;
        }
      }
      phase++;
      if (phase === m) {
        phase = 0;
      }
    }
    this.level = level;
    this.slope = slope;
    return Number.isFinite(sse) ? sse : Infinity;
  }
}

/**
 * States at t = −1 from the start of the series: the classical seasonal figure of the first (up to four) seasons,
 * then a least-squares line through the first adjusted values for level and slope.
 */
function initialStates(y: Float64Array, period: number, season: SeasonKind): InitialStates {
  const seasonal = new Float64Array(period).fill(season === 'multiplicative' ? 1 : 0);
  if (season !== 'none') {
    const head = y.subarray(0, Math.min(y.length, 4 * period));
    seasonal.set(classicalSeasonalFigure(head, period, season));
  }
  const count = Math.min(y.length, Math.max(10, 2 * period));
  let tMean = 0;
  let aMean = 0;
  const adjusted = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const s = seasonal[t % period];
    adjusted[t] = season === 'multiplicative' ? y[t] / s : season === 'additive' ? y[t] - s : y[t];
    tMean += t;
    aMean += adjusted[t];
  }
  tMean /= count;
  aMean /= count;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < count; t++) {
    sxy += (t - tMean) * (adjusted[t] - aMean);
    sxx += (t - tMean) * (t - tMean);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  // The line's value at t = −1 is the level before the first observation.
  return { level: aMean - slope * (tMean + 1), slope, seasonal };
}

function allPositive(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] > 0)) {
      return false;
    }
  }
  return true;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}
