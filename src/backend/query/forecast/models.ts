/**
 * The contract's model families (what a user picks in the query editor) mapped onto the forecasting core's
 * candidate pool. The pool's members depend on the series (seasons found, positivity), so a core family is a
 * filter over whatever pool the core builds, not a fixed list of members. The LSTM is the exception: it is never
 * in the core's pool, so picking it adds it (`withLstm`), or makes it the whole pool when no core family is picked.
 */
import {
  type Candidate,
  defaultCandidates,
  LSTM_CANDIDATE_NAME,
  type LstmForecasterOptions,
  lstmOnly,
  type PoolContext,
  withLstm,
} from 'ml/forecast';
import { AUTO_FORECAST_MODELS, type ForecastModel } from 'contract/query';

/** The family of a core candidate, by its stable name; undefined for a member no family claims. */
export function familyOf(candidateName: string): ForecastModel | undefined {
  if (candidateName.startsWith('seasonal-naive')) {
    return 'seasonalNaive';
  }
  if (candidateName === 'theta') {
    return 'theta';
  }
  if (candidateName.startsWith('ets-')) {
    return 'holtWinters';
  }
  if (candidateName === 'additive') {
    return 'additive';
  }
  if (candidateName === LSTM_CANDIDATE_NAME) {
    return 'lstm';
  }
  return undefined;
}

export type CandidatePool = (periods: readonly number[], positive: boolean, context: PoolContext) => Candidate[];

/** Whether the families ask for the LSTM, i.e. the handler must load TensorFlow.js before forecasting. */
export function wantsLstm(models: readonly ForecastModel[]): boolean {
  return models.includes('lstm');
}

/**
 * The pool for the chosen families. Undefined means the core's own default pool (all core families, no LSTM).
 * `lstm` carries the loaded runtime and the LSTM's settings and must be given when the families include `lstm`.
 */
export function candidatePool(
  models: readonly ForecastModel[],
  lstm?: LstmForecasterOptions
): CandidatePool | undefined {
  const core = corePool(models);
  if (!wantsLstm(models)) {
    return core;
  }
  if (lstm === undefined) {
    throw new Error('the lstm model family needs a loaded TensorFlow.js runtime');
  }
  const anyCore = AUTO_FORECAST_MODELS.some((family) => models.includes(family));
  return anyCore ? withLstm(lstm, core ?? defaultCandidates) : lstmOnly(lstm);
}

function corePool(models: readonly ForecastModel[]): CandidatePool | undefined {
  if (AUTO_FORECAST_MODELS.every((family) => models.includes(family))) {
    return undefined;
  }
  // The context (e.g. a steady trend was found) reaches the core's pool, so a narrowed pool still gets the
  // members that extrapolate a trend.
  return (periods, positive, context) =>
    defaultCandidates(periods, positive, context).filter((candidate) => {
      const family = familyOf(candidate.name);
      return family !== undefined && models.includes(family);
    });
}
