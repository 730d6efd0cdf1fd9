import React from 'react';

import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, MultiSelect, RadioButtonGroup, Select } from '@grafana/ui';

import {
  ANOMALY_DETECTORS,
  AnnotationSeverity,
  AnomalyDetector,
  AnomalyDirection,
  AnomalyQueryOptions,
  DEFAULT_ANOMALY_DETECTORS,
  DEFAULT_ANOMALY_OPTIONS,
  MAX_AUTOENCODER_SERIES,
  OutputMode,
} from 'contract/query';

/** Labels and ids of the anomaly options, for the component and its tests. */
export const anomalyFields = {
  sensitivity: { id: 'traceo-anomaly-sensitivity', label: 'Sensitivity' },
  trainingWindow: { id: 'traceo-anomaly-training', label: 'Training' },
  seasonality: { id: 'traceo-anomaly-seasonality', label: 'Seasonality' },
  periods: { id: 'traceo-anomaly-periods', label: 'Periods' },
  direction: { id: 'traceo-anomaly-direction', label: 'Direction' },
  minDeviation: { id: 'traceo-anomaly-min-deviation', label: 'Min deviation' },
  detectors: { id: 'traceo-anomaly-detectors', label: 'Detectors' },
  annotationSeverity: { id: 'traceo-anomaly-annotations', label: 'Annotate from' },
} as const;

const DETECTOR_OPTIONS: Array<SelectableValue<AnomalyDetector>> = [
  {
    label: 'Novel value',
    value: 'novelty',
    description:
      'A value the series has not taken in its learning period: a new high or low, or a level never visited.',
  },
  { label: 'Level shift', value: 'shift', description: 'A sustained move away from the expected value.' },
  { label: 'Volatility', value: 'volatility', description: 'A burst of variance rather than one outlier.' },
  { label: 'Isolation forest', value: 'isolationForest', description: 'Unusual combinations of recent behaviour.' },
  { label: 'Robust covariance', value: 'robustCovariance', description: 'Distance from the typical feature profile.' },
  {
    label: 'Autoencoder (slower)',
    value: 'autoencoder',
    // Opt-in: it trains a network per series at every refit.
    description: `Unusual shapes of the recent residuals; trains a small network per series, at most ${MAX_AUTOENCODER_SERIES} series.`,
  },
];

type SeasonalityMode = 'auto' | 'none' | 'custom';

const SEASONALITY_OPTIONS: Array<SelectableValue<SeasonalityMode>> = [
  { label: 'Auto', value: 'auto', description: 'Detects hourly, daily and weekly cycles.' },
  { label: 'None', value: 'none', description: 'No cycle: the expected value follows the level only.' },
  { label: 'Custom', value: 'custom', description: 'Fixed periods, e.g. 1d, 1w.' },
];

const DIRECTION_OPTIONS: Array<SelectableValue<AnomalyDirection>> = [
  { label: 'Both', value: 'both' },
  { label: 'Up', value: 'up', description: 'Only values above the expected one count.' },
  { label: 'Down', value: 'down', description: 'Only values below the expected one count.' },
];

const SEVERITY_OPTIONS: Array<SelectableValue<AnnotationSeverity>> = [
  { label: 'Minor', value: 'minor', description: 'Scores above 30.' },
  { label: 'Moderate', value: 'moderate', description: 'Scores above 60.' },
  { label: 'Critical', value: 'critical', description: 'Scores above 85.' },
];

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

function isDuration(text: string): boolean {
  return DURATION.test(text.trim());
}

/** `1d, 1w` → ['1d', '1w']. */
export function parsePeriods(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

interface Props {
  options: AnomalyQueryOptions;
  output: OutputMode;
  /** Typed text: applied at once, run on blur. */
  onChange: (options: AnomalyQueryOptions) => void;
  /** Discrete choices: applied and run at once. */
  onChangeAndRun: (options: AnomalyQueryOptions) => void;
  onBlur: () => void;
}

/** The `anomaly` query type's options (contract/query.ts AnomalyQueryOptions); empty fields take the defaults. */
export function AnomalyOptions({ options, output, onChange, onChangeAndRun, onBlur }: Props) {
  const f = anomalyFields;
  const sensitivityValid = options.sensitivity === undefined || (options.sensitivity >= 0 && options.sensitivity <= 1);
  const trainingValid = options.trainingWindow === undefined || isDuration(options.trainingWindow);
  const seasonality = options.seasonality ?? DEFAULT_ANOMALY_OPTIONS.seasonality;
  const mode: SeasonalityMode = Array.isArray(seasonality) ? 'custom' : seasonality;
  const periods = Array.isArray(seasonality) ? seasonality : [];
  const periodsValid = periods.length > 0 && periods.every(isDuration);
  const enabled = ANOMALY_DETECTORS.filter((name) => options.detectors?.[name] ?? DEFAULT_ANOMALY_DETECTORS[name]);

  const numberOrUndefined = (text: string) => {
    const value = text.trim() === '' ? undefined : Number(text);
    return value !== undefined && Number.isFinite(value) ? value : undefined;
  };

  return (
    <>
      <InlineFieldRow>
        <InlineField
          label={f.sensitivity.label}
          labelWidth={14}
          tooltip="0–1: higher flags less rare points already. Default 0.5."
          invalid={!sensitivityValid}
          error={sensitivityValid ? undefined : 'Between 0 and 1'}
        >
          <Input
            id={f.sensitivity.id}
            width={10}
            type="number"
            step={0.1}
            min={0}
            max={1}
            value={options.sensitivity ?? ''}
            placeholder={String(DEFAULT_ANOMALY_OPTIONS.sensitivity)}
            onChange={(event) => onChange({ ...options, sensitivity: numberOrUndefined(event.currentTarget.value) })}
            onBlur={() => sensitivityValid && onBlur()}
          />
        </InlineField>
        <InlineField
          label={f.trainingWindow.label}
          tooltip="History before the time range the models learn from (at most 30d)."
          invalid={!trainingValid}
          error={trainingValid ? undefined : 'Use a duration such as 7d'}
        >
          <Input
            id={f.trainingWindow.id}
            width={10}
            value={options.trainingWindow ?? ''}
            placeholder={DEFAULT_ANOMALY_OPTIONS.trainingWindow}
            onChange={(event) => onChange({ ...options, trainingWindow: event.currentTarget.value || undefined })}
            onBlur={() => trainingValid && onBlur()}
          />
        </InlineField>
        <InlineField label={f.seasonality.label} tooltip="Cycles the expected value follows.">
          <Select<SeasonalityMode>
            inputId={f.seasonality.id}
            aria-label={f.seasonality.label}
            width={14}
            options={SEASONALITY_OPTIONS}
            value={mode}
            onChange={(picked) => {
              if (picked.value === 'custom') {
                // Nothing to run yet: the periods are typed next.
                onChange({ ...options, seasonality: ['1d'] });
              } else {
                onChangeAndRun({ ...options, seasonality: picked.value === 'auto' ? undefined : picked.value });
              }
            }}
          />
        </InlineField>
        {mode === 'custom' && (
          <InlineField
            label={f.periods.label}
            invalid={!periodsValid}
            error={periodsValid ? undefined : 'Durations separated by commas, e.g. 1d, 1w'}
          >
            <Input
              id={f.periods.id}
              width={16}
              defaultValue={periods.join(', ')}
              onChange={(event) => onChange({ ...options, seasonality: parsePeriods(event.currentTarget.value) })}
              onBlur={() => periodsValid && onBlur()}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label={f.direction.label} labelWidth={14}>
          <RadioButtonGroup<AnomalyDirection>
            id={f.direction.id}
            aria-label={f.direction.label}
            options={DIRECTION_OPTIONS}
            value={options.direction ?? DEFAULT_ANOMALY_OPTIONS.direction}
            onChange={(direction) => onChangeAndRun({ ...options, direction })}
          />
        </InlineField>
        <InlineField label={f.minDeviation.label} tooltip="Smaller deviations never score, in the metric's unit.">
          <Input
            id={f.minDeviation.id}
            width={10}
            type="number"
            min={0}
            value={options.minDeviation ?? ''}
            placeholder="0"
            onChange={(event) => onChange({ ...options, minDeviation: numberOrUndefined(event.currentTarget.value) })}
            onBlur={onBlur}
          />
        </InlineField>
        <InlineField label={f.detectors.label} tooltip="The seasonal residual baseline always runs.">
          <MultiSelect<AnomalyDetector>
            inputId={f.detectors.id}
            aria-label={f.detectors.label}
            width={40}
            options={DETECTOR_OPTIONS}
            value={enabled}
            onChange={(picked) => {
              const on = new Set(picked.map((item) => item.value));
              const detectors = Object.fromEntries(ANOMALY_DETECTORS.map((name) => [name, on.has(name)]));
              onChangeAndRun({ ...options, detectors });
            }}
          />
        </InlineField>
        {output === 'panel' && (
          <InlineField label={f.annotationSeverity.label} tooltip="Anomaly episodes this severe become annotations.">
            <RadioButtonGroup<AnnotationSeverity>
              id={f.annotationSeverity.id}
              aria-label={f.annotationSeverity.label}
              options={SEVERITY_OPTIONS}
              value={options.annotationSeverity ?? DEFAULT_ANOMALY_OPTIONS.annotationSeverity}
              onChange={(annotationSeverity) => onChangeAndRun({ ...options, annotationSeverity })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
    </>
  );
}
