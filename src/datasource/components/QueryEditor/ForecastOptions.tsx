import React from 'react';

import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, MultiSelect, RadioButtonGroup, Select } from '@grafana/ui';

import {
  DEFAULT_FORECAST_OPTIONS,
  FORECAST_INTERVAL_LEVELS,
  ForecastAlertValue,
  ForecastDirection,
  ForecastIntervalLevel,
  ForecastModel,
  ForecastQueryOptions,
  MAX_LSTM_SERIES,
  OutputMode,
} from 'contract/query';

/** Labels and ids of the forecast options, for the component and its tests. */
export const forecastFields = {
  horizon: { id: 'traceo-forecast-horizon', label: 'Horizon' },
  trainingWindow: { id: 'traceo-forecast-training', label: 'Training' },
  intervalLevel: { id: 'traceo-forecast-interval', label: 'Interval' },
  models: { id: 'traceo-forecast-models', label: 'Models' },
  threshold: { id: 'traceo-forecast-threshold', label: 'Threshold' },
  direction: { id: 'traceo-forecast-direction', label: 'Fails when' },
  alertValue: { id: 'traceo-forecast-alert-value', label: 'Alert on' },
} as const;

const MODEL_OPTIONS: Array<SelectableValue<ForecastModel>> = [
  { label: 'Seasonal naive', value: 'seasonalNaive', description: 'Repeats the last season.' },
  { label: 'Theta', value: 'theta', description: 'Smoothed level with half the long-run trend.' },
  { label: 'Holt-Winters', value: 'holtWinters', description: 'Exponential smoothing with damped trend and season.' },
  { label: 'Additive', value: 'additive', description: 'Piecewise-linear trend plus Fourier seasons.' },
  {
    label: 'LSTM (slower)',
    value: 'lstm',
    // Opt-in: never part of auto, because it trains on every run of the query.
    description: `Neural network trained per series on every run: about 0.3 s per series, at most ${MAX_LSTM_SERIES} series.`,
  },
];

const LEVEL_OPTIONS = FORECAST_INTERVAL_LEVELS.map((level) => ({ label: `${level * 100}%`, value: level }));

const DIRECTION_OPTIONS: Array<SelectableValue<ForecastDirection>> = [
  { label: 'Above', value: 'above', description: 'Failure is going above the threshold (disk used, latency).' },
  { label: 'Below', value: 'below', description: 'Failure is going below the threshold (free space, budget).' },
];

const ALERT_VALUE_OPTIONS: Array<SelectableValue<ForecastAlertValue>> = [
  { label: 'Failure probability', value: 'failure_probability', description: 'P(crossing within the horizon), 0–1.' },
  { label: 'Time to threshold', value: 'time_to_threshold_seconds', description: 'Seconds; null when not expected.' },
  { label: 'Forecast', value: 'forecast', description: 'The forecast curve; reduce it with Last or Max.' },
];

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

export function isValidDuration(text: string | undefined): boolean {
  const value = text?.trim() ?? '';
  return value === '' || DURATION.test(value);
}

interface Props {
  options: ForecastQueryOptions;
  output: OutputMode;
  /** Typed text: applied at once, run on blur. */
  onChange: (options: ForecastQueryOptions) => void;
  /** Discrete choices: applied and run at once. */
  onChangeAndRun: (options: ForecastQueryOptions) => void;
  onBlur: () => void;
}

/** The `forecast` query type's options (contract/query.ts ForecastQueryOptions); empty fields take the defaults. */
export function ForecastOptions({ options, output, onChange, onChangeAndRun, onBlur }: Props) {
  const f = forecastFields;
  const horizonValid = isValidDuration(options.horizon);
  const trainingValid = isValidDuration(options.trainingWindow);
  const hasThreshold = options.threshold !== undefined && options.threshold !== null;
  const models = options.models === undefined || options.models === 'auto' ? [] : options.models;
  const alertValue = options.alertValue ?? (hasThreshold ? 'failure_probability' : 'forecast');

  return (
    <>
      <InlineFieldRow>
        <InlineField
          label={f.horizon.label}
          labelWidth={14}
          tooltip="How far past the end of the time range to forecast, e.g. 24h. At most the training window."
          invalid={!horizonValid}
          error={horizonValid ? undefined : 'Use a duration such as 24h or 3d'}
        >
          <Input
            id={f.horizon.id}
            width={12}
            value={options.horizon ?? ''}
            placeholder={DEFAULT_FORECAST_OPTIONS.horizon}
            onChange={(event) => onChange({ ...options, horizon: event.currentTarget.value || undefined })}
            onBlur={() => horizonValid && onBlur()}
          />
        </InlineField>
        <InlineField
          label={f.trainingWindow.label}
          tooltip="History the models learn from, ending at the end of the time range (at most 30d)."
          invalid={!trainingValid}
          error={trainingValid ? undefined : 'Use a duration such as 7d'}
        >
          <Input
            id={f.trainingWindow.id}
            width={12}
            value={options.trainingWindow ?? ''}
            placeholder={DEFAULT_FORECAST_OPTIONS.trainingWindow}
            onChange={(event) => onChange({ ...options, trainingWindow: event.currentTarget.value || undefined })}
            onBlur={() => trainingValid && onBlur()}
          />
        </InlineField>
        <InlineField label={f.intervalLevel.label} tooltip="Share of future values expected inside the band.">
          <RadioButtonGroup<ForecastIntervalLevel>
            id={f.intervalLevel.id}
            aria-label={f.intervalLevel.label}
            options={LEVEL_OPTIONS}
            value={options.intervalLevel ?? DEFAULT_FORECAST_OPTIONS.intervalLevel}
            onChange={(intervalLevel) => onChangeAndRun({ ...options, intervalLevel })}
          />
        </InlineField>
        <InlineField
          label={f.models.label}
          tooltip="Models to backtest and combine; none picked means auto (all but the LSTM, which trains per query and must be picked)."
        >
          <MultiSelect<ForecastModel>
            inputId={f.models.id}
            aria-label={f.models.label}
            width={36}
            options={MODEL_OPTIONS}
            value={models}
            placeholder="auto"
            onChange={(picked) => {
              const chosen = picked.map((item) => item.value).filter((v): v is ForecastModel => v !== undefined);
              onChangeAndRun({ ...options, models: chosen.length > 0 ? chosen : undefined });
            }}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label={f.threshold.label}
          labelWidth={14}
          tooltip="The value that means failure, in the metric's unit. Set it to get the failure probability and the time to threshold."
        >
          <Input
            id={f.threshold.id}
            width={12}
            type="number"
            value={hasThreshold ? String(options.threshold) : ''}
            placeholder="none"
            onChange={(event) => {
              const text = event.currentTarget.value;
              const parsed = text.trim() === '' ? undefined : Number(text);
              const threshold = parsed !== undefined && Number.isFinite(parsed) ? parsed : undefined;
              // Probability and time to threshold mean nothing without a threshold: fall back to the default.
              const keepAlertValue = threshold !== undefined || options.alertValue === 'forecast';
              onChange({ ...options, threshold, alertValue: keepAlertValue ? options.alertValue : undefined });
            }}
            onBlur={onBlur}
          />
        </InlineField>
        {hasThreshold && (
          <InlineField label={f.direction.label}>
            <RadioButtonGroup<ForecastDirection>
              id={f.direction.id}
              aria-label={f.direction.label}
              options={DIRECTION_OPTIONS}
              value={options.direction ?? DEFAULT_FORECAST_OPTIONS.direction}
              onChange={(direction) => onChangeAndRun({ ...options, direction })}
            />
          </InlineField>
        )}
        {output === 'alert' && (
          <InlineField label={f.alertValue.label} tooltip="The one series per source series the alert rule reads.">
            <Select<ForecastAlertValue>
              inputId={f.alertValue.id}
              aria-label={f.alertValue.label}
              width={24}
              options={hasThreshold ? ALERT_VALUE_OPTIONS : ALERT_VALUE_OPTIONS.filter((o) => o.value === 'forecast')}
              value={alertValue}
              onChange={(picked) => onChangeAndRun({ ...options, alertValue: picked.value })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
    </>
  );
}
