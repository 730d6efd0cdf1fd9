/**
 * `raw`: PromQL passthrough. The data source is useful on day one and in mixed panels, and alert rules can use
 * plain Prometheus conditions next to ML ones. Panel and alert output are the same numeric frames here: the
 * raw series already are what alerting accepts.
 */
import type { QueryHandler } from 'backend/grafana/data';
import type { PrometheusClientProvider } from './client-provider';
import { noticesOf, runRangeQuery } from './prometheus-range';
import { parsePromQueryModel } from './query-model';
import { timeSeriesMultiFrames } from './series-frames';

export function rawQueryHandler(clientFor: PrometheusClientProvider): QueryHandler {
  return async (query, req, ctx) => {
    const model = parsePromQueryModel(query);
    const client = await clientFor(req.pluginContext);
    const run = await runRangeQuery(client, query, model, ctx.signal);
    const frames = timeSeriesMultiFrames(run.result.series, {
      expr: run.expr,
      stepMs: run.plan.stepMs,
      legendFormat: model.legendFormat,
      executedQueryString: run.executedQueryString,
      notices: noticesOf(run.result),
    });
    return { frames };
  };
}
