/**
 * History on a regular grid, shared by the query types that learn from the past (anomaly, forecast): fetching a
 * window before the panel range in Prometheus-sized chunks, aligning series on one step, and yielding to the
 * event loop between series so the gRPC server stays responsive.
 */
export * from './event-loop';
export * from './fetch-grid';
export * from './grid';
