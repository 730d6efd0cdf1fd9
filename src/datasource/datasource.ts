import { AdHocVariableFilter, CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv, TemplateSrv } from '@grafana/runtime';

import { DEFAULT_QUERY } from 'contract/query';

import { prepareTraceoAnnotation } from './annotations';
import { formatPromQLVariable } from './interpolation';
import { queryTypeInfo } from './queryTypes';
import { TraceoDataSourceOptions, TraceoQuery } from './types';

/**
 * Browser side of the Traceo ML data source. Queries run in the backend (panels, Explore, alert rules and
 * recording rules all take the same path); this class only prepares them: defaults, template variables,
 * and skipping queries that cannot return anything.
 */
export class DataSource extends DataSourceWithBackend<TraceoQuery, TraceoDataSourceOptions> {
  constructor(
    instanceSettings: DataSourceInstanceSettings<TraceoDataSourceOptions>,
    private readonly templateSrv: TemplateSrv = getTemplateSrv()
  ) {
    super(instanceSettings);
    this.annotations = { prepareAnnotation: prepareTraceoAnnotation };
  }

  override getDefaultQuery(app: CoreApp): Partial<TraceoQuery> {
    // Alert rules need plain numeric series; everything else gets the rich panel frames.
    const alerting = app === CoreApp.UnifiedAlerting || app === CoreApp.CloudAlerting;
    return { ...DEFAULT_QUERY, output: alerting ? 'alert' : 'panel' };
  }

  /** Hidden queries and queries without an expression are not sent: they can only produce an error. */
  override filterQuery(query: TraceoQuery): boolean {
    return !query.hide && Boolean(query.expr?.trim());
  }

  override applyTemplateVariables(
    query: TraceoQuery,
    scopedVars: ScopedVars,
    _filters?: AdHocVariableFilter[]
  ): TraceoQuery {
    const replace = (text: string | undefined, format?: typeof formatPromQLVariable) =>
      text === undefined ? undefined : this.templateSrv.replace(text, scopedVars, format);
    return {
      ...query,
      // Only the expression gets PromQL escaping; the legend and step are plain text.
      ...defined('expr', replace(query.expr, formatPromQLVariable)),
      ...defined('legendFormat', replace(query.legendFormat)),
      ...defined('step', replace(query.step)),
    };
  }

  /** Used by Explore and by "copy to another data source": interpolated queries that still point at us. */
  override interpolateVariablesInQueries(
    queries: TraceoQuery[],
    scopedVars: ScopedVars,
    filters?: AdHocVariableFilter[]
  ): TraceoQuery[] {
    return queries.map((query) => ({
      ...this.applyTemplateVariables(query, scopedVars, filters),
      datasource: this.getRef(),
    }));
  }

  /** How a query reads in query history and in the collapsed query row. */
  override getQueryDisplayText(query: TraceoQuery): string {
    const expr = query.expr?.trim() ?? '';
    const type = query.queryType ?? 'raw';
    return type === 'raw' ? expr : `${queryTypeInfo(type).label}: ${expr}`;
  }
}

/** `{ key: value }` when the value exists, `{}` otherwise, so optional fields are not added as `undefined`. */
function defined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
