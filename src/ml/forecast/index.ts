/**
 * Forecasting core: point forecasters with a shared `fit`/`forecast` shape, and the automatic forecaster that
 * backtests, combines and calibrates them. Pure: typed arrays in, typed arrays out.
 */
export { AutoForecaster, type AutoForecasterOptions, type Forecast, type ModelWeight } from './auto-forecaster';
export { AdditiveModel, type AdditiveModelOptions } from './additive-model';
export { HoltWinters, type HoltWintersOptions, type SeasonKind, type TrendKind } from './holt-winters';
export { Naive2 } from './naive2';
export { SeasonalNaive } from './seasonal-naive';
export { Theta } from './theta';
export { rollingOriginBacktest, type BacktestResult, type Candidate } from './backtest';
export { defaultCandidates, type PoolContext } from './candidates';
export { calendarPeriodHints } from './calendar';
export { fillGaps } from './gaps';
export { countCovered, mase, maseScale, msis, owa, smape } from './accuracy';
export { normalCdf, normalQuantile } from '../stats/distributions';
export type { FitOptions, Forecaster, ForecasterFactory } from './types';
// The optional LSTM: tfjs is imported lazily by `loadTensorflow`, so these exports cost nothing until it is awaited.
export { LstmForecaster, type LstmForecasterOptions } from './lstm';
export { LSTM_CANDIDATE_NAME, lstmCandidate, lstmOnly, withLstm } from './lstm-candidate';
export { loadTensorflow, type TensorflowOptions, type TensorflowRuntime } from '../tf/tf-backend';
