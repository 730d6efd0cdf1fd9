/**
 * zod schema of the data source's jsonData. jsonData arrives from the browser, the HTTP API and provisioning
 * YAML, so it is lenient about representation (`"30"` or `30`, `"true"` or `true`, `""` for unset) and strict
 * about meaning. Custom headers are read separately (custom-headers.ts) because their keys are numbered.
 */
import { z } from 'zod';
import { parsePromDuration } from 'backend/prometheus/duration';
import { AUTH_METHODS } from 'contract/settings';

/** Longest timeout we accept: Grafana's own alert evaluation gives up after 30 s by default anyway. */
export const MAX_TIMEOUT_SECONDS = 3600;
/** Longest incremental-query overlap: beyond a day, fetching the whole range is what was meant. */
export const MAX_OVERLAP_MS = 86_400_000;
/** Far above any sane panel; guards against typos such as 2e9 that would disable the limit. */
export const MAX_SERIES_CEILING = 1_000_000;

const blankToUndefined = (value: unknown): unknown =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

const numberLike = (value: unknown): unknown => {
  const v = blankToUndefined(value);
  return typeof v === 'string' && Number.isFinite(Number(v)) ? Number(v) : v;
};

const booleanLike = (value: unknown): unknown => {
  const v = blankToUndefined(value);
  if (v === 'true') {
    return true;
  }
  if (v === 'false') {
    return false;
  }
  return v;
};

const optionalText = z.preprocess(
  (v) => (typeof v === 'string' ? blankToUndefined(v.trim()) : blankToUndefined(v)),
  z.string({ error: 'must be a string' }).optional()
);

const optionalFlag = z.preprocess(booleanLike, z.boolean({ error: 'must be true or false' }).optional());

export const jsonDataSchema = z.object({
  prometheusUrl: optionalText,
  authMethod: z.preprocess(
    blankToUndefined,
    z.enum(AUTH_METHODS, { error: `must be one of ${AUTH_METHODS.join(', ')}` }).optional()
  ),
  basicAuthUser: optionalText,
  tlsSkipVerify: optionalFlag,
  tlsWithCACert: optionalFlag,
  /** The name Grafana's stock DataSourceHttpSettings editor uses for the same switch. */
  tlsAuthWithCACert: optionalFlag,
  timeoutSeconds: z.preprocess(
    numberLike,
    z
      .number({ error: 'must be a number of seconds' })
      .positive({ error: 'must be greater than 0' })
      .max(MAX_TIMEOUT_SECONDS, { error: `must be at most ${MAX_TIMEOUT_SECONDS}` })
      .optional()
  ),
  incrementalQuerying: optionalFlag,
  incrementalQueryOverlapWindow: optionalText.pipe(
    z
      .string()
      .optional()
      .refine((text) => text === undefined || (parsePromDuration(text) ?? 0) > 0, {
        error: 'must be a Prometheus duration longer than 0s (e.g. 10m)',
      })
      .refine((text) => text === undefined || (parsePromDuration(text) ?? 0) <= MAX_OVERLAP_MS, {
        error: 'must be at most 1d',
      })
  ),
  maxSeries: z.preprocess(
    numberLike,
    z
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(MAX_SERIES_CEILING, { error: `must be at most ${MAX_SERIES_CEILING}` })
      .optional()
  ),
});

export type ParsedJsonData = z.infer<typeof jsonDataSchema>;
