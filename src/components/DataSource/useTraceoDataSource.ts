import { useMemo } from 'react';

import { getDataSourceSrv } from '@grafana/runtime';

import { useAppSettings } from 'components/App/AppSettingsContext';
import { DATASOURCE_PLUGIN_ID } from 'contract/settings';

import { resolveTraceoDataSource, TraceoDataSourceResolution } from './resolveTraceoDataSource';

/** The data source the app pages use: the configured default, else any Traceo ML data source. */
export function useTraceoDataSource(): TraceoDataSourceResolution {
  const { defaultDataSourceUid } = useAppSettings();
  return useMemo(
    () => resolveTraceoDataSource(defaultDataSourceUid, getDataSourceSrv().getList({ pluginId: DATASOURCE_PLUGIN_ID })),
    [defaultDataSourceUid]
  );
}
