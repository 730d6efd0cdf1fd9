/**
 * The shape every point forecaster in this folder shares, in the scikit-learn spirit: hyper-parameters go in the
 * constructor, the data-dependent context (the seasonal periods found in the series) goes to `fit`, and `forecast`
 * extrapolates from the end of the fitted series. Inputs are finite: gaps are filled before a model sees them
 * (see `fillGaps`).
 */
export interface FitOptions {
  /**
   * Seasonal periods in samples, strongest first (e.g. [24, 168] for hourly data). Models that handle one
   * season use the first; an empty list means "no seasonality".
   */
  periods?: readonly number[];
}

export interface Forecaster {
  /** Short stable name, used in backtest reports and model weights. */
  readonly name: string;
  fit(y: Float64Array, options?: FitOptions): this;
  /** Point forecasts for the `h` steps after the fitted series. */
  forecast(h: number): Float64Array;
  /**
   * Optional cheap refresh: re-runs the model on `y`, a longer version of the series it was fitted on, keeping the
   * parameters already estimated (no re-optimisation), like a production model whose parameters are re-estimated
   * daily but whose states follow every sample. Backtests use it to avoid one optimisation per origin.
   */
  update?(y: Float64Array): this;
}

/** A fresh, unfitted model: backtests refit from scratch at every origin. */
export type ForecasterFactory = () => Forecaster;

export function primaryPeriod(options: FitOptions | undefined): number {
  const period = options?.periods?.[0];
  return period !== undefined && period >= 2 ? Math.floor(period) : 1;
}
