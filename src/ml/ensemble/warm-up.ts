/**
 * The learning rule of DESIGN.md §3.2, made causal: a series stays unscored until it has the minimum history and
 * one full season when it has a season.
 *
 * Whether a series has a season is only known after about two cycles (that is what detection needs to tell a
 * cycle from a trend), so "one season once detected" alone would never hold anything back. Instead, a young
 * series is held back for the first cycle of the longest season it could plausibly have — the longest calendar
 * period up to a day when the sampling step is known (a new pod's hourly or daily cycle), the configured periods
 * or candidates when given — and, whatever the candidates, for one full cycle of every season detected at a fit.
 * Weekly cycles are not waited for: holding every new series back a week is worse than the odd alarm on day 2.
 */
import type { SeasonalBaselineOptions } from '../detectors/seasonal-baseline';
import { calendarPeriods } from '../stats';

/** Longest cycle a young series is held back for without being told its periods. */
const PLAUSIBLE_CYCLE_SECONDS = 86_400;

/** Points (from the series' first) that stay unscored before any fit has detected a season. */
export function seasonCheckPoints(seasonal: SeasonalBaselineOptions, stepSeconds: number | undefined): number {
  const configured = Array.isArray(seasonal.periods) ? seasonal.periods : seasonal.candidatePeriods;
  if (configured) {
    return longest(configured, seasonal.maxPeriod ?? Infinity);
  }
  if (seasonal.periods === undefined || seasonal.periods === 'auto') {
    if (stepSeconds && stepSeconds > 0) {
      const plausible = Math.floor(PLAUSIBLE_CYCLE_SECONDS / stepSeconds);
      return longest(calendarPeriods(stepSeconds), Math.min(plausible, seasonal.maxPeriod ?? Infinity));
    }
  }
  return 0;
}

function longest(periods: readonly number[], limit: number): number {
  let best = 0;
  for (const p of periods) {
    if (Number.isFinite(p) && p <= limit && p > best) {
      best = Math.floor(p);
    }
  }
  return best;
}
