import type { AutoForecasterOptions } from './auto-forecaster';
import type { Candidate } from './backtest';
import { defaultCandidates } from './candidates';
import { LstmForecaster, LstmForecasterOptions } from './lstm';

/**
 * Opting a forecast into the LSTM. The automatic forecaster already takes its pool as an option (`candidates`),
 * so the LSTM joins through it rather than through the default pool: it is backtested, weighted and calibrated
 * like any member, and it costs its training budget only to the queries that ask for it.
 *
 *   const runtime = await loadTensorflow({ wasmPaths });
 *   new AutoForecaster({ horizon, candidates: withLstm({ runtime, horizon }) }).fit(y).predict();
 *
 * The backtest trains the LSTM once, at its oldest origin, and follows the later origins and the full series with
 * `update`, so one forecast costs about one training budget.
 */
export type CandidatePool = NonNullable<AutoForecasterOptions['candidates']>;

export const LSTM_CANDIDATE_NAME = 'lstm';

/**
 * The LSTM as a pool member, fitted on the main season. It counts as a linear trend follower: a steady drift of
 * the windows away from their level is what its bias and highway learn first, so it stays in a pool narrowed to
 * trend followers.
 */
export function lstmCandidate(periods: readonly number[], options: LstmForecasterOptions): Candidate {
  return {
    name: LSTM_CANDIDATE_NAME,
    periods: periods.slice(0, 1),
    trend: 'linear',
    create: () => new LstmForecaster(options),
  };
}

/** `pool` (default: the core's default pool) with the LSTM added. */
export function withLstm(options: LstmForecasterOptions, pool: CandidatePool = defaultCandidates): CandidatePool {
  return (...context: Parameters<CandidatePool>) => [...pool(...context), lstmCandidate(context[0], options)];
}

/** The LSTM alone, still backtested so that its intervals are calibrated like the combination's. */
export function lstmOnly(options: LstmForecasterOptions): CandidatePool {
  return (periods) => [lstmCandidate(periods, options)];
}
