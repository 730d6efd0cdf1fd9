import React from 'react';
import { Stack, Text } from '@grafana/ui';

import { testIds } from 'components/testIds';

import { CapabilityCards } from './CapabilityCards';
import { DataSourceStatus } from './DataSourceStatus';

export function Overview() {
  return (
    <div data-testid={testIds.overview.container}>
      <Stack direction="column" gap={4}>
        <section aria-labelledby="traceo-overview-datasource">
          <Stack direction="column" gap={2}>
            <Text element="h2" variant="h4" id="traceo-overview-datasource">
              Data source
            </Text>
            <DataSourceStatus />
          </Stack>
        </section>
        <section aria-labelledby="traceo-overview-capabilities">
          <Stack direction="column" gap={2}>
            <Text element="h2" variant="h4" id="traceo-overview-capabilities">
              What you can do
            </Text>
            <CapabilityCards />
          </Stack>
        </section>
      </Stack>
    </div>
  );
}
