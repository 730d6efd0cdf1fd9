import React from 'react';
import { Alert, LinkButton, Stack } from '@grafana/ui';

import { useTraceoDataSource } from 'components/DataSource/useTraceoDataSource';
import { PageEmptyState } from 'components/PageEmptyState/PageEmptyState';
import { testIds } from 'components/testIds';

import { GRAFANA_LINKS } from '../../constants';
import { DataSourceHealthCard } from './DataSourceHealthCard';

/** Which Traceo ML data source the app uses and whether it works; every other page depends on it. */
export function DataSourceStatus() {
  const resolution = useTraceoDataSource();

  switch (resolution.kind) {
    case 'none':
      return (
        <PageEmptyState
          testId={testIds.overview.noDataSource}
          message="No Traceo ML data source yet"
          description="The data source connects Traceo ML to your Prometheus. Panels, alert rules and these pages all go through it."
          steps={[
            'Add a Traceo ML data source and enter the URL of your Prometheus (or Mimir, Thanos, VictoriaMetrics).',
            'Click "Save & test" to check the connection.',
            'Pick it as the default in the app configuration.',
          ]}
          primaryAction={{ label: 'Add data source', href: GRAFANA_LINKS.newDataSource, icon: 'plus' }}
          secondaryAction={{ label: 'Configure app', href: GRAFANA_LINKS.appConfig, icon: 'cog' }}
        />
      );
    case 'missing':
      return (
        <Alert
          severity="warning"
          title="The configured data source does not exist"
          data-testid={testIds.overview.dataSourceStatus}
        >
          <Stack direction="column" gap={1} alignItems="flex-start">
            <span>
              The app is configured to use the data source with uid <code>{resolution.uid}</code>, but Grafana has no
              such data source. It may have been deleted, or provisioned with another uid.
            </span>
            <LinkButton href={GRAFANA_LINKS.appConfig} icon="cog" variant="secondary" size="sm">
              Choose another data source
            </LinkButton>
          </Stack>
        </Alert>
      );
    case 'fallback':
    case 'configured':
      return (
        <div data-testid={testIds.overview.dataSourceStatus}>
          <Stack direction="column" gap={2}>
            {resolution.kind === 'fallback' && (
              <Alert severity="info" title="No default data source configured">
                The app uses <strong>{resolution.dataSource.name}</strong> because it is the first Traceo ML data
                source. <a href={GRAFANA_LINKS.appConfig}>Pick the default in the app configuration</a> so it does not
                change when another one is added.
              </Alert>
            )}
            <DataSourceHealthCard dataSource={resolution.dataSource} />
          </Stack>
        </div>
      );
  }
}
