/**
 * The `anomaly` query's options (contract/query.ts AnomalyQueryOptions): validated with messages that name the
 * option and say what a valid value looks like, defaults applied, durations turned into milliseconds. How they
 * become ensemble options at a given step is `ensembleOptions`.
 */
import { z } from 'zod';

import { BadRequestError } from 'backend/grafana/errors';
import type { DataQuery } from 'backend/grafana/data';
import { formatPromDuration, parsePromDuration } from 'backend/prometheus/duration';
import type { AnomalyEnsembleOptions, DetectorName } from 'ml/ensemble/options';
import {
  ANNOTATION_SEVERITIES,
  ANOMALY_DETECTORS,
  ANOMALY_DIRECTIONS,
  type AnnotationSeverity,
  type AnomalyDetector,
  type AnomalyDirection,
  DEFAULT_ANOMALY_DETECTORS,
  DEFAULT_ANOMALY_OPTIONS,
  MAX_TRAINING_WINDOW,
} from 'contract/query';

import { parsePromQueryModel, type PromQueryModel } from './query-model';

/** The contract's detector names; typed so that a name the ensemble does not know fails to compile. */
const DETECTOR_TOGGLES: ReadonlyArray<AnomalyDetector & DetectorName> = ANOMALY_DETECTORS;

export interface ResolvedAnomalyOptions {
  /** Every detector the contract names, on or off: the contract's defaults, not the ensemble's, fill the gaps. */
  detectors: Record<AnomalyDetector, boolean>;
  sensitivity: number;
  trainingWindowMs: number;
  /** `auto`, or fixed periods in ms (empty: no season). */
  seasonality: 'auto' | number[];
  direction: AnomalyDirection;
  minDeviation: number;
  annotationSeverity: AnnotationSeverity;
}

export interface AnomalyQueryModel extends PromQueryModel {
  anomaly: ResolvedAnomalyOptions;
}

const MAX_TRAINING_WINDOW_MS = parsePromDuration(MAX_TRAINING_WINDOW)!;

const duration = (what: string) =>
  z.string({ error: `${what} must be a Prometheus duration such as 7d or 12h` }).transform((text, ctx) => {
    const ms = parsePromDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${what} "${text}" is not a Prometheus duration (e.g. 7d, 12h, 30m)` });
      return z.NEVER;
    }
    return ms;
  });

const optionsSchema = z
  .object(
    {
      detectors: z
        .strictObject(
          Object.fromEntries(
            ANOMALY_DETECTORS.map((name) => [
              name,
              z.boolean({ error: `anomaly.detectors.${name} must be true or false` }).optional(),
            ])
          ) as Record<AnomalyDetector, z.ZodOptional<z.ZodBoolean>>,
          { error: `anomaly.detectors must map detector names (${ANOMALY_DETECTORS.join(', ')}) to true or false` }
        )
        .nullish(),
      sensitivity: z
        .number({ error: 'anomaly.sensitivity must be a number between 0 and 1' })
        .min(0, { error: 'anomaly.sensitivity must be between 0 and 1' })
        .max(1, { error: 'anomaly.sensitivity must be between 0 and 1' })
        .nullish(),
      trainingWindow: duration('anomaly.trainingWindow')
        .refine((ms) => ms > 0, { error: 'anomaly.trainingWindow must be longer than 0s' })
        .refine((ms) => ms <= MAX_TRAINING_WINDOW_MS, {
          error: `anomaly.trainingWindow may be at most the ${MAX_TRAINING_WINDOW} learning period`,
        })
        .nullish(),
      seasonality: z
        .union([z.enum(['auto', 'none']), z.array(z.string())], {
          error: 'anomaly.seasonality must be "auto", "none" or a list of durations such as ["1d", "1w"]',
        })
        .transform((value, ctx) => {
          if (typeof value === 'string') {
            return value;
          }
          const periods: number[] = [];
          for (const text of value) {
            const ms = parsePromDuration(text);
            if (ms === undefined) {
              ctx.addIssue({
                code: 'custom',
                message: `anomaly.seasonality period "${text}" is not a Prometheus duration`,
              });
              return z.NEVER;
            }
            periods.push(ms);
          }
          return periods;
        })
        .nullish(),
      direction: z
        .enum(ANOMALY_DIRECTIONS, { error: `anomaly.direction must be one of ${ANOMALY_DIRECTIONS.join(', ')}` })
        .nullish(),
      minDeviation: z
        .number({ error: 'anomaly.minDeviation must be a number (in the metric’s unit)' })
        .min(0, { error: 'anomaly.minDeviation must be 0 or more' })
        .nullish(),
      annotationSeverity: z
        .enum(ANNOTATION_SEVERITIES, {
          error: `anomaly.annotationSeverity must be one of ${ANNOTATION_SEVERITIES.join(', ')}`,
        })
        .nullish(),
    },
    { error: 'anomaly must be an object of options' }
  )
  .nullish();

export function parseAnomalyQueryModel(query: DataQuery): AnomalyQueryModel {
  const base = parsePromQueryModel(query);
  const json = (query.json ?? {}) as { anomaly?: unknown };
  const parsed = optionsSchema.safeParse(json.anomaly);
  if (!parsed.success) {
    throw new BadRequestError(`Invalid anomaly options: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const o = parsed.data ?? {};
  const seasonality = o.seasonality ?? DEFAULT_ANOMALY_OPTIONS.seasonality;
  return {
    ...base,
    anomaly: {
      detectors: withDefaults(o.detectors ?? {}),
      sensitivity: o.sensitivity ?? DEFAULT_ANOMALY_OPTIONS.sensitivity,
      trainingWindowMs: o.trainingWindow ?? parsePromDuration(DEFAULT_ANOMALY_OPTIONS.trainingWindow)!,
      seasonality: seasonality === 'auto' ? 'auto' : seasonality === 'none' ? [] : seasonality,
      direction: o.direction ?? DEFAULT_ANOMALY_OPTIONS.direction,
      minDeviation: o.minDeviation ?? DEFAULT_ANOMALY_OPTIONS.minDeviation,
      annotationSeverity: o.annotationSeverity ?? DEFAULT_ANOMALY_OPTIONS.annotationSeverity,
    },
  };
}

export interface StepEnsembleOptions {
  options: AnomalyEnsembleOptions;
  /** Seasonal periods too short to see at this step (under two steps), left out. */
  droppedPeriodsMs: number[];
}

/** Ensemble options at a step: seasonal periods become numbers of grid points. */
export function ensembleOptions(resolved: ResolvedAnomalyOptions, stepMs: number): StepEnsembleOptions {
  const droppedPeriodsMs: number[] = [];
  let periods: number[] | 'auto' = 'auto';
  if (resolved.seasonality !== 'auto') {
    periods = [];
    for (const ms of resolved.seasonality) {
      const points = Math.round(ms / stepMs);
      if (points >= 2) {
        periods.push(points);
      } else {
        droppedPeriodsMs.push(ms);
      }
    }
  }
  return {
    options: {
      detectors: resolved.detectors,
      sensitivity: resolved.sensitivity,
      direction: resolved.direction,
      minDeviation: resolved.minDeviation,
      seasonal: { periods },
      // Fixed: the same data must give the same scores on every refresh and in every replica.
      seed: 1,
    },
    droppedPeriodsMs,
  };
}

/** What tells two models apart: every option that changes scores (not the annotation threshold). */
export function modelOptionsKey(resolved: ResolvedAnomalyOptions): string {
  const { detectors, sensitivity, trainingWindowMs, seasonality, direction, minDeviation } = resolved;
  const detectorStates = DETECTOR_TOGGLES.map((name) => detectors[name]);
  return JSON.stringify([detectorStates, sensitivity, trainingWindowMs, seasonality, direction, minDeviation]);
}

export function describeSeasonality(resolved: ResolvedAnomalyOptions): string {
  if (resolved.seasonality === 'auto') {
    return 'auto';
  }
  return resolved.seasonality.length === 0 ? 'none' : resolved.seasonality.map(formatPromDuration).join(', ');
}

function withDefaults(detectors: Partial<Record<AnomalyDetector, boolean | undefined>>) {
  const out = { ...DEFAULT_ANOMALY_DETECTORS };
  for (const name of DETECTOR_TOGGLES) {
    out[name] = detectors[name] ?? out[name];
  }
  return out;
}
