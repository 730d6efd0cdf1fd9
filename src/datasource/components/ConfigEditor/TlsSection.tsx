import React from 'react';

import { Field, FieldSet, SecretTextArea, Switch } from '@grafana/ui';

import { selectors } from '../../selectors';
import { isSecretConfigured, SectionProps, withJsonData, withSecret, withSecretReset } from './configUpdates';

export function TlsSection({ options, onOptionsChange }: SectionProps) {
  const s = selectors.configEditor;
  const { tlsSkipVerify = false, tlsWithCACert = false } = options.jsonData;

  return (
    <FieldSet label="TLS">
      <Field
        label={s.tlsSkipVerify.label}
        description="Accept any certificate Prometheus presents. For testing only: it allows a man in the middle."
      >
        <Switch
          id={s.tlsSkipVerify.id}
          value={tlsSkipVerify}
          onChange={(event) => onOptionsChange(withJsonData(options, { tlsSkipVerify: event.currentTarget.checked }))}
        />
      </Field>
      <Field label={s.tlsWithCACert.label} description="Verify Prometheus' certificate with your own CA bundle.">
        <Switch
          id={s.tlsWithCACert.id}
          value={tlsWithCACert}
          onChange={(event) => onOptionsChange(withJsonData(options, { tlsWithCACert: event.currentTarget.checked }))}
        />
      </Field>
      {tlsWithCACert && (
        <Field label={s.tlsCACert.label} description="PEM encoded, starting with -----BEGIN CERTIFICATE-----.">
          <SecretTextArea
            id={s.tlsCACert.id}
            rows={6}
            cols={60}
            placeholder="-----BEGIN CERTIFICATE-----"
            isConfigured={isSecretConfigured(options, 'tlsCACert')}
            value={options.secureJsonData?.tlsCACert ?? ''}
            onChange={(event) => onOptionsChange(withSecret(options, 'tlsCACert', event.currentTarget.value))}
            onReset={() => onOptionsChange(withSecretReset(options, 'tlsCACert'))}
          />
        </Field>
      )}
    </FieldSet>
  );
}
