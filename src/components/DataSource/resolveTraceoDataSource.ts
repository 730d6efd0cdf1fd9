import { DataSourceInstanceSettings } from '@grafana/data';

/**
 * Which Traceo ML data source the app pages should talk to, and why. The reason matters to the user: a
 * configured data source that was deleted needs a different fix than an app that was never configured.
 */
export type TraceoDataSourceResolution =
  /** The app's configured default exists. */
  | { kind: 'configured'; dataSource: DataSourceInstanceSettings }
  /** No default configured, but a Traceo ML data source exists: use it and suggest pinning it. */
  | { kind: 'fallback'; dataSource: DataSourceInstanceSettings }
  /** The configured uid no longer resolves (deleted, or provisioned with another uid). */
  | { kind: 'missing'; uid: string }
  /** No Traceo ML data source at all. */
  | { kind: 'none' };

export function resolveTraceoDataSource(
  configuredUid: string | undefined,
  available: DataSourceInstanceSettings[]
): TraceoDataSourceResolution {
  if (configuredUid) {
    const configured = available.find((ds) => ds.uid === configuredUid);
    return configured ? { kind: 'configured', dataSource: configured } : { kind: 'missing', uid: configuredUid };
  }
  // Prefer the one the user marked as default, then the first by name so the choice is stable between reloads.
  const sorted = [...available].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name)
  );
  return sorted.length > 0 ? { kind: 'fallback', dataSource: sorted[0] } : { kind: 'none' };
}
