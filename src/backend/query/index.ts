/**
 * The data source's QueryData: one handler per query type, routed by `queryType`. Only implemented types are
 * registered, so an unknown or not-yet-available type gets the mux's clear 400 instead of a silent stub.
 */
import { QueryTypeMux } from 'backend/grafana/query-type-mux';
import type { PrometheusClientProvider } from './client-provider';
import { anomalyQueryHandler } from './anomaly';
import { forecastQueryHandler } from './forecast';
import { rawQueryHandler } from './raw';

export type { PrometheusClientProvider } from './client-provider';

export function buildQueryMux(clientFor: PrometheusClientProvider): QueryTypeMux {
  return new QueryTypeMux({ defaultQueryType: 'raw' })
    .handle('raw', rawQueryHandler(clientFor))
    .handle('anomaly', anomalyQueryHandler(clientFor))
    .handle('forecast', forecastQueryHandler(clientFor));
}
