/** Where incidents, anomalies, labels and the audit trail live: one Store interface, SQLite or PostgreSQL. */
export type * from './store';
export * from './errors';
export { openStore, type OpenStoreOptions } from './open-store';
export { agreementStats, cohensKappa } from './agreement';
export { labelState } from './label-state';
export { incidentId, derivedAnomalyId, URL_SAFE_ID } from './ids';
