import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor/ConfigEditor';
import { QueryEditor } from './components/QueryEditor/QueryEditor';
import { DataSource } from './datasource';
import { TraceoDataSourceOptions, TraceoDataSourceSecureJsonData, TraceoQuery } from './types';

// Annotations need no editor of their own: `DataSource.annotations` keeps the query in `target`, so Grafana's
// standard annotation editor hosts the QueryEditor below.
export const plugin = new DataSourcePlugin<
  DataSource,
  TraceoQuery,
  TraceoDataSourceOptions,
  TraceoDataSourceSecureJsonData
>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
