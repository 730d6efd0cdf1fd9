import { AdditiveModel } from './additive-model';
import { Candidate } from './backtest';
import { HoltWinters } from './holt-winters';
import { SeasonalNaive } from './seasonal-naive';
import { Theta } from './theta';

/** What the forecaster knows about the series when it asks for a pool. */
export interface PoolContext {
  /** A steady trend was found (`detectTrend`): offer members that extrapolate it linearly. */
  trending?: boolean;
}

/**
 * The default pool the automatic forecaster backtests. Each member earns its place on a different kind of
 * series: seasonal naive for stable daily shapes, its weekly twin for working-day/weekend shapes, Holt–Winters
 * variants for drifting levels and growing amplitudes, Theta for trends, and the additive model for several
 * overlapping seasons with a bending trend. On a steady trend, an undamped (linear-trend) Holt–Winters joins:
 * damping is per step, so at fine steps a damped trend is flat after a few dozen samples.
 *
 * `periods` are strongest first; the first is the main season, a longer second one adds the weekly-style members.
 */
export function defaultCandidates(
  periods: readonly number[],
  positive: boolean,
  context: PoolContext = {}
): Candidate[] {
  const main = periods.length > 0 ? [periods[0]] : [];
  const candidates: Candidate[] = [
    { name: 'seasonal-naive', periods: main, trend: 'none', create: () => new SeasonalNaive() },
    { name: 'theta', periods: main, trend: 'damped', create: () => new Theta() },
    {
      name: 'ets-damped-additive',
      periods: main,
      trend: 'damped',
      create: () => new HoltWinters({ trend: 'damped', season: 'additive' }),
    },
    { name: 'additive', periods, trend: 'linear', create: () => new AdditiveModel() },
  ];
  if (context.trending) {
    candidates.push({
      name: 'ets-linear-additive',
      periods: main,
      trend: 'linear',
      create: () => new HoltWinters({ trend: 'additive', season: 'additive' }),
    });
  }
  if (positive && main.length > 0) {
    candidates.push(
      {
        name: 'ets-damped-multiplicative',
        periods: main,
        trend: 'damped',
        create: () => new HoltWinters({ trend: 'damped', season: 'multiplicative' }),
      },
      {
        name: 'ets-level-multiplicative',
        periods: main,
        trend: 'none',
        create: () => new HoltWinters({ trend: 'none', season: 'multiplicative' }),
      }
    );
  }
  const long = periods.slice(1).reduce((a, b) => Math.max(a, b), 0);
  if (long > 0) {
    candidates.push(
      { name: `seasonal-naive-${long}`, periods: [long], trend: 'none', create: () => new SeasonalNaive() },
      {
        name: `ets-level-additive-${long}`,
        periods: [long],
        trend: 'none',
        create: () => new HoltWinters({ trend: 'none', season: 'additive' }),
      }
    );
  }
  return candidates;
}
