/**
 * The data source's QueryData: one handler per query type, routed by `queryType`. Only implemented types are
 * registered, so an unknown or not-yet-available type gets the mux's clear 400 instead of a silent stub.
 */
import { QueryTypeMux } from 'backend/grafana/query-type-mux';
import type { PrometheusClientProvider } from './client-provider';
import { anomalyQueryHandler } from './anomaly';
import type { DetectorWeightsProvider } from './anomaly/label-weights';
import type { AnomalyRecorder } from './anomaly/record-episodes';
import type { SeriesScoring } from './anomaly/series-scoring';
import { forecastQueryHandler } from './forecast';
import { rawQueryHandler } from './raw';

export type { PrometheusClientProvider } from './client-provider';
export { defaultAnomalyScoring } from './anomaly/workers/default-scoring';
export { storeDetectorWeights } from './anomaly/label-weights';
export { storeAnomalyRecorder } from './anomaly/record-episodes';

export interface QueryMuxDependencies {
  /** Where anomaly series are scored (worker threads in the executable); inline by default. */
  anomalyScoring?: SeriesScoring;
  /** Detector weights from labeled anomalies (the incident store in the executable); default weights without. */
  detectorWeights?: DetectorWeightsProvider;
  /** Where detected anomalies are recorded for labeling (the incident store in the executable). */
  recordAnomalies?: AnomalyRecorder;
}

export function buildQueryMux(
  clientFor: PrometheusClientProvider,
  { anomalyScoring, detectorWeights, recordAnomalies }: QueryMuxDependencies = {}
): QueryTypeMux {
  return new QueryTypeMux({ defaultQueryType: 'raw' })
    .handle('raw', rawQueryHandler(clientFor))
    .handle('anomaly', anomalyQueryHandler(clientFor, { scoring: anomalyScoring, detectorWeights, recordAnomalies }))
    .handle('forecast', forecastQueryHandler(clientFor));
}
