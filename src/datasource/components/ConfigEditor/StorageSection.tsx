import React from 'react';

import { Field, FieldSet, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';

import { DEFAULT_AUDIT_RETENTION_DAYS, StorageBackend } from 'contract/settings';

import { selectors } from '../../selectors';
import {
  isSecretConfigured,
  SectionProps,
  withJsonData,
  withJsonDataOrDefault,
  withSecret,
  withSecretReset,
} from './configUpdates';
import { parseLimit } from './LimitsSection';

const STORAGE_OPTIONS = [
  { label: 'SQLite (embedded)', value: 'sqlite' as const, description: 'One file next to Grafana; nothing to run' },
  { label: 'PostgreSQL', value: 'postgres' as const, description: 'Shared by several Grafana replicas' },
];

/**
 * Where incidents and labels live, and the secret incident webhooks must present. The PostgreSQL password and the
 * webhook token are secrets: they only ever go to secureJsonData, never to the readable jsonData.
 */
export function StorageSection({ options, onOptionsChange }: SectionProps) {
  const s = selectors.configEditor;
  const storage = options.jsonData.storage ?? 'sqlite';
  // An emptied text setting is removed, so the backend falls back to its default instead of to "".
  const setText = (key: 'sqlitePath' | 'postgresDsn', value: string) =>
    onOptionsChange(withJsonDataOrDefault(options, key, value.trim() ? value : undefined));

  return (
    <FieldSet label="Incidents and labels">
      <Field label={s.storage.label}>
        <RadioButtonGroup<StorageBackend>
          id={s.storage.id}
          aria-label={s.storage.label}
          options={STORAGE_OPTIONS}
          value={storage}
          onChange={(value) => onOptionsChange(withJsonData(options, { storage: value }))}
        />
      </Field>
      {storage === 'sqlite' && (
        <Field
          label={s.sqlitePath.label}
          description="Leave empty for a file under Grafana's data directory (traceo-ml/<org>-<uid>.sqlite)."
        >
          <Input
            id={s.sqlitePath.id}
            width={60}
            placeholder="/var/lib/grafana/traceo-ml/incidents.sqlite"
            value={options.jsonData.sqlitePath ?? ''}
            onChange={(event) => setText('sqlitePath', event.currentTarget.value)}
          />
        </Field>
      )}
      {storage === 'postgres' && (
        <>
          <Field
            label={s.postgresDsn.label}
            description="Without the password, e.g. postgres://traceo@db:5432/traceo?sslmode=require"
          >
            <Input
              id={s.postgresDsn.id}
              width={60}
              placeholder="postgres://traceo@db:5432/traceo"
              value={options.jsonData.postgresDsn ?? ''}
              onChange={(event) => setText('postgresDsn', event.currentTarget.value)}
            />
          </Field>
          <Field label={s.postgresPassword.label}>
            <SecretInput
              id={s.postgresPassword.id}
              width={40}
              isConfigured={isSecretConfigured(options, 'postgresPassword')}
              value={options.secureJsonData?.postgresPassword ?? ''}
              onChange={(event) => onOptionsChange(withSecret(options, 'postgresPassword', event.currentTarget.value))}
              onReset={() => onOptionsChange(withSecretReset(options, 'postgresPassword'))}
            />
          </Field>
        </>
      )}
      <Field
        label={s.auditRetentionDays.label}
        description={`Audit trail entries older than this are deleted (the incidents and labels stay). Default ${DEFAULT_AUDIT_RETENTION_DAYS}.`}
      >
        <Input
          id={s.auditRetentionDays.id}
          type="number"
          min={1}
          width={16}
          placeholder={String(DEFAULT_AUDIT_RETENTION_DAYS)}
          value={options.jsonData.auditRetentionDays ?? ''}
          onChange={(event) =>
            onOptionsChange(withJsonDataOrDefault(options, 'auditRetentionDays', parseLimit(event.currentTarget.value)))
          }
        />
      </Field>
      <Field
        label={s.webhookToken.label}
        description="Incident webhooks (Grafana Alerting, Alertmanager, PagerDuty, generic JSON) must send it in the X-Traceo-Webhook-Token header; without a token, webhooks are refused."
      >
        <SecretInput
          id={s.webhookToken.id}
          width={60}
          isConfigured={isSecretConfigured(options, 'webhookToken')}
          value={options.secureJsonData?.webhookToken ?? ''}
          onChange={(event) => onOptionsChange(withSecret(options, 'webhookToken', event.currentTarget.value))}
          onReset={() => onOptionsChange(withSecretReset(options, 'webhookToken'))}
        />
      </Field>
    </FieldSet>
  );
}
