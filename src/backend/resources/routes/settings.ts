/**
 * `settings/labeling`: taxonomy extensions, reviewers per item and the PromQL expressions captured around each
 * incident. Everyone reads them (the labeling page needs the taxonomy); only Admins change them.
 */
import { z } from 'zod';

import {
  BUILTIN_ROOT_CAUSES,
  MAX_REVIEWERS_PER_ITEM,
  MAX_ROOT_CAUSE_EXTENSIONS,
  ROOT_CAUSE_PATTERN,
  rootCauseTaxonomy,
} from 'contract/labels';
import type { LabelingSettings, LabelingSettingsView } from 'contract/resources';
import { jsonResponse } from '../http';
import { parseBody, text } from '../validation';
import type { RouteTable } from './route';

const MAX_SNAPSHOT_QUERIES = 20;

const settingsSchema = z.strictObject({
  rootCauseExtensions: z
    .array(
      text(63).regex(ROOT_CAUSE_PATTERN, {
        error: 'must be lower_snake_case: a letter, then letters, digits or "_" (2–63 characters)',
      })
    )
    .max(MAX_ROOT_CAUSE_EXTENSIONS, { error: `must have at most ${MAX_ROOT_CAUSE_EXTENSIONS} entries` })
    .refine((list) => new Set(list).size === list.length, { error: 'must not repeat a root cause' })
    .refine((list) => !list.some((c) => (BUILTIN_ROOT_CAUSES as readonly string[]).includes(c)), {
      error: 'must not repeat a built-in root cause',
    }),
  reviewersPerItem: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(MAX_REVIEWERS_PER_ITEM, { error: `must be at most ${MAX_REVIEWERS_PER_ITEM}` }),
  snapshotQueries: z
    .array(
      z.strictObject({
        name: text(128).trim().min(1, { error: 'must not be empty' }),
        expr: text(10_000).trim().min(1, { error: 'must not be empty' }),
      })
    )
    .max(MAX_SNAPSHOT_QUERIES, { error: `must have at most ${MAX_SNAPSHOT_QUERIES} entries` })
    .refine((list) => new Set(list.map((q) => q.name)).size === list.length, { error: 'names must be unique' }),
});

function view(settings: LabelingSettings): LabelingSettingsView {
  return { ...settings, rootCauses: rootCauseTaxonomy(settings.rootCauseExtensions) };
}

export function registerSettingsRoutes(router: RouteTable): void {
  router.add('GET', 'settings/labeling', {
    access: 'viewer',
    handle: async (ctx) => jsonResponse(200, view(await ctx.store.getLabelingSettings())),
  });

  router.add('PUT', 'settings/labeling', {
    access: 'admin',
    handle: async (ctx) => {
      const settings = parseBody(settingsSchema, ctx.req);
      return jsonResponse(200, view(await ctx.store.putLabelingSettings(settings, ctx.principal.actor)));
    },
  });
}
