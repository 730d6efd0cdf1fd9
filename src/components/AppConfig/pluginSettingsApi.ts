import { lastValueFrom } from 'rxjs';

import { PluginMeta } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';

import { TraceoAppJsonData } from 'contract/settings';

export type AppSettingsUpdate = Pick<PluginMeta<TraceoAppJsonData>, 'enabled' | 'pinned' | 'jsonData'>;

/**
 * Saves the app's settings. Grafana replaces jsonData as a whole, so callers pass the complete object;
 * secureJsonData is left out on purpose so existing secrets are kept.
 */
export async function savePluginSettings(pluginId: string, update: AppSettingsUpdate): Promise<void> {
  await lastValueFrom(
    getBackendSrv().fetch({
      url: `/api/plugins/${encodeURIComponent(pluginId)}/settings`,
      method: 'POST',
      data: update,
      // The config page shows the error next to the form.
      showErrorAlert: false,
    })
  );
}

/** Sets the default data source without dropping keys this page does not know about. */
export function withDefaultDataSource(jsonData: TraceoAppJsonData | undefined, uid: string): TraceoAppJsonData {
  return { ...jsonData, defaultDataSourceUid: uid };
}
