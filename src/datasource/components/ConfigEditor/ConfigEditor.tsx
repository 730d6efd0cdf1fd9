import React from 'react';

import { Divider, Stack } from '@grafana/ui';

import { AuthSection } from './AuthSection';
import { TraceoConfigEditorProps } from './configUpdates';
import { ConnectionSection } from './ConnectionSection';
import { HeadersSection } from './HeadersSection';
import { LimitsSection } from './LimitsSection';
import { StorageSection } from './StorageSection';
import { TlsSection } from './TlsSection';

/** Settings of a Traceo ML data source. Keys are the ones in src/contract/settings.ts, documented in the README. */
export function ConfigEditor({ options, onOptionsChange }: TraceoConfigEditorProps) {
  const section = { options, onOptionsChange };
  return (
    <Stack direction="column" gap={0}>
      <ConnectionSection {...section} />
      <Divider />
      <AuthSection {...section} />
      <Divider />
      <HeadersSection {...section} />
      <Divider />
      <TlsSection {...section} />
      <Divider />
      <LimitsSection {...section} />
      <Divider />
      <StorageSection {...section} />
    </Stack>
  );
}
