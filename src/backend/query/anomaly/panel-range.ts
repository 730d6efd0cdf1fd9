/**
 * The panel's range and step for the anomaly query type: Grafana's step planning (prometheus/step.ts), except
 * that a derived step never goes below the scrape interval. Finer steps only repeat each scraped sample (the
 * lookback fills the steps in between), which the model would take for flat runs and jumps, and they multiply
 * the history to fetch: alert rules, whose default interval is 1 s, would ask for a week at 1 s.
 */
import type { DataQuery } from 'backend/grafana/data';
import { DEFAULT_SCRAPE_INTERVAL_MS, planRange, type RangePlan } from 'backend/prometheus/step';

export function anomalyRangePlan(query: DataQuery, stepOverrideMs: number | undefined): RangePlan {
  const request = {
    timeRange: query.timeRange,
    intervalMs: query.intervalMs,
    maxDataPoints: query.maxDataPoints,
    stepOverrideMs,
  };
  const plan = planRange(request);
  if (stepOverrideMs !== undefined || plan.stepMs >= DEFAULT_SCRAPE_INTERVAL_MS) {
    return plan;
  }
  return planRange({ ...request, stepOverrideMs: DEFAULT_SCRAPE_INTERVAL_MS });
}
