/**
 * The `forecast` query's options (contract/query.ts ForecastQueryOptions): validated with messages that name the
 * option and say what a valid value looks like, defaults applied, durations turned into milliseconds.
 */
import { z } from 'zod';

import { BadRequestError } from 'backend/grafana/errors';
import type { DataQuery } from 'backend/grafana/data';
import { formatPromDuration, parsePromDuration } from 'backend/prometheus/duration';
import {
  AUTO_FORECAST_MODELS,
  DEFAULT_FORECAST_OPTIONS,
  FORECAST_ALERT_VALUES,
  FORECAST_DIRECTIONS,
  FORECAST_INTERVAL_LEVELS,
  FORECAST_MODELS,
  type ForecastAlertValue,
  type ForecastDirection,
  type ForecastModel,
  MAX_TRAINING_WINDOW,
} from 'contract/query';

import { parsePromQueryModel, type PromQueryModel } from '../query-model';

export interface ResolvedForecastOptions {
  horizonMs: number;
  trainingWindowMs: number;
  /** The model families to backtest; the core's (AUTO_FORECAST_MODELS, no LSTM) for `auto`. */
  models: readonly ForecastModel[];
  intervalLevel: number;
  /** The failure threshold; undefined when none is set (no failure probability then). */
  threshold?: number;
  direction: ForecastDirection;
  alertValue: ForecastAlertValue;
}

export interface ForecastQueryModel extends PromQueryModel {
  forecast: ResolvedForecastOptions;
}

/**
 * A forecast reaches at most as far ahead as the history it learns from: beyond that, a weekly pattern or a
 * trend is extrapolated from less than one observation of itself, and the band says nothing useful.
 */
export const MAX_HORIZON_TO_TRAINING_RATIO = 1;

const MAX_TRAINING_WINDOW_MS = parsePromDuration(MAX_TRAINING_WINDOW)!;

const duration = (what: string) =>
  z.string({ error: `${what} must be a Prometheus duration such as 24h or 7d` }).transform((text, ctx) => {
    const ms = parsePromDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${what} "${text}" is not a Prometheus duration (e.g. 24h, 7d, 90m)` });
      return z.NEVER;
    }
    return ms;
  });

const levels = FORECAST_INTERVAL_LEVELS.join(', ');

const optionsSchema = z
  .object(
    {
      horizon: duration('forecast.horizon')
        .refine((ms) => ms > 0, { error: 'forecast.horizon must be longer than 0s' })
        .nullish(),
      trainingWindow: duration('forecast.trainingWindow')
        .refine((ms) => ms > 0, { error: 'forecast.trainingWindow must be longer than 0s' })
        .refine((ms) => ms <= MAX_TRAINING_WINDOW_MS, {
          error: `forecast.trainingWindow may be at most the ${MAX_TRAINING_WINDOW} learning period`,
        })
        .nullish(),
      models: z
        .union(
          [
            z.literal('auto'),
            z
              .array(z.enum(FORECAST_MODELS))
              .min(1, { error: 'forecast.models must name at least one model, or be "auto"' }),
          ],
          { error: `forecast.models must be "auto" or a list of ${FORECAST_MODELS.join(', ')}` }
        )
        .nullish(),
      intervalLevel: z
        .number({ error: `forecast.intervalLevel must be one of ${levels}` })
        .refine((level) => (FORECAST_INTERVAL_LEVELS as readonly number[]).includes(level), {
          error: `forecast.intervalLevel must be one of ${levels}`,
        })
        .nullish(),
      threshold: z
        .number({ error: 'forecast.threshold must be a number in the metric’s unit' })
        .refine(Number.isFinite, { error: 'forecast.threshold must be a finite number' })
        .nullish(),
      direction: z
        .enum(FORECAST_DIRECTIONS, { error: `forecast.direction must be one of ${FORECAST_DIRECTIONS.join(', ')}` })
        .nullish(),
      alertValue: z
        .enum(FORECAST_ALERT_VALUES, {
          error: `forecast.alertValue must be one of ${FORECAST_ALERT_VALUES.join(', ')}`,
        })
        .nullish(),
    },
    { error: 'forecast must be an object of options' }
  )
  .nullish();

export function parseForecastQueryModel(query: DataQuery): ForecastQueryModel {
  const base = parsePromQueryModel(query);
  const json = (query.json ?? {}) as { forecast?: unknown };
  const parsed = optionsSchema.safeParse(json.forecast);
  if (!parsed.success) {
    throw new BadRequestError(`Invalid forecast options: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const o = parsed.data ?? {};
  const horizonMs = o.horizon ?? parsePromDuration(DEFAULT_FORECAST_OPTIONS.horizon)!;
  const trainingWindowMs = o.trainingWindow ?? parsePromDuration(DEFAULT_FORECAST_OPTIONS.trainingWindow)!;
  if (horizonMs > MAX_HORIZON_TO_TRAINING_RATIO * trainingWindowMs) {
    throw new BadRequestError(
      `Invalid forecast options: the horizon ${formatPromDuration(horizonMs)} reaches further ahead than the ` +
        `${formatPromDuration(trainingWindowMs)} training window looks back; shorten forecast.horizon or lengthen ` +
        `forecast.trainingWindow (at most ${MAX_TRAINING_WINDOW})`
    );
  }
  const threshold = o.threshold ?? undefined;
  const alertValue = o.alertValue ?? (threshold === undefined ? 'forecast' : 'failure_probability');
  if (threshold === undefined && alertValue !== 'forecast') {
    throw new BadRequestError(
      `Invalid forecast options: alertValue ${alertValue} needs forecast.threshold (the value that means failure)`
    );
  }
  const models = o.models ?? DEFAULT_FORECAST_OPTIONS.models;
  return {
    ...base,
    forecast: {
      horizonMs,
      trainingWindowMs,
      models: models === 'auto' ? AUTO_FORECAST_MODELS : [...new Set(models)],
      intervalLevel: o.intervalLevel ?? DEFAULT_FORECAST_OPTIONS.intervalLevel,
      threshold,
      direction: o.direction ?? DEFAULT_FORECAST_OPTIONS.direction,
      alertValue,
    },
  };
}
