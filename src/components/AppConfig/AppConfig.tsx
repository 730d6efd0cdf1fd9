import { css } from '@emotion/css';
import React, { FormEvent, useState } from 'react';

import { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Stack, useStyles2 } from '@grafana/ui';

import { fetchErrorMessage } from 'components/fetchErrorMessage';
import { testIds } from 'components/testIds';
import { DATASOURCE_PLUGIN_ID, TraceoAppJsonData } from 'contract/settings';

import { GRAFANA_LINKS } from '../../constants';
import { savePluginSettings, withDefaultDataSource } from './pluginSettingsApi';
import { reloadPage } from './reloadPage';

export type AppConfigProps = PluginConfigPageProps<AppPluginMeta<TraceoAppJsonData>>;

const DATASOURCE_INPUT_ID = 'traceo-app-config-datasource';

/** The app's configuration page: which Traceo ML data source the app pages use. */
export default function AppConfig({ plugin }: AppConfigProps) {
  const styles = useStyles2(getStyles);
  const { id, enabled, pinned, jsonData } = plugin.meta;
  const savedUid = jsonData?.defaultDataSourceUid;
  const [uid, setUid] = useState<string | undefined>(savedUid);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!uid) {
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      await savePluginSettings(id, { enabled, pinned, jsonData: withDefaultDataSource(jsonData, uid) });
      reloadPage();
    } catch (err) {
      setError(fetchErrorMessage(err, 'Saving the settings failed'));
      setSaving(false);
    }
  };

  return (
    <form onSubmit={onSubmit} data-testid={testIds.appConfig.container} className={styles.form}>
      <FieldSet label="Data source">
        <Field
          label="Default Traceo ML data source"
          description={
            <>
              The app pages (labeling, experiments, models, drift) read and write through this data source. If the list
              is empty, <a href={GRAFANA_LINKS.newDataSource}>add a Traceo ML data source</a> first.
            </>
          }
        >
          <div data-testid={testIds.appConfig.dataSourcePicker}>
            <DataSourcePicker
              inputId={DATASOURCE_INPUT_ID}
              pluginId={DATASOURCE_PLUGIN_ID}
              current={uid ?? null}
              onChange={(ds) => setUid(ds.uid)}
              noDefault
              width={60}
              placeholder="Select a Traceo ML data source"
            />
          </div>
        </Field>
        <Stack direction="column" gap={2} alignItems="flex-start">
          <Alert severity="info" title="Provisioned app?" bottomSpacing={0}>
            Grafana restores the provisioned settings on every restart. If this app is provisioned, change{' '}
            <code>defaultDataSourceUid</code> in the provisioning file as well.
          </Alert>
          {error && (
            <Alert severity="error" title="Could not save the settings" data-testid={testIds.appConfig.error}>
              {error}
            </Alert>
          )}
          <Button type="submit" data-testid={testIds.appConfig.submit} disabled={saving || !uid || uid === savedUid}>
            {saving ? 'Saving…' : 'Save settings'}
          </Button>
        </Stack>
      </FieldSet>
    </form>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({
    maxWidth: theme.breakpoints.values.md,
  }),
});
