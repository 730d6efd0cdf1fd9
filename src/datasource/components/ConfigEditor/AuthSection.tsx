import React from 'react';

import { Field, FieldSet, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';

import { AuthMethod } from 'contract/settings';

import { selectors } from '../../selectors';
import { isSecretConfigured, SectionProps, withJsonData, withSecret, withSecretReset } from './configUpdates';

const AUTH_OPTIONS = [
  { label: 'No authentication', value: 'none' as const },
  { label: 'Basic', value: 'basic' as const },
  { label: 'Bearer token', value: 'bearer' as const },
];

/** How the backend authenticates to Prometheus. Switching methods keeps stored secrets; only the chosen one is used. */
export function AuthSection({ options, onOptionsChange }: SectionProps) {
  const s = selectors.configEditor;
  const method = options.jsonData.authMethod ?? 'none';

  return (
    <FieldSet label="Authentication">
      <Field label={s.authMethod.label}>
        <RadioButtonGroup<AuthMethod>
          id={s.authMethod.id}
          aria-label={s.authMethod.label}
          options={AUTH_OPTIONS}
          value={method}
          onChange={(authMethod) => onOptionsChange(withJsonData(options, { authMethod }))}
        />
      </Field>
      {method === 'basic' && (
        <>
          <Field label={s.basicAuthUser.label}>
            <Input
              id={s.basicAuthUser.id}
              width={40}
              value={options.jsonData.basicAuthUser ?? ''}
              autoComplete="off"
              onChange={(event) => onOptionsChange(withJsonData(options, { basicAuthUser: event.currentTarget.value }))}
            />
          </Field>
          <Field label={s.basicAuthPassword.label}>
            <SecretInput
              id={s.basicAuthPassword.id}
              width={40}
              isConfigured={isSecretConfigured(options, 'basicAuthPassword')}
              value={options.secureJsonData?.basicAuthPassword ?? ''}
              onChange={(event) => onOptionsChange(withSecret(options, 'basicAuthPassword', event.currentTarget.value))}
              onReset={() => onOptionsChange(withSecretReset(options, 'basicAuthPassword'))}
            />
          </Field>
        </>
      )}
      {method === 'bearer' && (
        <Field label={s.bearerToken.label} description="Sent as Authorization: Bearer <token>.">
          <SecretInput
            id={s.bearerToken.id}
            width={60}
            isConfigured={isSecretConfigured(options, 'bearerToken')}
            value={options.secureJsonData?.bearerToken ?? ''}
            onChange={(event) => onOptionsChange(withSecret(options, 'bearerToken', event.currentTarget.value))}
            onReset={() => onOptionsChange(withSecretReset(options, 'bearerToken'))}
          />
        </Field>
      )}
    </FieldSet>
  );
}
