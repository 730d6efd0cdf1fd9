/**
 * M4 Hourly evaluation of the automatic forecaster next to Naive2 and seasonal naive computed in the same run:
 * sMAPE, MASE and OWA with the competition's definitions, 95% interval coverage and MSIS, and the mean time to
 * fit and forecast one series (with intervals).
 */
import { AutoForecaster, AutoForecasterOptions } from 'ml/forecast/auto-forecaster';
import { countCovered, mase, maseScale, msis, owa, smape } from 'ml/forecast/accuracy';
import { Naive2 } from 'ml/forecast/naive2';
import { SeasonalNaive } from 'ml/forecast/seasonal-naive';

import { M4_HOURLY, M4Series } from './m4-data';

/** Naive2 on the DEV half as published in the datasets README: the OWA denominators there. */
export const M4_HOURLY_DEV_NAIVE2 = { smape: 18.541, mase: 2.358 } as const;

export interface MethodScores {
  method: string;
  smape: number;
  mase: number;
  /** Against Naive2 computed in this run. */
  owa: number;
  /** Fraction of actual values inside the 95% interval (methods with intervals only). */
  coverage?: number;
  msis?: number;
  /** Mean wall time to fit and forecast one series, milliseconds. */
  meanMs: number;
}

export interface M4Evaluation {
  series: number;
  horizon: number;
  period: number;
  level: number;
  methods: MethodScores[];
  /** How often each model carried weight in the combination. */
  modelUsage: Record<string, number>;
}

export interface M4Forecasts {
  ids: string[];
  mean: Float64Array[];
  lower: Float64Array[];
  upper: Float64Array[];
}

/** A method scored next to the others on the same series (the optional LSTM, for instance). */
export interface ExtraMethod {
  method: string;
  /** `horizon` point forecasts from `train`, with the interval bounds when the method has them. */
  forecast(train: Float64Array, horizon: number): { mean: Float64Array; lower?: Float64Array; upper?: Float64Array };
}

/** Calendar periods of hourly data: a day and a week. */
export const HOURLY_PERIOD_HINTS = [24, 168];

export function evaluateM4Hourly(
  series: readonly M4Series[],
  options: Partial<AutoForecasterOptions> = {},
  extras: readonly ExtraMethod[] = []
): { evaluation: M4Evaluation; forecasts: M4Forecasts } {
  const { horizon, period } = M4_HOURLY;
  const level = options.level ?? 0.95;
  const forecasts: M4Forecasts = { ids: [], mean: [], lower: [], upper: [] };
  const modelUsage: Record<string, number> = {};
  const ours = new Accumulator('traceo (auto combination)');
  const naive2 = new Accumulator('Naive2');
  const snaive = new Accumulator('seasonal naive');
  const others = extras.map((extra) => new Accumulator(extra.method));

  for (const s of series) {
    const scale = maseScale(s.train, period);
    let started = performance.now();
    const forecast = new AutoForecaster({ periodHints: HOURLY_PERIOD_HINTS, ...options, horizon, level })
      .fit(s.train)
      .predict();
    ours.add(s, forecast.mean, scale, performance.now() - started);
    ours.addInterval(s, forecast.lower, forecast.upper, scale);
    for (const m of forecast.models) {
      modelUsage[m.name] = (modelUsage[m.name] ?? 0) + 1;
    }
    forecasts.ids.push(s.id);
    forecasts.mean.push(forecast.mean);
    forecasts.lower.push(forecast.lower);
    forecasts.upper.push(forecast.upper);

    started = performance.now();
    const n2 = new Naive2().fit(s.train, { periods: [period] }).forecast(horizon);
    naive2.add(s, n2, scale, performance.now() - started);
    started = performance.now();
    const sn = new SeasonalNaive().fit(s.train, { periods: [period] }).forecast(horizon);
    snaive.add(s, sn, scale, performance.now() - started);
    extras.forEach((extra, e) => {
      started = performance.now();
      const f = extra.forecast(s.train, horizon);
      others[e].add(s, f.mean, scale, performance.now() - started);
      if (f.lower !== undefined && f.upper !== undefined) {
        others[e].addInterval(s, f.lower, f.upper, scale);
      }
    });
  }
  const reference = naive2.scores(NaN, NaN);
  const methods = [ours, naive2, snaive, ...others].map((a) => a.scores(reference.smape, reference.mase));
  return {
    evaluation: { series: series.length, horizon, period, level, methods, modelUsage },
    forecasts,
  };
}

class Accumulator {
  private smape = 0;
  private mase = 0;
  private ms = 0;
  private count = 0;
  private covered = 0;
  private points = 0;
  private msis = 0;

  constructor(private readonly method: string) {}

  add(s: M4Series, forecast: Float64Array, scale: number, ms: number): void {
    this.smape += smape(s.test, forecast);
    this.mase += mase(s.test, forecast, scale);
    this.ms += ms;
    this.count++;
  }

  addInterval(s: M4Series, lower: Float64Array, upper: Float64Array, scale: number): void {
    this.covered += countCovered(s.test, lower, upper);
    this.points += s.test.length;
    this.msis += msis(s.test, lower, upper, scale);
  }

  scores(naive2Smape: number, naive2Mase: number): MethodScores {
    const n = Math.max(1, this.count);
    const s = this.smape / n;
    const m = this.mase / n;
    const scores: MethodScores = {
      method: this.method,
      smape: s,
      mase: m,
      owa: owa(s, m, naive2Smape, naive2Mase),
      meanMs: this.ms / n,
    };
    if (this.points > 0) {
      scores.coverage = this.covered / this.points;
      scores.msis = this.msis / n;
    }
    return scores;
  }
}

/** M4 submission layout: `id,F1,…,Fh`, one line per series. */
export function m4SubmissionCsv(ids: readonly string[], rows: readonly Float64Array[]): string {
  const h = rows.length > 0 ? rows[0].length : 0;
  const header = ['id', ...Array.from({ length: h }, (_, k) => `F${k + 1}`)].join(',');
  const lines = ids.map((id, i) => [id, ...Array.from(rows[i], (v) => formatNumber(v))].join(','));
  return [header, ...lines].join('\n') + '\n';
}

function formatNumber(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : 'NA';
}
