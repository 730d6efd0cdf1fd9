import { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { TemplateSrv } from '@grafana/runtime';

import { DataSource } from './datasource';
import { TraceoDataSourceOptions, TraceoQuery } from './types';

interface FakeVariable {
  value: string | string[];
  multi?: boolean;
  includeAll?: boolean;
}

/**
 * Just enough of Grafana's template service: `$name` / `${name}` are replaced, scoped variables win over
 * dashboard variables, and the format function gets the value and the variable, as the real one does.
 */
function fakeTemplateSrv(variables: Record<string, FakeVariable>): TemplateSrv {
  return {
    replace: (target = '', scopedVars?: ScopedVars, format?: unknown) =>
      target.replace(/\$\{(\w+)\}|\$(\w+)/g, (match, braced: string | undefined, plain: string | undefined) => {
        const name = (braced ?? plain)!;
        const scoped = scopedVars?.[name];
        const variable: FakeVariable | undefined = scoped ? { value: String(scoped.value) } : variables[name];
        if (!variable) {
          return match;
        }
        if (typeof format === 'function') {
          return format(variable.value, variable);
        }
        return Array.isArray(variable.value) ? `{${variable.value.join(',')}}` : variable.value;
      }),
  } as unknown as TemplateSrv;
}

const settings = {
  id: 1,
  uid: 'traceo-ml',
  type: 'traceo-ml-datasource',
  name: 'Traceo ML',
  jsonData: {},
  meta: { id: 'traceo-ml-datasource' },
} as unknown as DataSourceInstanceSettings<TraceoDataSourceOptions>;

const query = (patch: Partial<TraceoQuery>): TraceoQuery => ({ refId: 'A', queryType: 'raw', ...patch });

describe('DataSource', () => {
  const variables: Record<string, FakeVariable> = {
    job: { value: 'api' },
    instance: { value: ['10.0.0.1:9100', '10.0.0.2:9100'], multi: true },
    region: { value: ['eu'], multi: true },
    step: { value: '1m' },
  };
  const ds = new DataSource(settings, fakeTemplateSrv(variables));

  describe('applyTemplateVariables', () => {
    it('interpolates the expression with PromQL escaping: multi-value variables become (a|b) regexes', () => {
      const result = ds.applyTemplateVariables(
        query({ expr: 'up{job="$job", instance=~"$instance", region=~"${region}"}' }),
        {}
      );
      expect(result.expr).toBe(
        'up{job="api", instance=~"(10\\\\.0\\\\.0\\\\.1:9100|10\\\\.0\\\\.0\\\\.2:9100)", region=~"eu"}'
      );
    });

    it('interpolates the legend and the step as plain text', () => {
      const result = ds.applyTemplateVariables(
        query({ expr: 'up', legendFormat: '{{instance}} of $job', step: '$step' }),
        {}
      );
      expect(result).toMatchObject({ legendFormat: '{{instance}} of api', step: '1m' });
    });

    it('prefers scoped variables (repeated panels) over dashboard variables', () => {
      const result = ds.applyTemplateVariables(query({ expr: 'up{job="$job"}' }), {
        job: { text: 'worker', value: 'worker' },
      });
      expect(result.expr).toBe('up{job="worker"}');
    });

    it('leaves variables it does not know for the backend (e.g. $__rate_interval) and keeps other fields', () => {
      const original = query({ expr: 'rate(x[$__rate_interval])', output: 'alert', hide: false });
      const result = ds.applyTemplateVariables(original, {});
      expect(result).toEqual({ ...original, expr: 'rate(x[$__rate_interval])' });
    });

    it('does not add fields the query does not have', () => {
      const result = ds.applyTemplateVariables(query({ expr: 'up' }), {});
      expect(result).not.toHaveProperty('legendFormat');
      expect(result).not.toHaveProperty('step');
    });
  });

  it('interpolates queries for Explore and points them at this data source', () => {
    const [result] = ds.interpolateVariablesInQueries([query({ expr: 'up{job="$job"}' })], {});
    expect(result.expr).toBe('up{job="api"}');
    expect(result.datasource).toEqual({ type: 'traceo-ml-datasource', uid: 'traceo-ml' });
  });

  describe('filterQuery', () => {
    it.each([
      [query({ expr: 'up' }), true],
      [query({ expr: 'up', hide: true }), false],
      [query({ expr: '' }), false],
      [query({ expr: '  \n ' }), false],
      [query({}), false],
    ])('filters %p → %p', (q, expected) => expect(ds.filterQuery(q)).toBe(expected));
  });

  it('defaults to a raw query, with alert output inside alert rules', () => {
    expect(ds.getDefaultQuery(CoreApp.Dashboard)).toMatchObject({ queryType: 'raw', expr: '', output: 'panel' });
    expect(ds.getDefaultQuery(CoreApp.UnifiedAlerting)).toMatchObject({ queryType: 'raw', output: 'alert' });
  });

  it('shows the expression, prefixed by the query type unless raw, as the display text', () => {
    expect(ds.getQueryDisplayText(query({ expr: ' up ' }))).toBe('up');
    expect(ds.getQueryDisplayText(query({ queryType: 'anomaly', expr: 'up' }))).toBe('Anomaly: up');
  });

  describe('annotations', () => {
    const prepare = ds.annotations!.prepareAnnotation!;

    it('keeps the query model of an annotation in target', () => {
      const target = query({ refId: 'Anno', expr: 'changes(up[5m]) > 0' });
      const annotation = prepare({ name: 'Restarts', enable: true, iconColor: 'red', target });
      expect(annotation.target).toEqual({ ...target, output: 'panel' });
    });

    it('moves query fields written at the top level (provisioning) into target', () => {
      const annotation = prepare({
        name: 'Restarts',
        enable: true,
        iconColor: 'red',
        expr: 'changes(up[5m]) > 0',
        legendFormat: '{{job}}',
      } as never);
      expect(annotation.target).toEqual({
        refId: 'Anno',
        queryType: 'raw',
        expr: 'changes(up[5m]) > 0',
        legendFormat: '{{job}}',
        output: 'panel',
      });
    });
  });
});
