import { AnnotationQuery } from '@grafana/data';

import { DEFAULT_QUERY, TraceoQueryModel } from 'contract/query';

import { TraceoQuery } from './types';

const QUERY_FIELDS = ['queryType', 'expr', 'legendFormat', 'output', 'step'] as const;

/**
 * Annotation queries use the very same query model as panels, kept in `target`. Annotations written by hand
 * (provisioned dashboards) often put the query fields at the top level; they are moved into `target` here so
 * the query editor and the backend always see one shape.
 */
export function prepareTraceoAnnotation(json: AnnotationQuery<TraceoQuery>): AnnotationQuery<TraceoQuery> {
  const topLevel = json as AnnotationQuery<TraceoQuery> & Partial<TraceoQueryModel>;
  const lifted: Partial<TraceoQueryModel> = {};
  for (const field of QUERY_FIELDS) {
    if (topLevel[field] !== undefined) {
      Object.assign(lifted, { [field]: topLevel[field] });
    }
  }
  const target: TraceoQuery = { ...DEFAULT_QUERY, refId: 'Anno', ...lifted, ...json.target };
  return { ...json, target };
}
