import { DataSourceInstanceSettings } from '@grafana/data';

import { resolveTraceoDataSource } from './resolveTraceoDataSource';

const ds = (uid: string, name: string, isDefault = false) => ({ uid, name, isDefault }) as DataSourceInstanceSettings;

describe('resolveTraceoDataSource', () => {
  it('uses the configured data source when it exists', () => {
    const configured = ds('b', 'Second');
    expect(resolveTraceoDataSource('b', [ds('a', 'First'), configured])).toEqual({
      kind: 'configured',
      dataSource: configured,
    });
  });

  it('reports a configured uid that no longer exists instead of silently using another one', () => {
    expect(resolveTraceoDataSource('gone', [ds('a', 'First')])).toEqual({ kind: 'missing', uid: 'gone' });
  });

  it('falls back to the Grafana default, then to the first by name, when nothing is configured', () => {
    const zeta = ds('z', 'Zeta');
    const alpha = ds('a', 'Alpha');
    expect(resolveTraceoDataSource(undefined, [zeta, alpha])).toEqual({ kind: 'fallback', dataSource: alpha });

    const markedDefault = ds('m', 'Middle', true);
    expect(resolveTraceoDataSource(undefined, [zeta, alpha, markedDefault])).toEqual({
      kind: 'fallback',
      dataSource: markedDefault,
    });
  });

  it('says there is none when no Traceo ML data source exists', () => {
    expect(resolveTraceoDataSource(undefined, [])).toEqual({ kind: 'none' });
    expect(resolveTraceoDataSource('', [])).toEqual({ kind: 'none' });
  });
});
