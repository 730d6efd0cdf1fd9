import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import type { QueryType, TraceoQueryModel } from 'contract/query';
import type { TraceoDataSourceJsonData } from 'contract/settings';

export type { TraceoDataSourceJsonData, TraceoDataSourceSecureJsonData } from 'contract/settings';

/**
 * The query as Grafana stores it in dashboards, Explore and alert rules: Grafana's DataQuery envelope around the
 * shared query model. `queryType` is redeclared because DataQuery types it as any string.
 */
export interface TraceoQuery extends DataQuery, TraceoQueryModel {
  queryType?: QueryType;
}

/** The data source's jsonData as Grafana's generics want it: our keys plus Grafana's common ones. */
export interface TraceoDataSourceOptions extends DataSourceJsonData, TraceoDataSourceJsonData {}
