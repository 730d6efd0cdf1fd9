/**
 * How the plugin process scores anomaly series: worker threads sized from the machine, or inline.
 *
 * GF_PLUGIN_ANOMALY_WORKERS caps the workers (Grafana passes `[plugin.traceo-ml-datasource] anomaly_workers`
 * to the plugin under that name); 0 scores on the main thread. Without the setting: one core left to the
 * main thread (gRPC, Prometheus responses, frames), the others for scoring, at most DEFAULT_MAX_WORKERS.
 */
import { availableParallelism } from 'node:os';

import { log } from 'backend/grafana';

import { InlineScoring, type SeriesScoring } from '../series-scoring';
import { AnomalyWorkerPool } from './pool';
import { bundledWorkerCode } from './worker-code';

export const ANOMALY_WORKERS_ENV = 'GF_PLUGIN_ANOMALY_WORKERS';
/** Each worker is a V8 isolate of its own (~10 MB before models): more than this rarely pays on one host. */
export const DEFAULT_MAX_WORKERS = 4;

/** Worker threads for `cores` cores under the optional cap from the environment. */
export function anomalyWorkerCount(env: NodeJS.ProcessEnv, cores: number): number {
  const setting = env[ANOMALY_WORKERS_ENV]?.trim();
  const cap = setting ? Number(setting) : DEFAULT_MAX_WORKERS;
  if (!Number.isInteger(cap) || cap < 0) {
    log.warn(`${ANOMALY_WORKERS_ENV} must be a whole number ≥ 0; using the default`, { value: setting });
    return anomalyWorkerCount({}, cores);
  }
  return Math.min(cap, Math.max(1, cores - 1));
}

export function defaultAnomalyScoring(
  env: NodeJS.ProcessEnv = process.env,
  workerCode: () => string | undefined = bundledWorkerCode
): SeriesScoring {
  const size = anomalyWorkerCount(env, availableParallelism());
  const code = size > 0 ? workerCode() : undefined;
  if (!code) {
    return new InlineScoring();
  }
  log.debug('Anomaly series are scored in worker threads', { workers: size });
  return new AnomalyWorkerPool({ size, workerCode: code });
}
