/**
 * The contract's model families (what a user picks in the query editor) mapped onto the forecasting core's
 * candidate pool. The pool's members depend on the series (seasons found, positivity), so a family is a filter
 * over whatever pool the core builds, not a fixed list of members.
 */
import { type Candidate, defaultCandidates, type PoolContext } from 'ml/forecast';
import { FORECAST_MODELS, type ForecastModel } from 'contract/query';

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
  return undefined;
}

export type CandidatePool = (periods: readonly number[], positive: boolean, context: PoolContext) => Candidate[];

/** The core's own pool for `auto` (undefined: the core's default), else the pool narrowed to the families. */
export function candidatePool(models: readonly ForecastModel[]): CandidatePool | undefined {
  if (FORECAST_MODELS.every((family) => models.includes(family))) {
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
