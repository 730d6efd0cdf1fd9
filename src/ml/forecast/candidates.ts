import { AdditiveModel } from './additive-model';
import { Candidate } from './backtest';
import { HoltWinters } from './holt-winters';
import { SeasonalNaive } from './seasonal-naive';
import { Theta } from './theta';

/**
 * The default pool the automatic forecaster backtests. Each member earns its place on a different kind of
 * series: seasonal naive for stable daily shapes, its weekly twin for working-day/weekend shapes, Holt–Winters
 * variants for drifting levels and growing amplitudes, Theta for trends, and the additive model for several
 * overlapping seasons with a bending trend.
 *
 * `periods` are strongest first; the first is the main season, a longer second one adds the weekly-style members.
 */
export function defaultCandidates(periods: readonly number[], positive: boolean): Candidate[] {
  const main = periods.length > 0 ? [periods[0]] : [];
  const candidates: Candidate[] = [
    { name: 'seasonal-naive', periods: main, create: () => new SeasonalNaive() },
    { name: 'theta', periods: main, create: () => new Theta() },
    {
      name: 'ets-damped-additive',
      periods: main,
      create: () => new HoltWinters({ trend: 'damped', season: 'additive' }),
    },
    { name: 'additive', periods, create: () => new AdditiveModel() },
  ];
  if (positive && main.length > 0) {
    candidates.push(
      {
        name: 'ets-damped-multiplicative',
        periods: main,
        create: () => new HoltWinters({ trend: 'damped', season: 'multiplicative' }),
      },
      {
        name: 'ets-level-multiplicative',
        periods: main,
        create: () => new HoltWinters({ trend: 'none', season: 'multiplicative' }),
      }
    );
  }
  const long = periods.slice(1).reduce((a, b) => Math.max(a, b), 0);
  if (long > 0) {
    candidates.push(
      { name: `seasonal-naive-${long}`, periods: [long], create: () => new SeasonalNaive() },
      {
        name: `ets-level-additive-${long}`,
        periods: [long],
        create: () => new HoltWinters({ trend: 'none', season: 'additive' }),
      }
    );
  }
  return candidates;
}
