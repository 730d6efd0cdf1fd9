import React from 'react';

import { Field, FieldSet, Input, Switch } from '@grafana/ui';

import { DEFAULT_INCREMENTAL_OVERLAP_WINDOW, DEFAULT_MAX_SERIES, DEFAULT_TIMEOUT_SECONDS } from 'contract/settings';

import { selectors } from '../../selectors';
import { SectionProps, withJsonData, withJsonDataOrDefault } from './configUpdates';

type LimitKey = 'timeoutSeconds' | 'maxSeries';

/** A positive whole number, or undefined for "use the default" (an empty or unusable entry). */
export function parseLimit(text: string): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function LimitsSection({ options, onOptionsChange }: SectionProps) {
  const s = selectors.configEditor;

  const onLimitChange = (key: LimitKey, text: string) =>
    onOptionsChange(withJsonDataOrDefault(options, key, parseLimit(text)));

  return (
    <FieldSet label="Limits">
      <Field
        label={s.timeoutSeconds.label}
        description={`How long one request to Prometheus may take. Default ${DEFAULT_TIMEOUT_SECONDS}.`}
      >
        <Input
          id={s.timeoutSeconds.id}
          type="number"
          min={1}
          width={16}
          placeholder={String(DEFAULT_TIMEOUT_SECONDS)}
          value={options.jsonData.timeoutSeconds ?? ''}
          onChange={(event) => onLimitChange('timeoutSeconds', event.currentTarget.value)}
        />
      </Field>
      <Field
        label={s.maxSeries.label}
        description={`A query returning more series is refused with an error, protecting Grafana and Prometheus. Default ${DEFAULT_MAX_SERIES}.`}
      >
        <Input
          id={s.maxSeries.id}
          type="number"
          min={1}
          width={16}
          placeholder={String(DEFAULT_MAX_SERIES)}
          value={options.jsonData.maxSeries ?? ''}
          onChange={(event) => onLimitChange('maxSeries', event.currentTarget.value)}
        />
      </Field>
      <Field
        label={s.incrementalQuerying.label}
        description="Anomaly queries ask Prometheus only for what is new since the last refresh (and the 10 minutes before). Turn off if older samples change after the fact (backfills)."
      >
        <Switch
          id={s.incrementalQuerying.id}
          value={options.jsonData.incrementalQuerying ?? true}
          onChange={(event) =>
            onOptionsChange(withJsonData(options, { incrementalQuerying: event.currentTarget.checked }))
          }
        />
      </Field>
      <Field
        label={s.incrementalQueryOverlapWindow.label}
        description={`How far back before the newest points a refresh asks again, for samples that arrive late. Default ${DEFAULT_INCREMENTAL_OVERLAP_WINDOW}.`}
        disabled={options.jsonData.incrementalQuerying === false}
      >
        <Input
          id={s.incrementalQueryOverlapWindow.id}
          width={16}
          placeholder={DEFAULT_INCREMENTAL_OVERLAP_WINDOW}
          value={options.jsonData.incrementalQueryOverlapWindow ?? ''}
          onChange={(event) =>
            onOptionsChange(
              withJsonDataOrDefault(
                options,
                'incrementalQueryOverlapWindow',
                event.currentTarget.value.trim() || undefined
              )
            )
          }
        />
      </Field>
    </FieldSet>
  );
}
