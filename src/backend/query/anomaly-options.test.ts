import type { DataQuery } from 'backend/grafana/data';

import { ensembleOptions, modelOptionsKey, parseAnomalyQueryModel } from './anomaly-options';

const query = (json: unknown): DataQuery => ({
  refId: 'A',
  queryType: 'anomaly',
  maxDataPoints: 100,
  intervalMs: 1000,
  timeRange: { from: 0, to: 1 },
  json,
});

const DAY = 86_400_000;

describe('parseAnomalyQueryModel', () => {
  it('applies the defaults when no options are given', () => {
    for (const anomaly of [undefined, null, {}]) {
      expect(parseAnomalyQueryModel(query({ expr: 'up', anomaly })).anomaly).toEqual({
        detectors: {
          novelty: true,
          shift: true,
          volatility: false,
          isolationForest: true,
          robustCovariance: true,
          autoencoder: false,
        },
        sensitivity: 0.5,
        trainingWindowMs: 7 * DAY,
        seasonality: 'auto',
        direction: 'both',
        minDeviation: 0,
        annotationSeverity: 'moderate',
      });
    }
  });

  it('reads every option, durations in ms, next to the base model', () => {
    const model = parseAnomalyQueryModel(
      query({
        expr: 'rate(x[5m])',
        output: 'alert',
        anomaly: {
          detectors: { novelty: false, isolationForest: false, volatility: true, autoencoder: true },
          sensitivity: 0.8,
          trainingWindow: '14d',
          seasonality: ['1d', '1w'],
          direction: 'up',
          minDeviation: 2.5,
          annotationSeverity: 'critical',
        },
      })
    );
    expect(model.output).toBe('alert');
    expect(model.anomaly).toEqual({
      detectors: {
        novelty: false,
        shift: true,
        volatility: true,
        isolationForest: false,
        robustCovariance: true,
        autoencoder: true,
      },
      sensitivity: 0.8,
      trainingWindowMs: 14 * DAY,
      seasonality: [DAY, 7 * DAY],
      direction: 'up',
      minDeviation: 2.5,
      annotationSeverity: 'critical',
    });
    expect(parseAnomalyQueryModel(query({ expr: 'up', anomaly: { seasonality: 'none' } })).anomaly.seasonality).toEqual(
      []
    );
  });

  it.each([
    [{ sensitivity: 2 }, 'anomaly.sensitivity must be between 0 and 1'],
    [{ sensitivity: 'high' }, 'anomaly.sensitivity must be a number between 0 and 1'],
    [{ trainingWindow: 'a week' }, 'anomaly.trainingWindow "a week" is not a Prometheus duration'],
    [{ trainingWindow: '60d' }, 'anomaly.trainingWindow may be at most the 30d learning period'],
    [{ trainingWindow: '0s' }, 'anomaly.trainingWindow must be longer than 0s'],
    [{ seasonality: 'daily' }, 'anomaly.seasonality must be "auto", "none" or a list of durations'],
    [{ seasonality: ['1d', 'x'] }, 'anomaly.seasonality period "x" is not a Prometheus duration'],
    [{ direction: 'sideways' }, 'anomaly.direction must be one of up, down, both'],
    [{ minDeviation: -1 }, 'anomaly.minDeviation must be 0 or more'],
    [{ annotationSeverity: 'normal' }, 'anomaly.annotationSeverity must be one of minor, moderate, critical'],
    [{ detectors: { lstm: true } }, 'anomaly.detectors must map detector names'],
    [{ detectors: { autoencoder: 1 } }, 'anomaly.detectors.autoencoder must be true or false'],
    [{ detectors: { shift: 'yes' } }, 'anomaly.detectors.shift must be true or false'],
    ['fast', 'anomaly must be an object of options'],
  ])('refuses %j with a 400 naming the option', (anomaly, message) => {
    const parse = () => parseAnomalyQueryModel(query({ expr: 'up', anomaly }));
    expect(parse).toThrow(expect.objectContaining({ status: 400 }));
    expect(parse).toThrow(message);
  });

  it('still refuses what the base model refuses', () => {
    expect(() => parseAnomalyQueryModel(query({ anomaly: {} }))).toThrow('no PromQL expression');
  });
});

describe('ensembleOptions', () => {
  it('turns seasonal periods into grid points, leaving out those under two steps', () => {
    const model = parseAnomalyQueryModel(
      query({ expr: 'up', anomaly: { seasonality: ['1h', '1d'], sensitivity: 0.7 } })
    );
    const { options, droppedPeriodsMs } = ensembleOptions(model.anomaly, 3_600_000);
    expect(options.seasonal).toEqual({ periods: [24] });
    expect(droppedPeriodsMs).toEqual([3_600_000]);
    expect(options).toMatchObject({ sensitivity: 0.7, direction: 'both', minDeviation: 0, seed: 1 });
    expect(ensembleOptions(parseAnomalyQueryModel(query({ expr: 'up' })).anomaly, 60_000).options.seasonal).toEqual({
      periods: 'auto',
    });
  });
});

describe('modelOptionsKey', () => {
  it('changes with what changes scores, not with the annotation threshold or detector order', () => {
    const key = (anomaly: object) => modelOptionsKey(parseAnomalyQueryModel(query({ expr: 'up', anomaly })).anomaly);
    expect(key({ annotationSeverity: 'critical' })).toBe(key({}));
    expect(key({ detectors: { shift: true, volatility: false } })).toBe(
      key({ detectors: { volatility: false, shift: true } })
    );
    expect(key({ sensitivity: 0.6 })).not.toBe(key({}));
    expect(key({ detectors: { shift: false } })).not.toBe(key({}));
    expect(key({ detectors: { shift: true } })).toBe(key({}));
    expect(key({ seasonality: 'none' })).not.toBe(key({}));
    expect(key({ detectors: { autoencoder: true } })).not.toBe(key({}));
    expect(key({ detectors: { autoencoder: false } })).toBe(key({}));
  });
});
