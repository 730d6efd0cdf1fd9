export * from './traceo-settings';
export * from './errors';
export { parseTraceoSettings } from './parse-settings';
export { MAX_SERIES_CEILING, MAX_TIMEOUT_SECONDS } from './json-data-schema';
