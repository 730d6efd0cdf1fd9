/**
 * The panel's query JSON (contract/query.ts) validated for the Prometheus-backed query types. Grafana adds its
 * own keys (datasource, intervalMs, …) to the JSON, so unknown keys are ignored rather than refused.
 */
import { z } from 'zod';
import { BadRequestError } from 'backend/grafana/errors';
import type { DataQuery } from 'backend/grafana/data';
import { parsePromDuration } from 'backend/prometheus/duration';
import { OUTPUT_MODES, type OutputMode } from 'contract/query';

export interface PromQueryModel {
  /** PromQL as the user wrote it, macros not yet replaced. */
  expr: string;
  legendFormat?: string;
  output: OutputMode;
  /** The model's explicit `step`, in ms. */
  stepMs?: number;
}

const modelSchema = z.object({
  expr: z.string({ error: 'expr must be a string' }).optional(),
  legendFormat: z.string({ error: 'legendFormat must be a string' }).optional(),
  output: z.enum(OUTPUT_MODES, { error: `output must be one of ${OUTPUT_MODES.join(', ')}` }).optional(),
  step: z.string({ error: 'step must be a string such as "30s"' }).optional(),
});

export function parsePromQueryModel(query: DataQuery): PromQueryModel {
  const parsed = modelSchema.safeParse(query.json ?? {});
  if (!parsed.success) {
    throw new BadRequestError(`Invalid query: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const { expr, legendFormat, output, step } = parsed.data;
  if (!expr || expr.trim() === '') {
    throw new BadRequestError('The query has no PromQL expression: fill in expr');
  }
  let stepMs: number | undefined;
  if (step !== undefined && step.trim() !== '') {
    stepMs = parsePromDuration(step);
    if (stepMs === undefined) {
      throw new BadRequestError(`step "${step}" is not a Prometheus duration (e.g. 30s, 1m, 1h30m)`);
    }
  }
  return { expr, legendFormat: legendFormat || undefined, output: output ?? 'panel', stepMs };
}
