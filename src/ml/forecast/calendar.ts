/**
 * Calendar periods for machine metrics: a day and a week, in samples of the query step. Passed as
 * `AutoForecasterOptions.periodHints`, so that a weekly cycle is tried even when the ACF over a few weeks of
 * history is not conclusive (the backtest then decides whether it helps).
 */
const DAY_SECONDS = 86_400;
const WEEK_SECONDS = 7 * DAY_SECONDS;

/** Periods are kept only when the step divides them (within 1%), otherwise the phase would drift. */
export function calendarPeriodHints(stepSeconds: number): number[] {
  if (!(stepSeconds > 0)) {
    return [];
  }
  const hints: number[] = [];
  for (const seconds of [DAY_SECONDS, WEEK_SECONDS]) {
    const samples = seconds / stepSeconds;
    const rounded = Math.round(samples);
    if (rounded >= 2 && Math.abs(samples - rounded) <= 0.01 * samples) {
      hints.push(rounded);
    }
  }
  return hints;
}
