/**
 * Input validation shared by the routes: zod schemas for the building blocks (bounded text without NUL, epoch
 * or ISO instants, string maps) and parsing of JSON bodies and query strings into clear 400 answers that name
 * every offending field at once.
 */
import { z } from 'zod';

import type { CallResourceRequest } from 'backend/grafana/resource';
import { formatBytes, HttpError, queryOf } from './http';
import { parseInstant } from './time';

/** NUL cannot be stored by PostgreSQL and would make SQLite and PostgreSQL disagree: refused everywhere. */
const NO_NUL = /^[^\0]*$/;

export function text(max: number) {
  return z
    .string({ error: 'must be a string' })
    .max(max, { error: `must be at most ${max} characters` })
    .regex(NO_NUL, { error: 'must not contain NUL characters' });
}

/** Optional text where `""` and `null` both mean "clear it". */
export function nullableText(max: number) {
  return z.preprocess((v) => (v === '' ? null : v), text(max).nullable().optional());
}

export function stringMap(maxKeys: number, maxValue: number) {
  return z
    .record(
      text(200),
      z.preprocess((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v), text(maxValue))
    )
    .refine((m) => Object.keys(m).length <= maxKeys, { error: `must have at most ${maxKeys} entries` });
}

/** An instant as epoch seconds, epoch milliseconds or ISO 8601 / RFC 3339 text; yields epoch milliseconds. */
export const instant = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = parseInstant(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time or epoch seconds/milliseconds' });
    return z.NEVER;
  }
  return ms;
});

/** Numbers that may arrive as text (CSV cells, query strings). */
export function numberLike<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => {
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) {
      return Number(v);
    }
    return v === '' ? undefined : v;
  }, schema);
}

export function issuesMessage(error: z.ZodError, where: string): string {
  const issues = error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : where;
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 20 ? `; and ${error.issues.length - 20} more` : '';
  return `invalid ${where}: ${issues.join('; ')}${more}`;
}

export function checkBodySize(req: CallResourceRequest, maxBytes: number): void {
  if (req.body.length > maxBytes) {
    throw new HttpError(
      413,
      `request body of ${formatBytes(req.body.length)} exceeds the ${formatBytes(maxBytes)} limit of this resource`
    );
  }
}

export function readJson(req: CallResourceRequest): unknown {
  if (req.body.length === 0) {
    throw new HttpError(400, 'request body is empty: a JSON document is expected');
  }
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `request body is not valid JSON: ${(err as Error).message}`);
  }
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new HttpError(400, issuesMessage(result.error, where));
  }
  return result.data;
}

export function parseBody<T extends z.ZodType>(schema: T, req: CallResourceRequest): z.output<T> {
  return parseWith(schema, readJson(req), 'request body');
}

export function parseQuery<T extends z.ZodType>(schema: T, req: CallResourceRequest): z.output<T> {
  return parseWith(schema, Object.fromEntries(queryOf(req)), 'query');
}

/** limit/offset query parameters with a default and a ceiling. */
export function paging(defaultLimit: number, maxLimit: number) {
  return {
    limit: numberLike(
      z
        .number({ error: 'must be a number' })
        .int({ error: 'must be a whole number' })
        .min(1, { error: 'must be at least 1' })
        .max(maxLimit, { error: `must be at most ${maxLimit}` })
        .default(defaultLimit)
    ),
    offset: numberLike(
      z
        .number({ error: 'must be a number' })
        .int({ error: 'must be a whole number' })
        .min(0, { error: 'must be at least 0' })
        .default(0)
    ),
  };
}
