/** Prometheus HTTP API: client, errors, and the range-query arithmetic (step, alignment, macros). */
export * from './client';
export * from './errors';
export * from './samples';
export { formatPromDuration, parsePromDuration } from './duration';
export { findUninterpolatedVariables, interpolateMacros } from './macros';
export * from './step';
export { createPrometheusClient } from './from-settings';
