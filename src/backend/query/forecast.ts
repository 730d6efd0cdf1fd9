/**
 * `forecast`: PromQL → per series a forecast with a calibrated band over a horizon beyond the range's end, and,
 * with a threshold, the probability of crossing it within the horizon and the expected time to get there
 * (DESIGN.md §3.1). Panel output draws history, forecast and band; alert output is one numeric series per
 * source series (see forecast/frames.ts).
 *
 * The flow for one query:
 *   1. plan the step and the grid: the training window ending at the range's end (forecast/plan.ts);
 *   2. count the series at the grid's last point, so that an expression matching thousands of series is
 *      refused (400 naming the limit) before anything big is fetched;
 *   3. fetch the grid in chunks within Prometheus' point limit (shared with the anomaly type);
 *   4. forecast each series, giving the event loop a turn (and honouring cancellation) between series.
 *
 * The opt-in `lstm` family trains a network per series (LSTM_BUDGET_MS each), so a query naming it is limited to
 * MAX_LSTM_SERIES series: at most a few seconds of training, well inside Grafana's 30 s query and alert timeouts.
 */
import type { QueryHandler } from 'backend/grafana/data';
import { BadRequestError } from 'backend/grafana/errors';
import type { Notice } from 'backend/grafana/frame';
import { log } from 'backend/grafana/logger';
import { formatPromDuration } from 'backend/prometheus/duration';
import { interpolateMacros } from 'backend/prometheus/macros';
import { AUTO_FORECAST_MODELS, MAX_LSTM_SERIES } from 'contract/query';

import { yieldToEventLoop } from './history/event-loop';
import { fetchGrid } from './history/fetch-grid';
import { gridEnd, type GridSeries } from './history/grid';
import type { PrometheusClientProvider } from './client-provider';
import { forecastAlertFrames, forecastPanelFrames, type ForecastedSeries } from './forecast/frames';
import { candidatePool, type CandidatePool, wantsLstm } from './forecast/models';
import { type ForecastQueryModel, parseForecastQueryModel } from './forecast/options';
import { type ForecastPlan, planForecast } from './forecast/plan';
import { forecastSeries, type SeriesForecast } from './forecast/series-forecast';
import { noticesOf } from './prometheus-range';
import { loadTensorflowRuntime, runtimeNotices } from './tensorflow-runtime';

/** The LSTM's training budget per series (the core's default): MAX_LSTM_SERIES series train in about 6 s. */
export const LSTM_BUDGET_MS = 300;

/** `now` is injectable so that tests can place "now" inside or before a range. */
export function forecastQueryHandler(clientFor: PrometheusClientProvider, now: () => number = Date.now): QueryHandler {
  return async (query, req, ctx) => {
    const model = parseForecastQueryModel(query);
    const client = await clientFor(req.pluginContext);
    const plan = planForecast(query, model, now());
    const expr = interpolateMacros(model.expr, plan.macros);
    const { grid } = plan;

    // One point per series first: the client refuses more than maxSeries series with a 400 naming the limit.
    const counted = await fetchGrid(
      client,
      expr,
      { startMs: gridEnd(grid), stepMs: grid.stepMs, length: 1 },
      ctx.signal
    );
    const lstm = wantsLstm(model.forecast.models);
    if (lstm && counted.series.size > MAX_LSTM_SERIES) {
      throw new BadRequestError(
        `The lstm model trains per series and is limited to ${MAX_LSTM_SERIES} series per query; ` +
          `this expression returns ${counted.series.size}: aggregate or filter it, or drop lstm from forecast.models`
      );
    }
    const fetched = await fetchGrid(client, expr, grid, ctx.signal);

    const runtime = lstm ? await loadTensorflowRuntime() : undefined;
    const candidates = candidatePool(
      model.forecast.models,
      runtime && {
        runtime,
        // The head emits the whole horizon at once when the history allows it (it shortens itself otherwise).
        horizon: Math.max(1, Math.ceil(model.forecast.horizonMs / plan.stepMs)),
        budgetMs: LSTM_BUDGET_MS,
      }
    );
    const forecasted: ForecastedSeries[] = [];
    for (const series of fetched.series.values()) {
      await yieldToEventLoop(ctx.signal);
      forecasted.push(forecastOne(series, plan, model, candidates));
    }

    const frameOptions = {
      expr,
      legendFormat: model.legendFormat,
      stepMs: plan.stepMs,
      executedQueryString: executedQueryString(expr, plan, model),
      notices: [...noticesOf(fetched), ...stepNotices(plan), ...(runtime ? runtimeNotices(runtime, 'The LSTM') : [])],
      threshold: model.forecast.threshold,
      direction: model.forecast.direction,
      horizonText: formatPromDuration(model.forecast.horizonMs),
      evaluationMs: plan.endMs,
      alertValue: model.forecast.alertValue,
    };
    const frames =
      model.output === 'alert'
        ? forecastAlertFrames(forecasted, frameOptions)
        : forecastPanelFrames(forecasted, frameOptions);
    return { frames };
  };
}

function forecastOne(
  series: GridSeries,
  plan: ForecastPlan,
  model: ForecastQueryModel,
  candidates: CandidatePool | undefined
): ForecastedSeries {
  const { grid, stepMs } = plan;
  const trainingStart = grid.length - plan.trainingPoints;
  let result: SeriesForecast;
  try {
    result = forecastSeries(series.values.subarray(trainingStart), {
      stepMs,
      horizonFromEndMs: plan.horizonEndMs - gridEnd(grid),
      intervalLevel: model.forecast.intervalLevel,
      candidates,
      threshold: model.forecast.threshold,
      direction: model.forecast.direction,
    });
  } catch (err) {
    // A bug or an input the core does not handle: this series gets no forecast, the others still do.
    const message = err instanceof Error ? err.message : String(err);
    log.warn('Forecast failed for one series', { error: message, labels: JSON.stringify(series.labels) });
    result = {
      origin: -1,
      mean: new Float64Array(0),
      lower: new Float64Array(0),
      upper: new Float64Array(0),
      notes: [`forecast failed: ${message}`],
    };
  }

  const origin = result.origin >= 0 ? trainingStart + result.origin : -1;
  const lastShown = origin >= 0 ? origin : grid.length - 1;
  const firstShown = Math.min(plan.displayFrom, lastShown);
  const originMs = grid.startMs + origin * stepMs;
  const forecastTimes = Float64Array.from(result.mean, (_, k) => originMs + (k + 1) * stepMs);
  const steps = result.failure?.steps ?? null;
  return {
    labels: series.labels,
    historyTimes: Float64Array.from(
      { length: lastShown - firstShown + 1 },
      (_, i) => grid.startMs + (firstShown + i) * stepMs
    ),
    historyValues: series.values.slice(firstShown, lastShown + 1),
    forecastTimes,
    result,
    timeToThresholdSeconds: steps === null ? null : Math.max(0, (originMs + steps * stepMs - plan.endMs) / 1000),
    notes: result.notes,
  };
}

function isAuto(models: readonly string[]): boolean {
  return models.length === AUTO_FORECAST_MODELS.length && AUTO_FORECAST_MODELS.every((m) => models.includes(m));
}

function stepNotices(plan: ForecastPlan): Notice[] {
  if (plan.stepMs === plan.panelStepMs) {
    return [];
  }
  return [
    {
      severity: 'info',
      text:
        `Forecast step ${formatPromDuration(plan.stepMs)} instead of the panel's ${formatPromDuration(plan.panelStepMs)}: ` +
        'it keeps the training window and the horizon within what the models use',
    },
  ];
}

function executedQueryString(expr: string, plan: ForecastPlan, model: ForecastQueryModel): string {
  const { horizonMs, trainingWindowMs, models, intervalLevel, threshold, direction } = model.forecast;
  const lines = [
    `Expr: ${expr}`,
    `Step: ${formatPromDuration(plan.stepMs)}`,
    `Training: ${formatPromDuration(trainingWindowMs)} (at most ${plan.trainingPoints} points)`,
    `Horizon: ${formatPromDuration(horizonMs)}, ${Math.round(intervalLevel * 100)}% intervals`,
    `Models: ${isAuto(models) ? 'auto' : models.join(', ')}`,
  ];
  if (threshold !== undefined) {
    lines.push(`Threshold: ${direction} ${threshold}`);
  }
  return lines.join('\n');
}
