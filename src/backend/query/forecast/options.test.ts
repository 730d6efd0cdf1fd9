import { BadRequestError } from 'backend/grafana/errors';
import type { DataQuery } from 'backend/grafana/data';
import { AUTO_FORECAST_MODELS } from 'contract/query';

import { parseForecastQueryModel } from './options';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function query(forecast: unknown, extra: Record<string, unknown> = {}): DataQuery {
  return {
    refId: 'A',
    queryType: 'forecast',
    maxDataPoints: 1000,
    intervalMs: 15_000,
    timeRange: { from: 0, to: HOUR },
    json: { expr: 'up', forecast, ...extra },
  };
}

function refusal(forecast: unknown): string {
  try {
    parseForecastQueryModel(query(forecast));
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestError);
    return (err as Error).message;
  }
  throw new Error('the options were accepted');
}

describe('parseForecastQueryModel', () => {
  it('applies the defaults when no options are given', () => {
    for (const forecast of [undefined, null, {}]) {
      expect(parseForecastQueryModel(query(forecast)).forecast).toEqual({
        horizonMs: DAY,
        trainingWindowMs: 7 * DAY,
        models: AUTO_FORECAST_MODELS,
        intervalLevel: 0.95,
        threshold: undefined,
        direction: 'above',
        alertValue: 'forecast',
      });
    }
  });

  it('reads every option, and defaults the alert value to the probability when a threshold is set', () => {
    const model = parseForecastQueryModel(
      query(
        {
          horizon: '6h',
          trainingWindow: '2d',
          models: ['theta', 'additive', 'theta'],
          intervalLevel: 0.8,
          threshold: 0,
          direction: 'below',
        },
        { output: 'alert', legendFormat: '{{mount}}' }
      )
    );
    expect(model.output).toBe('alert');
    expect(model.legendFormat).toBe('{{mount}}');
    expect(model.forecast).toEqual({
      horizonMs: 6 * HOUR,
      trainingWindowMs: 2 * DAY,
      models: ['theta', 'additive'],
      intervalLevel: 0.8,
      threshold: 0,
      direction: 'below',
      alertValue: 'failure_probability',
    });
  });

  it('accepts the opt-in lstm family alone or next to core families', () => {
    expect(parseForecastQueryModel(query({ models: ['lstm'] })).forecast.models).toEqual(['lstm']);
    expect(parseForecastQueryModel(query({ models: ['lstm', 'additive'] })).forecast.models).toEqual([
      'lstm',
      'additive',
    ]);
  });

  it.each([
    [{ horizon: 'soon' }, 'forecast.horizon "soon" is not a Prometheus duration'],
    [{ horizon: 24 }, 'forecast.horizon must be a Prometheus duration'],
    [{ horizon: '0s' }, 'forecast.horizon must be longer than 0s'],
    [{ trainingWindow: '60d' }, 'forecast.trainingWindow may be at most the 30d learning period'],
    [{ models: [] }, 'forecast.models must name at least one model'],
    [
      { models: ['prophet'] },
      'forecast.models must be "auto" or a list of seasonalNaive, theta, holtWinters, additive, lstm',
    ],
    [{ intervalLevel: 0.5 }, 'forecast.intervalLevel must be one of 0.8, 0.9, 0.95, 0.99'],
    [{ threshold: '90%' }, 'forecast.threshold must be a number'],
    [{ direction: 'up' }, 'forecast.direction must be one of above, below'],
    [{ alertValue: 'score' }, 'forecast.alertValue must be one of failure_probability, time_to_threshold_seconds'],
    [{ alertValue: 'time_to_threshold_seconds' }, 'alertValue time_to_threshold_seconds needs forecast.threshold'],
    [{ horizon: '8d' }, 'the horizon 8d reaches further ahead than the 7d training window looks back'],
    ['weekly', 'forecast must be an object of options'],
  ])('refuses %j with a 400 that says what is wrong', (forecast, message) => {
    expect(refusal(forecast)).toContain(message);
  });

  it('keeps the base model validation: a missing expression is a 400', () => {
    expect(() => parseForecastQueryModel({ ...query({}), json: { forecast: {} } })).toThrow(/no PromQL expression/);
  });
});
