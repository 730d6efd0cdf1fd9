import { choleskySolveInPlace } from './linear-algebra';
import { FitOptions, Forecaster } from './types';

/**
 * A Prophet-like additive model fitted in closed form: piecewise-linear trend (slope changes at evenly spaced
 * changepoints) plus Fourier terms for every seasonal period, estimated by ridge-regularised least squares.
 * Prophet puts a Laplace prior on the slope changes and samples or optimises with L-BFGS; a Gaussian prior gives
 * the same shrinkage towards a straight line with one Cholesky solve, which is what makes it fast enough to refit
 * at every backtest origin.
 */
export interface AdditiveModelOptions {
  /** Number of potential trend changepoints (Prophet: 25). */
  changepoints?: number;
  /** Changepoints are placed in this leading fraction of the history, so the final slope rests on enough data. */
  changepointRange?: number;
  /** Ridge penalty on slope changes (in units of the scaled series): larger is a stiffer trend. */
  changepointPenalty?: number;
  /** Ridge penalty on Fourier coefficients. */
  seasonalityPenalty?: number;
  /** Fourier order for a period; default min(⌊period/2⌋, 10 for daily-like periods, 6 for longer ones). */
  fourierOrder?: (period: number) => number;
  /** Only the last `window` observations are fitted (0 = all): the recent past predicts the next days best. */
  window?: number;
  /** Sum the seasonal blocks by phase (default). False forces the plain row-by-row sums, e.g. to verify them. */
  phaseAggregation?: boolean;
}

/** Unknowns before the changepoint and Fourier columns: intercept and base slope. */
const TREND_COLUMNS = 2;

export class AdditiveModel implements Forecaster {
  readonly name = 'additive';
  private readonly options: Required<AdditiveModelOptions>;
  private coefficients = new Float64Array(0);
  private changepointTimes = new Float64Array(0);
  private periods: number[] = [];
  private orders: number[] = [];
  /** Affine maps of time (index → [0, 1]) and values (to unit scale) used while fitting. */
  private tScale = 1;
  private yShift = 0;
  private yScale = 1;
  private fittedLength = 0;
  private fittedStart = 0;

  constructor(options: AdditiveModelOptions = {}) {
    this.options = {
      changepoints: options.changepoints ?? 10,
      changepointRange: options.changepointRange ?? 0.8,
      changepointPenalty: options.changepointPenalty ?? 10,
      seasonalityPenalty: options.seasonalityPenalty ?? 0.01,
      fourierOrder: options.fourierOrder ?? defaultFourierOrder,
      window: options.window ?? 0,
      phaseAggregation: options.phaseAggregation ?? true,
    };
  }

  fit(y: Float64Array, options?: FitOptions): this {
    const total = y.length;
    if (total < 2) {
      throw new RangeError('AdditiveModel needs at least two observations');
    }
    const start = this.options.window > 0 ? Math.max(0, total - this.options.window) : 0;
    const n = total - start;
    // Only seasons seen at least twice in the window can be estimated.
    this.periods = (options?.periods ?? []).filter((p) => p >= 2 && 2 * p <= n);
    this.orders = this.periods.map((p) => Math.max(1, Math.min(Math.floor(p / 2), this.options.fourierOrder(p))));
    const changepoints = Math.max(0, Math.min(this.options.changepoints, Math.floor(n / 4)));
    this.changepointTimes = new Float64Array(changepoints);
    for (let j = 0; j < changepoints; j++) {
      this.changepointTimes[j] = (this.options.changepointRange * (j + 1)) / (changepoints + 1);
    }
    this.fittedStart = start;
    this.fittedLength = n;
    this.tScale = n > 1 ? 1 / (n - 1) : 1;
    let mean = 0;
    for (let t = start; t < total; t++) {
      mean += y[t];
    }
    mean /= n;
    let spread = 0;
    for (let t = start; t < total; t++) {
      spread += Math.abs(y[t] - mean);
    }
    this.yShift = mean;
    this.yScale = spread > 0 ? spread / n : 1;

    const p = this.columnCount();
    const xtx = new Float64Array(p * p);
    const xty = new Float64Array(p);
    this.accumulateNormalEquations(y, xtx, xty);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < a; b++) {
        xtx[a * p + b] = xtx[b * p + a];
      }
    }
    this.addPenalties(xtx, p);
    if (!choleskySolveInPlace(xtx, xty, p)) {
      throw new Error('AdditiveModel: normal equations are singular');
    }
    this.coefficients = xty;
    return this;
  }

  forecast(h: number): Float64Array {
    if (this.fittedLength === 0) {
      throw new Error('AdditiveModel.forecast called before fit');
    }
    const p = this.columnCount();
    const row = new Float64Array(p);
    const out = new Float64Array(h);
    const end = this.fittedStart + this.fittedLength;
    for (let k = 0; k < h; k++) {
      this.features(end + k, row);
      let v = 0;
      for (let a = 0; a < p; a++) {
        v += row[a] * this.coefficients[a];
      }
      out[k] = this.yShift + this.yScale * v;
    }
    return out;
  }

  /**
   * Upper triangle of XᵀX and Xᵀy. The Fourier columns repeat with the least common multiple L of the periods, so
   * the seasonal blocks are summed over L phases (per-phase counts and sums) instead of over n rows: for hourly data
   * with daily and weekly seasons that is 168 phases instead of up to 960 rows, and the Fourier terms are evaluated
   * once per phase. Only the trend block needs every row. When L is not shorter than the window, each row is its own
   * phase and this is the plain row-by-row sum.
   */
  private accumulateNormalEquations(y: Float64Array, xtx: Float64Array, xty: Float64Array): void {
    const start = this.fittedStart;
    const n = this.fittedLength;
    const p = this.columnCount();
    const trendColumns = TREND_COLUMNS + this.changepointTimes.length;
    const q = p - trendColumns;
    const cycle = this.periods.reduce(lcm, 1);
    const byPhase = this.options.phaseAggregation && cycle < n;
    const phases = byPhase ? cycle : n;

    const count = new Float64Array(phases);
    const ySum = new Float64Array(phases);
    // trendSum[φ·T + a]: sum of trend column a over the rows in phase φ.
    const trendSum = new Float64Array(phases * trendColumns);
    const row = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      this.trendFeatures(start + i, row);
      const target = (y[start + i] - this.yShift) / this.yScale;
      for (let a = 0; a < trendColumns; a++) {
        const ra = row[a];
        if (ra === 0) {
          continue;
        }
        xty[a] += ra * target;
        const offset = a * p;
        for (let b = a; b < trendColumns; b++) {
          xtx[offset + b] += ra * row[b];
        }
      }
      const phase = byPhase ? (start + i) % cycle : i;
      count[phase]++;
      ySum[phase] += target;
      const base = phase * trendColumns;
      for (let a = 0; a < trendColumns; a++) {
        trendSum[base + a] += row[a];
      }
    }
    if (q === 0) {
      return;
    }
    for (let phase = 0; phase < phases; phase++) {
      if (count[phase] === 0) {
        continue;
      }
      // Any index in the phase has the same Fourier terms.
      this.seasonalFeatures(byPhase ? phase : start + phase, row, trendColumns);
      const base = phase * trendColumns;
      for (let a = 0; a < trendColumns; a++) {
        const g = trendSum[base + a];
        const offset = a * p;
        for (let b = trendColumns; b < p; b++) {
          xtx[offset + b] += g * row[b];
        }
      }
      const c = count[phase];
      for (let a = trendColumns; a < p; a++) {
        const ra = row[a];
        xty[a] += ra * ySum[phase];
        const weighted = c * ra;
        const offset = a * p;
        for (let b = a; b < p; b++) {
          xtx[offset + b] += weighted * row[b];
        }
      }
    }
  }

  private columnCount(): number {
    let p = TREND_COLUMNS + this.changepointTimes.length;
    for (const order of this.orders) {
      p += 2 * order;
    }
    return p;
  }

  /** Regressors for absolute series index `index` (past the end for forecasts: the last slope continues). */
  private features(index: number, row: Float64Array): void {
    this.trendFeatures(index, row);
    this.seasonalFeatures(index, row, TREND_COLUMNS + this.changepointTimes.length);
  }

  private trendFeatures(index: number, row: Float64Array): void {
    const t = (index - this.fittedStart) * this.tScale;
    row[0] = 1;
    row[1] = t;
    for (let j = 0; j < this.changepointTimes.length; j++) {
      const d = t - this.changepointTimes[j];
      row[TREND_COLUMNS + j] = d > 0 ? d : 0;
    }
  }

  private seasonalFeatures(index: number, row: Float64Array, first: number): void {
    let c = first;
    for (let s = 0; s < this.periods.length; s++) {
      // Phase from the absolute index, so seasonal terms line up however the window is cut.
      const omega = (2 * Math.PI * (index % this.periods[s])) / this.periods[s];
      const sin1 = Math.sin(omega);
      const cos1 = Math.cos(omega);
      let sinK = sin1;
      let cosK = cos1;
      for (let k = 1; k <= this.orders[s]; k++) {
        row[c++] = sinK;
        row[c++] = cosK;
        // Angle addition gives the next harmonic without another sin/cos call.
        const nextSin = sinK * cos1 + cosK * sin1;
        cosK = cosK * cos1 - sinK * sin1;
        sinK = nextSin;
      }
    }
  }

  private addPenalties(xtx: Float64Array, p: number): void {
    // A whisper of ridge on intercept and slope keeps the system well conditioned without biasing them.
    xtx[0] += 1e-8;
    xtx[p + 1] += 1e-8;
    let c = TREND_COLUMNS;
    for (let j = 0; j < this.changepointTimes.length; j++, c++) {
      xtx[c * p + c] += this.options.changepointPenalty;
    }
    for (; c < p; c++) {
      xtx[c * p + c] += this.options.seasonalityPenalty;
    }
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

function defaultFourierOrder(period: number): number {
  return period <= 48 ? 10 : 6;
}
