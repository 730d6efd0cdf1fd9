import React, { useState } from 'react';

import { Button, FieldSet, IconButton, InlineField, InlineFieldRow, Input, SecretInput, Text } from '@grafana/ui';

import { MAX_CUSTOM_HEADERS } from 'contract/settings';

import { selectors } from '../../selectors';
import {
  HEADER_SLOTS,
  HeaderSlot,
  headerNameKey,
  headerValueKey,
  isSecretConfigured,
  SectionProps,
  usedHeaderSlots,
  withHeaderRemoved,
  withJsonData,
  withSecret,
  withSecretReset,
} from './configUpdates';

/**
 * Custom headers sent to Prometheus (e.g. X-Scope-OrgID for Mimir). Headers keep their slot number: a stored
 * value cannot be read back, so it cannot be moved to another slot when one above it is removed.
 */
export function HeadersSection({ options, onOptionsChange }: SectionProps) {
  const s = selectors.configEditor;
  // Slots shown: the ones holding a header plus the ones just added and still empty.
  const [shown, setShown] = useState<HeaderSlot[]>(() => usedHeaderSlots(options));
  const free = HEADER_SLOTS.filter((slot) => !shown.includes(slot));

  const remove = (slot: HeaderSlot) => {
    setShown(shown.filter((shownSlot) => shownSlot !== slot));
    onOptionsChange(withHeaderRemoved(options, slot));
  };

  return (
    <FieldSet label="Custom HTTP headers">
      <Text color="secondary" element="p">
        Added to every request to Prometheus, up to {MAX_CUSTOM_HEADERS}. Values are stored encrypted.
      </Text>
      {shown.map((slot) => {
        const name = s.headerName(slot);
        const value = s.headerValue(slot);
        const valueKey = headerValueKey(slot);
        return (
          <InlineFieldRow key={slot}>
            <InlineField label="Name" htmlFor={name.id} labelWidth={8}>
              <Input
                id={name.id}
                aria-label={name.label}
                width={30}
                placeholder="X-Scope-OrgID"
                value={options.jsonData[headerNameKey(slot)] ?? ''}
                onChange={(event) =>
                  onOptionsChange(withJsonData(options, { [headerNameKey(slot)]: event.currentTarget.value.trim() }))
                }
              />
            </InlineField>
            <InlineField label="Value" htmlFor={value.id} labelWidth={8}>
              <SecretInput
                id={value.id}
                aria-label={value.label}
                width={30}
                isConfigured={isSecretConfigured(options, valueKey)}
                value={options.secureJsonData?.[valueKey] ?? ''}
                onChange={(event) => onOptionsChange(withSecret(options, valueKey, event.currentTarget.value))}
                onReset={() => onOptionsChange(withSecretReset(options, valueKey))}
              />
            </InlineField>
            <IconButton name="trash-alt" tooltip={s.removeHeader(slot)} onClick={() => remove(slot)} />
          </InlineFieldRow>
        );
      })}
      <Button
        type="button"
        icon="plus"
        variant="secondary"
        size="sm"
        disabled={free.length === 0}
        onClick={() => setShown([...shown, free[0]].sort((a, b) => a - b))}
      >
        {s.addHeader}
      </Button>
    </FieldSet>
  );
}
