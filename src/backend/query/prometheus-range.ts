/**
 * Runs one query's PromQL over its panel time range: plans the step, replaces the server-side macros, calls
 * Prometheus. Shared by every query type that starts from a range of Prometheus series.
 */
import { BadRequestError } from 'backend/grafana/errors';
import type { DataQuery } from 'backend/grafana/data';
import type { Notice } from 'backend/grafana/frame';
import type { PrometheusClient, RangeQueryResult } from 'backend/prometheus/client';
import { formatPromDuration } from 'backend/prometheus/duration';
import { PrometheusQueryError } from 'backend/prometheus/errors';
import { findUninterpolatedVariables, interpolateMacros } from 'backend/prometheus/macros';
import { queryRangeInParts } from 'backend/prometheus/split-range';
import { planRange, type RangePlan } from 'backend/prometheus/step';
import type { PromQueryModel } from './query-model';

export interface RangeQueryRun {
  plan: RangePlan;
  /** The PromQL that was sent, macros replaced. */
  expr: string;
  result: RangeQueryResult;
  /** For FrameMeta.executedQueryString, in the form Grafana's Prometheus data source uses. */
  executedQueryString: string;
}

export async function runRangeQuery(
  client: PrometheusClient,
  query: DataQuery,
  model: Pick<PromQueryModel, 'expr' | 'stepMs'>,
  signal: AbortSignal
): Promise<RangeQueryRun> {
  const plan = planRange({
    timeRange: query.timeRange,
    intervalMs: query.intervalMs,
    maxDataPoints: query.maxDataPoints,
    stepOverrideMs: model.stepMs,
  });
  const expr = interpolateMacros(model.expr, plan);
  let result: RangeQueryResult;
  try {
    result = await queryRangeInParts(
      (startMs, endMs, partSignal) => client.queryRange(expr, startMs, endMs, plan.stepMs / 1000, partSignal),
      plan.startMs,
      plan.endMs,
      plan.stepMs,
      signal
    );
  } catch (err) {
    throw explainLeftoverVariables(err, expr);
  }
  return {
    plan,
    expr,
    result,
    executedQueryString: `Expr: ${expr}\nStep: ${formatPromDuration(plan.stepMs)}`,
  };
}

/** Prometheus' warnings and infos as frame notices, so they show in the panel instead of vanishing. */
export function noticesOf(result: Pick<RangeQueryResult, 'warnings' | 'infos'>): Notice[] {
  return [
    ...result.warnings.map((text): Notice => ({ severity: 'warning', text })),
    ...result.infos.map((text): Notice => ({ severity: 'info', text })),
  ];
}

/** A parse error caused by `$job` left in the PromQL deserves the real reason: nothing replaced it. */
function explainLeftoverVariables(err: unknown, expr: string): unknown {
  if (!(err instanceof PrometheusQueryError)) {
    return err;
  }
  const leftovers = findUninterpolatedVariables(expr);
  if (leftovers.length === 0) {
    return err;
  }
  return new BadRequestError(
    `${err.message}. The expression still contains ${leftovers.join(', ')}: dashboard variables are not ` +
      'replaced in alert and recording rules; write the value itself, or use $__interval, $__range or $__rate_interval'
  );
}
