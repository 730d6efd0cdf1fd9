import React from 'react';

import { InlineField, RadioButtonGroup, Stack, Text } from '@grafana/ui';

import { QueryType } from 'contract/query';

import { QUERY_TYPE_INFO } from '../../queryTypes';
import { selectors } from '../../selectors';

const COMING_LATER = ' Coming in a later release.';

const OPTIONS = QUERY_TYPE_INFO.map((info) => ({
  label: info.label,
  value: info.value,
  description: info.available ? info.description : info.description + COMING_LATER,
}));
const UNAVAILABLE = QUERY_TYPE_INFO.filter((info) => !info.available);

interface Props {
  value: QueryType;
  onChange: (type: QueryType) => void;
}

/** Every query type is listed, so users see what is coming; only the ones this release runs can be picked. */
export function QueryTypeField({ value, onChange }: Props) {
  const { label } = selectors.queryEditor.queryType;
  return (
    <Stack direction="column" gap={0.5}>
      <InlineField label={label} labelWidth={14} tooltip="What the backend computes from the PromQL result.">
        <RadioButtonGroup<QueryType>
          id={selectors.queryEditor.queryType.id}
          aria-label={label}
          options={OPTIONS}
          disabledOptions={UNAVAILABLE.map((info) => info.value)}
          value={value}
          onChange={onChange}
        />
      </InlineField>
      {UNAVAILABLE.length > 0 && (
        <Text variant="bodySmall" color="secondary">
          {UNAVAILABLE.map((info) => info.label).join(', ')}: coming in a later release.
        </Text>
      )}
    </Stack>
  );
}
