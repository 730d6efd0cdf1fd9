import React from 'react';

import { Field, FieldSet, Input } from '@grafana/ui';

import { selectors } from '../../selectors';
import { SectionProps, withJsonData } from './configUpdates';

/** A URL Prometheus' HTTP API can be reached at; anything else would only fail at "Save & test". */
export function isValidPrometheusUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

export function ConnectionSection({ options, onOptionsChange }: SectionProps) {
  const { id, label } = selectors.configEditor.prometheusUrl;
  const url = options.jsonData.prometheusUrl ?? '';
  const invalid = url !== '' && !isValidPrometheusUrl(url);

  return (
    <FieldSet label="Connection">
      <Field
        label={label}
        description="Base URL of a Prometheus-compatible HTTP API: Prometheus, Mimir, Thanos or VictoriaMetrics. The Traceo ML backend calls it from the Grafana server."
        required
        invalid={invalid}
        error={invalid ? 'Enter an http:// or https:// URL, e.g. http://prometheus:9090' : undefined}
      >
        <Input
          id={id}
          width={60}
          value={url}
          placeholder="http://prometheus:9090"
          onChange={(event) =>
            onOptionsChange(withJsonData(options, { prometheusUrl: event.currentTarget.value.trim() }))
          }
        />
      </Field>
    </FieldSet>
  );
}
